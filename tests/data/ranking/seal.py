#!/usr/bin/env python3
"""Sets the `half` of every pair in pairs.jsonl by a fixed rule, applied once
before any tuning: the stories are ordered by the SHA-256 of their name, and
each story in that order is sealed when the sealed pairs then stay within
half of all pairs; the rest are open. The versions of one story stay in one
half, so that tuning on the open half never sees a sealed article. Run it after adding pairs; it
rewrites pairs.jsonl in place and prints the count of each half.

usage: tests/data/ranking/seal.py [tests/data/ranking/pairs.jsonl]
"""
import hashlib
import json
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "tests/data/ranking/pairs.jsonl"
pairs = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
count = {}
for p in pairs:
    count[p["story"]] = count.get(p["story"], 0) + 1
sealed, n = set(), 0
for story in sorted(count, key=lambda s: hashlib.sha256(s.encode()).hexdigest()):
    if 2 * (n + count[story]) > len(pairs):
        continue
    sealed.add(story)
    n += count[story]
with open(path, "w", encoding="utf-8") as f:
    for p in pairs:
        p["half"] = "sealed" if p["story"] in sealed else "open"
        f.write(json.dumps(p, ensure_ascii=False) + "\n")
print(f"{len(pairs) - n} open, {n} sealed ({len(sealed)} of {len(count)} stories)")
