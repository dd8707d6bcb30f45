#!/usr/bin/env python3
"""What each part of the stored analysis costs packed (docs/PERFORMANCE.md, part 7).

    assay export --db DB > EXPORT.jsonl
    bench/analysis_parts.py EXPORT.jsonl TAG [WORKDIR]

Trains a zstd dictionary (the zstd command) on the first 128 analyses, as the store does, then
packs each of the last 300 at level 3 whole and with one top-level part left out (and with the
sentences' texts left out): a part's share is the packed bytes its absence saves, per analysis.
"""
import json, os, subprocess, sys
src, tag = sys.argv[1], sys.argv[2]
work = sys.argv[3] if len(sys.argv) > 3 else '/tmp/analysis-parts'
lines = open(src).read().splitlines()
train, test = lines[:128], lines[-300:]
d = f'{work}/{tag}'
os.makedirs(d + '/train', exist_ok=True)
for i, l in enumerate(train): open(f'{d}/train/{i:04d}', 'w').write(l)
total = sum(len(l.encode()) for l in train)
subprocess.run(['zstd', '-q', '-f', '--train', *[f'{d}/train/{i:04d}' for i in range(len(train))], '-o', f'{d}/dict',
                f'--maxdict={min(112640, total // 16)}'], check=True, capture_output=True)
def csize(s):
    return len(subprocess.run(['zstd', '-3', '-q', '-c', '-D', f'{d}/dict'], input=s.encode(), capture_output=True).stdout)
keys = list(json.loads(test[0]).keys())
res = {'full': [0, 0]}
for l in test:
    r = json.loads(l)
    l = json.dumps(r, separators=(',', ':'), ensure_ascii=False)
    res['full'][0] += len(l.encode()); res['full'][1] += csize(l)
    for k in keys + ['sentences.text']:
        r2 = dict(r)
        if k == 'sentences.text':
            r2['sentences'] = [{kk: vv for kk, vv in s.items() if kk != 'text'} for s in r['sentences']]
        else:
            r2.pop(k, None)
        s2 = json.dumps(r2, separators=(',', ':'), ensure_ascii=False)
        res.setdefault(k, [0, 0])
        res[k][0] += len(s2.encode()); res[k][1] += csize(s2)
n = len(test)
full = res['full']
print(f'{tag}: full raw {full[0]/n:.0f} B, packed {full[1]/n:.0f} B (dictionary of 128, level 3)')
for k, (raw, c) in res.items():
    if k == 'full': continue
    print(f'  {k:16s} raw {(full[0]-raw)/n:7.0f} B  packed {(full[1]-c)/n:6.0f} B')
