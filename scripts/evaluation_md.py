#!/usr/bin/env python3
"""Writes the generated parts of docs/EVALUATION.md from `assay eval --format json`
and `assay train --folds 5` output, keeping the hand-written "## First look at new
gold articles", "## Label families", "## HTML extraction", "## Mojibake repair", "## Genre",
"## Ranking", "## Claims", "## Entity linking", "## Stance (FNC-1)" and "## Stories" sections as they are.

usage: build/assay eval --format json > /tmp/eval.json
       build/assay train --folds 5 --out /tmp/cv > /tmp/train.md
       scripts/evaluation_md.py /tmp/eval.json /tmp/train.md docs/EVALUATION.md
"""
import json
import re
import sys

TEMPLATE = """# Evaluation

Analysis quality is measured, not assumed. `assay eval` scores the analyzer on the labelled sets
of `../shared/eval/` and prints the tables below (`--format json` for machines, `--misses` to list
every gold sentence whose labels differ). The figures here were produced by:

    build/assay eval                      # every set; about 10 s
    build/assay eval --set gold --misses  # the gold articles, with each miss
    build/assay eval --set fnc1           # the stance classifier, 5-fold CV over FNC-1's pairs; about 1 min
    build/assay train --folds 5 --out /tmp/cv   # CV estimates, each model with its own settings (eval/train.h)
    scripts/evaluation_md.py EVAL.json TRAIN.md docs/EVALUATION.md                         # this page

These are **development** sets: the rules were written while reading them and the learned models
(`data/models/*.tsv`) were trained on them, so the in-sample figures are optimistic. A held-out
part of each set is scored elsewhere. Where a model is involved, the k-fold cross-validated figure
below is the honest estimate of what to expect there.

## Gold articles ({articles} articles, LABELS.md)

Sentence boundaries: **F1 {boundary:.3f}** (target >= 0.98). Labels, per sentence:

| label | precision | recall | F1 | support |
|---|---|---|---|---|
{label_rows}
| **micro** | {micro_p:.3f} | {micro_r:.3f} | **{micro_f:.3f}** | {micro_s} |

Targets: micro-F1 >= 0.80; every label with 10 or more instances F1 >= 0.70 (the lowest here is
`{lowest}` at {lowest_f:.3f}).

| article field | figure | target |
|---|---|---|
| stakeholders quoted (F1 over groups) | {quoted:.3f} | >= 0.75 |
| stakeholders expected (F1) | {expected:.3f} | |
| missing voices (F1) | {missing:.3f} | >= 0.75 |
| entities (F1) | {entities:.3f} | |
| origin outlet (accuracy) | {origin:.3f} | |
| outlet type (accuracy) | {outlet:.3f} | |
| events (F1 over types) | {events:.3f} | |
| event status (accuracy over {event_matched} events matched by type) | {event_status:.3f} | |

Missing voices = expected minus quoted, so its errors compound those of both. The expected groups
come from general rules on what a story touches: government when it names a rule, a control or a
public programme or several government actors; state enterprises when it names them (and private
companies unless state enterprises carry the story); the people beside a site and environmental
groups for a mine (a linked site, or mining capacity that opens or stops), for environmental
wording (pollution, waste, radioactivity) or for local wording (residents, jobs, land); investors
for money that changed hands or prices (not a deal only rumoured, and not in a piece that is itself
an investment pitch) when the story names those who hold the stakes (investors, shareholders,
lenders, funds: a grant from a state to a company is no investors' story by itself); industry bodies when it names them (a producers' "coalition" is one); artisanal
and small-scale miners are the community. A source counts as a voice when it speaks, not when its
statistics are cited ("according to US Census Bureau trade data"), and it speaks for the group its
introduction gives it, however the article refers to it later: a title before its first mention
("Prime Minister ... Albanese" then "Albanese said"), an appositive or relative clause after it
("Helena Marsh, who covers battery materials at Northgate Commodity Research" then the speaker tag
"MARSH:" and her "I think"), the long name an acronym abbreviates ("the Authority for the
Regulation ... (ARECOMS)", and "ARECOMS chairman ..." speaks for it). A group word inside a longer
one is the longer one's ("vice-president" is a company office; the "Export-Import Bank" a public
lender, not an investor); an interviewer's question is no voice (LABELS.md edge 20), nor the
writer's own "I". What the rules cannot reach are the annotators' own knowledge of a site
(community voices for the White Mesa mill, whose text names no neighbour), industry bodies a story
never mentions, and groups whose words the attribution rules miss ("Broker Canaccord Genuity set a
21p target", ", said Anne Leclerc, a raw-materials analyst" after a long clause).

Entities are scored as sets of keys (`Analyzer::entity_keys`): a predicted entity matches a gold
one when both give the same key. A country and its adjective or other gazetteer name are the
country ("Chinese", "PRC" and "China" are one; a capital used for its government is not); a
country qualifier is dropped, whether "(Country)" after the name, or "Country's", the country or
its adjective before it ("Ministry of Commerce (China)" = "China's Ministry of Commerce" = "Chinese
Ministry of Commerce"; "US Department of Defense" = "Department of Defense"), and "Commerce
Department" is "Department of Commerce"; a site is one entity with or without its kind ("Mountain
Pass mine" = "Mountain Pass"; plant, mine, refinery, facility, mill, smelter, project, deposit); an
element by name or symbol
is the element, and "NdPr" (or "neodymium-praseodymium") is two entities, neodymium and
praseodymium; any name of one row of `data/kb` (companies, facilities, outlets, with their
aliases and tickers) is that row ("Lynas" = "Lynas Rare Earths"); any other name is compared in
lower case with dots and apostrophes dropped, other punctuation as spaces, "&" as "and" and a
leading "the" dropped ("U.S. Forest Service" = "US Forest Service"). An acronym and its long form
are different keys unless `data/kb` lists both.

Events are matched by type within an article (the analyzer reports one event per type); the
status figure counts a matched event right when one of the gold events of its type has its status.
The status follows the sourcing of the sentences that report the event: a party on the record
`confirmed`, named third parties, unnamed sources or other outlets `reported`, speculation with no
source `rumoured`, intentions and schedules `planned`, a denial `denied`; talks are never
`confirmed`. Where the gold differs from those rules it is mostly an event taken from a background
sentence (an export control told through customs data or people familiar with a carmaker's
stoppage) or unsourced "talk that" a stake could be taken, which the rules call `rumoured`.

## Public sets (development parts)

Each public set is scored as a binary sentence task, mapped to assay's labels as
`../shared/eval/public/README.md` prescribes. Macro-F1 is the mean of both classes' F1. "Rules
alone" and the CV column come from `assay train`; "in sample" from `assay eval`.

| set | mapping | rules alone | rules + model, in sample | rules + model, 5-fold CV | target |
|---|---|---|---|---|---|
| CoNLL-2010 Wikipedia uncertainty ({conll_n}) | hedge, source.anonymous or vague | {cv_uncertainty_rules} | {conll:.3f} | {cv_uncertainty} | >= 0.78 |
| PolNeAR attribution, dev ({polnear_n} sentences) | any source.* | {cv_attribution_rules} (train) | {polnear:.3f} (held out: the model is trained on the train split) | {cv_attribution} (train) | >= 0.85 |
| BABE bias ({babe_n}) | opinion | {cv_bias_rules} | {babe:.3f} | {cv_bias} | >= 0.70 |
| ClaimBuster check-worthiness ({claim_n}) | a checkable claim: a figure, or the claim model | {cv_checkworthy_rules} | {claim:.3f} | {cv_checkworthy} | >= 0.75 |

Reading the table honestly: the CV column is the estimate to trust for CoNLL, BABE and
ClaimBuster, whose development sentences the models were trained on; the in-sample column only
shows what `assay eval` prints on them. By CV, ClaimBuster and BABE pass their targets and CoNLL
does not. BABE's CV rose from 0.699 to 0.721 (issue 11's target 0.72) by two changes to the bias
model alone, measured one at a time: a word's evaluative ending as a feature ("x:ly", "x:ous",
"x:ist", "x:less" ...: a loaded word the training text never held still counts), +0.008 at the old
settings and +0.012 at the new; and shorter, gentler training (4 epochs at rate 0.05 instead of 8
at 0.1), +0.010: longer training learns BABE's topic words. The settings were chosen among about
ten on the same CV folds, so the figure is a little optimistic; neighbouring settings give 0.718
to 0.721. The in-sample BABE figure fell from 0.959 to 0.906 (less memorised) and CoNLL with
`opinion` in the union rose from 0.510 to 0.678 (the bias model fires less on Wikipedia's
neutral prose): the trade this issue asks for. The other three models were not retrained (their
files predate the 16 new gold articles; retraining them is its own change). On PolNeAR the dev figure is a true held-out figure, because the model never saw the
dev articles; it is below the target: of the dev sentences PolNeAR marks as attributed and assay
does not, most hold no cue of assay's attribution lexicon: PolNeAR counts any act of saying,
thinking, deciding or asking ("plans", "agreed", "decided", "declined that assignment", "ruled",
"know"), where LABELS.md counts information attributed to a source, and "did not respond" is
`confirm.absent` only in the gold articles; the rest is a long tail of one-off phrasings. Speaker
tags ("PENCE: ...", "Pat Caddell: ..."), quotations signed after a dash, progressive speech verbs
("is confirming") and unnamed people by role ("his aides said") are counted since stop 7. The
attribution model is only trusted without a cue when it is confident, because on news it
otherwise turns plain statements into sourced ones (a gate of 0.70 or 0.65 instead of 0.75 moves
PolNeAR by +0.000 and +0.002 and costs gold `source.named` 0.004 and 0.008). On CoNLL the
annotators' notion of uncertainty differs from LABELS.md's: "may" of capability ("may be used as
an astringent") is certain there (half of its "may" sentences), a hedge by the letter of
LABELS.md; and "many", "several", "various", "a number of" before a count of things ("many
sites", "several castles") are certain there (about 80 of the rules' false positives in sample)
while the gold articles label them `vague` ("several state-owned producers", "many hard-rock
deposits"). The CV estimates move by about ±0.005 when the lexicon changes the models' cue
features (CoNLL 0.742 at stop 6, between 0.735 and 0.743 over this stop's rule and lexicon changes and L2 settings from 1e-4 to 3e-3). The uncertainty
model may overrule the rules' hedge when it rests on one bare modal or "if" and the model reads the
sentence as certain (the `# veto:` line of `data/models/uncertainty.tsv`; chosen, like the
threshold, on out-of-fold probabilities of CoNLL and the gold articles together, so it also
improved the gold hedge precision); a hedge with any firmer cue stays. Other figures
`assay eval` prints: CoNLL with `opinion` in the union {opinion_union:.3f} (peacock terms are
opinion, and the bias model, fitted to political news, fires too often on Wikipedia); PolNeAR
named sources labelled `source.named` {named_share:.3f}; BABE biased-word recall
{word_recall:.3f} (the opinion evidence is the strongest cue, usually not the annotated word).

The models are reviewable TSV files (`data/models/*.tsv`: one weight per feature: words, lexicon
categories, rule labels, sentence shape), written by `assay train`; they add labels to what the
rules found (the one exception is the uncertainty model's veto above). Each model's threshold is chosen on out-of-fold probabilities (4 inner folds;
the CV estimate nests that choice inside each outer fold), because a model's probabilities on the
sentences it was fitted to are overconfident. `assay --rules-only eval` scores the rules alone.

"""

