#!/usr/bin/env python3
"""The stranger's audit on real news (docs/EVALUATION.md, "A stranger's audit on real news").

  audit_sample.py sample [--seed N] [--exclude AUDIT.tsv ...] SHARED OUT.jsonl
      A fixed, seeded sample of real news bodies nobody here tuned on: 20 pages of
      SHARED/eval/extraction/ground-truth.json and 20 bodies of
      SHARED/eval/public/fnc1.train_bodies.jsonl (seed 21 unless --seed), as assay's JSON
      Lines input ({"id", "text"}). The ids are "gt:<key prefix>" and "fnc1:<body_id>".
      --exclude: the records of earlier audits (their `record` column) are never drawn again;
      they leave the pools before the draw. Without --exclude and with seed 21 the sample is
      labels21's.

  audit_sample.py draw [--seed N] ANALYSES.jsonl OUT.tsv
      From `assay analyze --format jsonl --no-verify --no-impact` over that sample: a seeded
      draw of the sentences each label fired on (25 per label, all of a rarer label) and of
      150 sentences with no label, one row per (record, sentence) with the predicted labels,
      for a person to judge (columns `gold` and `reason` left empty).

  audit_sample.py score AUDIT.tsv ANALYSES.jsonl
      Re-scores a branch's analyses against the committed judgments: per label, precision over
      the judged sentences it fired on in the audit draw, and the labels the judge gave that
      the branch now predicts or misses (recall over all judged sentences). Sentences are
      found by record id and sentence index, so the audit file never holds their text.
"""
import json
import random
import sys
from collections import defaultdict

SEED = 21
PER_SOURCE = 20
PER_LABEL = 25
UNLABELLED = 150
LABELS = ["source.named", "source.anonymous", "source.media", "confirm.official",
          "confirm.absent", "hedge", "intent", "vague", "quantity", "forecast", "opinion",
          "promo"]


def audited_records(paths):
    """The record ids of earlier audit files (their `record` column)."""
    ids = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            col = header.index("record")
            for line in f:
                if line.strip():
                    ids.add(line.rstrip("\n").split("\t")[col])
    return ids


def sample(shared, out, seed=SEED, exclude=()):
    rng = random.Random(seed)
    done = audited_records(exclude)
    gt = json.load(open(f"{shared}/eval/extraction/ground-truth.json", encoding="utf-8"))
    keys = sorted(k for k, v in gt.items() if len(v.get("articleBody", "")) >= 800
                  and "gt:" + k[:12] not in done)
    records = []
    for k in rng.sample(keys, PER_SOURCE):
        records.append({"id": "gt:" + k[:12], "text": gt[k]["articleBody"]})
    bodies = []
    with open(f"{shared}/eval/public/fnc1.train_bodies.jsonl", encoding="utf-8") as f:
        for line in f:
            b = json.loads(line)
            if 800 <= len(b["body"]) <= 8000 and f"fnc1:{b['body_id']}" not in done:
                bodies.append(b)
    bodies.sort(key=lambda b: b["body_id"])
    for b in rng.sample(bodies, PER_SOURCE):
        records.append({"id": f"fnc1:{b['body_id']}", "text": b["body"]})
    with open(out, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def read_analyses(path):
    """{record id: [(sentence index, text, sorted labels)]}"""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            rid = a["document"]["id"] if "document" in a else a["id"]
            sents = []
            for i, s in enumerate(a["sentences"]):
                labels = sorted({l["label"] if isinstance(l, dict) else l for l in s.get("labels", [])})
                sents.append((i, s.get("text", ""), labels))
            out[rid] = sents
    return out


def draw(analyses, out, seed=SEED):
    rng = random.Random(seed)
    an = read_analyses(analyses)
    pool = [(rid, i, labels) for rid in sorted(an) for (i, _, labels) in an[rid]]
    chosen = {}
    for label in LABELS:
        fired = [p for p in pool if label in p[2]]
        for p in rng.sample(fired, min(PER_LABEL, len(fired))):
            chosen[(p[0], p[1])] = p
    empty = [p for p in pool if not p[2]]
    for p in rng.sample(empty, min(UNLABELLED, len(empty))):
        chosen[(p[0], p[1])] = p
    with open(out, "w", encoding="utf-8") as f:
        f.write("source\trecord\tsentence\tpredicted\tgold\treason\n")
        for (rid, i), p in sorted(chosen.items()):
            src = "extraction/ground-truth.json" if rid.startswith("gt:") else \
                "public/fnc1.train_bodies.jsonl"
            f.write(f"{src}\t{rid}\t{i}\t{','.join(p[2])}\t\t\n")


def score(audit, analyses):
    an = read_analyses(analyses)
    rows = []
    with open(audit, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for n, line in enumerate(f, start=2):
            cols = dict(zip(header, line.rstrip("\n").split("\t")))
            rid, i = cols["record"], int(cols["sentence"])
            if rid not in an or i >= len(an[rid]):
                sys.exit(f"{audit}:{n}: record {rid} sentence {i} is not in {analyses}")
            gold = set(filter(None, cols["gold"].split(",")))
            rows.append((set(an[rid][i][2]), gold))
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    for pred, gold in rows:
        for l in pred & gold:
            tp[l] += 1
        for l in pred - gold:
            fp[l] += 1
        for l in gold - pred:
            fn[l] += 1
    print(f"{len(rows)} judged sentences")
    print("| label | fired | correct | precision | judged instances | found | recall (judged) |")
    print("|---|---|---|---|---|---|---|")
    T = F = N = 0
    for l in LABELS:
        fired, gold_n = tp[l] + fp[l], tp[l] + fn[l]
        p = f"{tp[l] / fired:.2f}" if fired else "-"
        r = f"{tp[l] / gold_n:.2f}" if gold_n else "-"
        print(f"| {l} | {fired} | {tp[l]} | {p} | {gold_n} | {tp[l]} | {r} |")
        T, F, N = T + tp[l], F + fp[l], N + fn[l]
    p, r = T / (T + F), T / (T + N)
    print(f"| all (micro) | {T + F} | {T} | {p:.3f} | {T + N} | {T} | {r:.3f} |  F1 {2 * p * r / (p + r):.3f}")


def main(argv):
    if len(argv) < 2 or argv[1] not in ("sample", "draw", "score"):
        sys.exit(__doc__)
    cmd, seed, exclude, args = argv[1], SEED, [], []
    rest = argv[2:]
    while rest:
        a = rest.pop(0)
        if a == "--seed" and rest and cmd in ("sample", "draw"):
            seed = int(rest.pop(0))
        elif a == "--exclude" and cmd == "sample":
            # every following argument that names a .tsv file is an earlier audit
            while rest and rest[0].endswith(".tsv"):
                exclude.append(rest.pop(0))
        elif a.startswith("--"):
            sys.exit(f"unknown option {a} for {cmd}\n" + __doc__)
        else:
            args.append(a)
    if len(args) != 2:
        sys.exit(__doc__)
    if cmd == "sample":
        sample(args[0], args[1], seed, exclude)
    elif cmd == "draw":
        draw(args[0], args[1], seed)
    else:
        score(args[0], args[1])


if __name__ == "__main__":
    main(sys.argv)
