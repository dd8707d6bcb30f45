#!/usr/bin/env python3
"""Generates data/lexicons/entities.tsv: the names of data/kb rows as lexicon
entries of category `entity`, so that the analyzer's one scan finds them
(analysis/link.cc turns them into mentions with a KB id).

  scripts/entity_lexicon.py            # rewrite data/lexicons/entities.tsv
  scripts/entity_lexicon.py --check    # exit 1 when the file is out of date

What it generates, for each row:
  companies.csv   name, every alias, tickers as "EXCH:T" / "EXCH: T", and the
                  bare ticker when it is three or more capital letters
  facilities.csv  name, the name without a trailing kind word ("Mount Weld
                  mine" -> "Mount Weld"), an acronym in parentheses ("(LAMP)")
                  and the name before it; aggregate rows are left out
                  and, as a place (note "place"), the town of its location and
                  the proper name at the head of its name less the company's
                  ("Neo Narva magnet plant" -> "Narva"): the linker takes a
                  place for the plant only beside a word like "plant" and
                  when the article names the plant's company
  deposits.csv    the proper name at the head of the row's name ("Bayan Obo
                  bastnaesite-monazite" -> "Bayan Obo"); generic rows left out
A text that names several rows gets one entry whose note lists every target,
companies first, then facilities, then deposits (the linker picks by context).
Hand-reviewed names (capitals, oxides, element groups, names the kb rows do
not spell) live in data/lexicons/entity_names.tsv, not here.
"""
import csv
import io
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KB = os.path.join(ROOT, "data", "kb")
OUT = os.path.join(ROOT, "data", "lexicons", "entities.tsv")

# Company aliases that are also ordinary words or common names: the linker
# takes them only when the article names the company another way too.
COMMON_WORDS = {"Peak", "Vital", "Rainbow", "Cyclic", "Neo", "Hastings", "Santoku", "Critical Metals", "Golden Dragon",
                "Star Group", "Daido", "Intermetallics", "Northern Rare Earth", "Aclara", "Magnequench"}
KIND_WORDS = ("mine", "plant", "plants", "refinery", "facility", "project", "mill", "deposit", "smelter", "hub",
              "complex", "base")
# Lower-case words that end a deposit's proper name ("Bayan Obo bastnaesite").
GENERIC_DEPOSITS = {"australian-monazite", "china-southern-clay-mix", "sea-clay-mix", "generic-monazite-africa",
                    "heavy-hard-rock", "carbonatite-other", "monazite-sands-india", "myanmar-kachin-clay",
                    "mountain-pass-literature"}