COMMITTED_HEAD = """## Committed figures

The figures the test suite holds the analyzer to (`eval_regression_test` runs `assay eval` and
fails when any of them drops more than 0.02). Update them, with the reason in the commit message,
when a deliberate change moves them.

| figure | committed |
|---|---|
"""


def main():
    ev = json.load(open(sys.argv[1]))
    train = open(sys.argv[2]).read()
    out_path = sys.argv[3]
    old = open(out_path).read()
    kept = ""
    for head in ("First look at new gold articles", "Label families", "HTML extraction", "Mojibake repair", "Genre", "Ranking",
                 "Claims", "Entity linking", "Stance \\(FNC-1\\)", "Stories"):
        m = re.search(r"## " + head + r".*?(?=\n## |\Z)", old, re.S)
        kept += m.group(0).rstrip() + "\n\n" if m else ""
    cv = {}
    for line in train.splitlines():
        cols = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cols) == 8 and cols[0] in ("uncertainty", "bias", "attribution", "checkworthy"):
            cv["cv_" + cols[0] + "_rules"] = cols[3]
            cv["cv_" + cols[0]] = cols[5]
    g = ev["gold"]
    labels = sorted(g["labels"].items())
    big = [(k, v["f1"]) for k, v in labels if v["support"] >= 10]
    lowest = min(big, key=lambda x: x[1])
    fields = dict(
        articles=g["articles"], boundary=g["sentence_boundary_f1"],
        label_rows="\n".join(f"| {k} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} |" for k, v in labels),
        micro_p=g["micro_precision"], micro_r=g["micro_recall"], micro_f=g["micro_f1"],
        micro_s=sum(v["support"] for _, v in labels), lowest=lowest[0], lowest_f=lowest[1],
        quoted=g["stakeholders_quoted_f1"], expected=g["stakeholders_expected_f1"], missing=g["missing_voices_f1"],
        entities=g["entities_f1"], origin=g["origin_accuracy"], outlet=g["outlet_type_accuracy"],
        events=g["events_f1"], event_status=g["event_status_accuracy"], event_matched=g["event_status_matched"],
        conll=ev["conll"]["macro_f1"], conll_n=ev["conll"]["records"], polnear=ev["polnear"]["macro_f1"],
        polnear_n=ev["polnear"]["records"], babe=ev["babe"]["macro_f1"], babe_n=ev["babe"]["records"],
        claim=ev["claimbuster"]["macro_f1"], claim_n=ev["claimbuster"]["records"],
        opinion_union=ev["conll"]["macro_f1_with_opinion"], named_share=ev["polnear"]["named_source_share_labelled_named"],
        word_recall=ev["babe"]["biased_word_recall"], **cv)
    rows = [("gold.sentence_boundary_f1", g["sentence_boundary_f1"]), ("gold.micro_f1", g["micro_f1"])]
    rows += [(f"gold.labels.{k}.f1", v["f1"]) for k, v in labels if v["support"] >= 10]
    rows += [(f"gold.{k}", g[k]) for k in ("stakeholders_quoted_f1", "stakeholders_expected_f1", "missing_voices_f1",
                                            "entities_f1", "origin_accuracy", "events_f1", "event_status_accuracy")]
    rows += [(f"{s}.macro_f1", ev[s]["macro_f1"]) for s in ("conll", "polnear", "babe", "claimbuster")]
    rows += [("polnear.named_source_share_labelled_named", ev["polnear"]["named_source_share_labelled_named"])]
    committed = COMMITTED_HEAD + "\n".join(f"| `{k}` | {v:.3f} |" for k, v in rows) + "\n"
    page = TEMPLATE.format(**fields) + kept + committed  # formatted before the page is opened for writing
    open(out_path, "w").write(page)


if __name__ == "__main__":
    main()
