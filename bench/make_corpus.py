#!/usr/bin/env python3
"""Writes a JSON Lines benchmark corpus built from the gold articles.

    bench/make_corpus.py OUT.jsonl [--mb 210] [--seed 1] [--articles DIR]

Each record is {id, url, outlet, published, title, text}. Its text is a
recombination of the paragraphs of the 24 gold articles (../shared/eval/
articles/*.json): the lead paragraph of one article, then 2 to 6 paragraphs
drawn from it and from up to two other articles, in shuffled order, so that
the corpus is made of real rare-earth news prose but no two records are
alike. Outlets, ids, urls and dates vary deterministically with the seed:
the same arguments always give the same bytes. The output is never committed.
Python 3 standard library only.
"""

import argparse
import glob
import json
import os
import random
import sys

OUTLET_STEMS = [
    "Meridian Wire", "Atlas Press Agency", "Pacific Newswire", "Rare Earth Market Monitor",
    "Critical Minerals Ledger", "Magnet Metals Weekly", "Mining Markets Insight", "Ore & Order",
    "Element Alpha", "Deep Value Miners", "The Strategic Metals Letter", "Huaxia Industry Observer",
    "Bharat Public News Service", "The Minerals Audit", "Supply Chain Skeptic", "Asia Metals Brief",
    "GreenGrid Times", "Eurasia Resource Daily", "Northern Ore Review", "Lanthanide Ledger",
]
OUTLET_SUFFIXES = ["", "", "", " Asia", " Europe", " Americas", " Daily", " Online", " Markets", " Pro"]


def slug(s):
    return "".join(c.lower() if c.isalnum() else "-" for c in s).strip("-")


def load_articles(directory):
    arts = []
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        with open(path, encoding="utf-8") as f:
            a = json.load(f)
        paras = [p.strip() for p in a["text"].split("\n\n") if p.strip()]
        arts.append({"id": a["id"], "outlet": a.get("outlet", ""), "title": a.get("title", ""),
                     "published": a.get("published", ""), "paras": paras})
    return arts


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_dir = os.path.join(os.environ.get("ASSAY_SHARED_DIR", os.path.join(here, "..", "..", "shared")),
                               "eval", "articles")
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="output path (e.g. /tmp/corpus.jsonl), '-' for stdout")
    ap.add_argument("--mb", type=float, default=210.0, help="size to reach, in MB of 10^6 bytes (default 210)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--articles", default=default_dir, help="directory of gold article JSON files")
    args = ap.parse_args()

    arts = load_articles(args.articles)
    if not arts:
        sys.exit(f"make_corpus: no articles in {args.articles}")
    rng = random.Random(args.seed)
    target = int(args.mb * 1e6)
    out = sys.stdout.buffer if args.out == "-" else open(args.out + ".tmp", "wb")
    written = 0
    n = 0
    while written < target:
        base = rng.choice(arts)
        others = rng.sample(arts, rng.randint(0, 2))
        pool = base["paras"][1:] + [p for o in others for p in o["paras"]]
        body = rng.sample(pool, min(len(pool), rng.randint(2, 6)))
        paras = [base["paras"][0]] + body
        stem = rng.choice(OUTLET_STEMS) if rng.random() < 0.7 else base["outlet"]
        outlet = stem + rng.choice(OUTLET_SUFFIXES)
        y, m, d = rng.randint(2019, 2026), rng.randint(1, 12), rng.randint(1, 28)
        rid = f"c{args.seed}-{n:07d}-{base['id']}"
        title = base["title"] if rng.random() < 0.8 else rng.choice(arts)["title"]
        rec = {
            "id": rid,
            "url": f"https://{slug(outlet)}.example/{y}/{m:02d}/{rid}",
            "outlet": outlet,
            "published": f"{y}-{m:02d}-{d:02d}",
            "title": title,
            "text": "\n\n".join(paras),
        }
        line = (json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8")
        out.write(line)
        written += len(line)
        n += 1
    if out is not sys.stdout.buffer:
        out.close()
        os.replace(args.out + ".tmp", args.out)
    print(f"make_corpus: {n} records, {written} bytes -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