def rows(name):
    with open(os.path.join(KB, name), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def escape(text):
    out = []
    for ch in text:
        if ch.isalnum() or ch in " -'" or ord(ch) > 127:
            out.append(ch)
        else:
            out.append("\\" + ch)
    return "".join(out)


def usable(text):
    t = text.strip()
    if len(t) < 2 or not any(c.isalpha() for c in t):
        return False
    # All lower case would match ordinary words case-insensitively.
    return any(c.isupper() for c in t)


def build():
    targets = {}  # text -> [target, ...]
    order = []

    def add(text, target):
        text = " ".join(text.split())
        if not usable(text):
            return
        if text not in targets:
            targets[text] = []
            order.append(text)
        if target not in targets[text]:
            targets[text].append(target)

    for c in rows("companies.csv"):
        if "aggregate" in c["name"] or "(various)" in c["name"]:
            continue
        t = "companies:" + c["id"]
        add(c["name"], t)
        for a in filter(None, (x.strip() for x in c["aliases"].split(";"))):
            add(a, t)
        for tk in filter(None, (x.strip() for x in c["tickers"].split(";"))):
            exch, _, sym = tk.partition(":")
            if sym:
                add(f"{exch}:{sym}", t)
                add(f"{exch}: {sym}", t)
                if re.fullmatch(r"[A-Z]{3,}", sym):
                    add(sym, t)
    for f in rows("facilities.csv"):
        name = f["name"]
        if "aggregate" in name or "(various)" in name:
            continue
        t = "facilities:" + f["id"]
        add(name, t)
        m = re.search(r"\(([A-Z][A-Z0-9]{1,9})\)", name)
        if m:
            add(m.group(1), t)
        head = re.split(r"\s*[(,]", name)[0].strip()
        add(head, t)
        words = head.split()
        while len(words) > 1 and words[-1].lower() in KIND_WORDS:
            words = words[:-1]
            add(" ".join(words), t)
    for d in rows("deposits.csv"):
        if d["id"] in GENERIC_DEPOSITS:
            continue
        words = []
        for w in re.split(r"\s+", d["name"]):
            if not w or not w[0].isupper() or w.startswith("("):
                break
            words.append(w)
        if words:
            add(" ".join(words), "deposits:" + d["id"])
    # Places of facilities: the town of the location, and the head of the name
    # less a company name, where they are no name already.
    company_names = set()
    for c in rows("companies.csv"):
        company_names.add(c["name"])
        company_names.update(x.strip() for x in c["aliases"].split(";") if x.strip())
    country_names = set()
    for c in rows("countries.csv"):
        country_names.add(c["country"])
    with open(os.path.join(ROOT, "data", "lexicons", "gazetteer.tsv"), encoding="utf-8") as f:
        for line in f:
            parts = line.split("\t")
            if len(parts) > 1 and parts[0] == "country" and re.fullmatch(r"[A-Za-z ]+", parts[1]):
                country_names.add(parts[1])
    generic = {"Rare", "Earth", "Earths", "Industrial", "Magnetic", "Magnetics", "Material", "Materials", "Metals",
               "Division", "Centre", "Vietnam", "NdPr", "Dy/Tb", "OSCOM", "Southern", "Technologies", "Vina"}
    hand = set()
    with open(os.path.join(ROOT, "data", "lexicons", "entity_names.tsv"), encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) > 1 and not line.startswith("#"):
                hand.add(parts[1].lower())
    places = {}
    place_order = []

    def add_place(text, target):
        text = " ".join(text.split())
        if not usable(text) or len(text.split()) > 3 or text in country_names or text in company_names:
            return
        if not all(w[0].isupper() or w[0].isdigit() for w in text.split()) or any(w in generic for w in text.split()):
            return
        places.setdefault(text, [])
        if text not in place_order:
            place_order.append(text)
        if target not in places[text]:
            places[text].append(target)

    for f in rows("facilities.csv"):
        name = f["name"]
        if "aggregate" in name or "(various)" in name:
            continue
        t = "facilities:" + f["id"]
        town = f["location"].split(",")[0].strip()
        if town and "(" not in town:
            add_place(town, t)
        head = []
        for w in re.split(r"\s+", re.split(r"\s*[(,]", name)[0]):
            if not w or not (w[0].isupper() or w[0].isdigit()):
                break
            head.append(w)
        for n in range(len(head) - 1, 0, -1):
            if " ".join(head[:n]) in company_names:
                head = head[n:]
                break
        if head:
            add_place(" ".join(head), t)
    names_lower = {t.lower() for t in order}

    rank = {"companies": 0, "facilities": 1, "deposits": 2}
    lines = ["category\tpattern\tweight\tnote",
             "# GENERATED by scripts/entity_lexicon.py from data/kb/{companies,facilities,deposits}.csv: do not edit;",
             "# run the script after changing those files (ctest entity_lexicon_test fails while this file is stale).",
             "# The note's first word lists the rows the name may mean (table:id, comma-separated), the likeliest first."]
    # Names that differ in case only ("JL MAG", "JL Mag") are one entry: the
    # lexicon holds one pattern per text, matched case-sensitively.
    groups = {}
    for text in order:
        groups.setdefault(text.lower(), []).append(text)
    for key in sorted(groups, key=lambda k: sorted(groups[k])[0]):
        texts = sorted(groups[key])
        tg = []
        for t in texts:
            for x in targets[t]:
                if x not in tg:
                    tg.append(x)
        tg.sort(key=lambda x: rank[x.split(":")[0]])
        pattern = escape(texts[0]) if len(texts) == 1 else "(" + "|".join(escape(t) for t in texts) + ")"
        common = any(t in COMMON_WORDS for t in texts)
        lines.append(f"entity\t{pattern}\t1\t{','.join(tg)}; kb name{', common word' if common else ''}")
    place_groups = {}
    for text in place_order:
        if text.lower() in names_lower or text.lower() in hand:
            continue
        place_groups.setdefault(text.lower(), []).append(text)
    for key in sorted(place_groups, key=lambda k: sorted(place_groups[k])[0]):
        texts = sorted(place_groups[key])
        tg = []
        for t in texts:
            tg += [x for x in places[t] if x not in tg]
        pattern = escape(texts[0]) if len(texts) == 1 else "(" + "|".join(escape(t) for t in texts) + ")"
        lines.append(f"entity\t{pattern}\t1\t{','.join(tg)}; place")
    return "\n".join(lines) + "\n"


def main():
    text = build()
    if len(sys.argv) > 1 and sys.argv[1] == "--check":
        try:
            with open(OUT, encoding="utf-8") as f:
                old = f.read()
        except OSError:
            old = ""
        if old != text:
            print("data/lexicons/entities.tsv is out of date: run scripts/entity_lexicon.py", file=sys.stderr)
            return 1
        return 0
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
