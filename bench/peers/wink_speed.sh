#!/usr/bin/env bash
# assay analyze against wink-nlp, side by side on the same bytes and machine.
#
#   bench/peers/wink_speed.sh [CORPUS] [SAMPLE_MB] [RUNS]
#
# CORPUS (default /tmp/assay-corpus.jsonl) is the JSON Lines corpus of
# bench/make_corpus.py (written when absent). Its first SAMPLE_MB MB
# (default 20, whole records) are copied to a sample file that both tools read:
#  - wink-nlp 2 with wink-eng-lite-web-model (bench/peers/wink_bench.mjs,
#    one Node process): sentence splitting, tokenisation and entity tagging of
#    each record's text, with wink's smallest pipe for that task (sbd + ner),
#    timed in-process (model loaded, file read and JSON parsed beforehand);
#  - assay (`assay analyze SAMPLE --format json --jobs 1`, output to
#    /dev/null), timed end to end with /usr/bin/time: process start, reading,
#    JSON parsing, the whole analysis (a larger task: labels, quantities,
#    assessment, critique) and writing the JSON.
# Each runs RUNS times (default 3); the best wall time counts, and CPU time
# (user + system) is printed beside it because the machine may be shared.
# Throughput is MB (10^6 bytes) of the sample file per second.
# ASSAY_BIN overrides the assay binary (default: build/assay).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=${1:-/tmp/assay-corpus.jsonl}
sample_mb=${2:-20}
runs=${3:-3}
assay=${ASSAY_BIN:-$root/build/assay}
[ -x "$assay" ] || { echo "wink_speed: no assay binary at $assay (build first or set ASSAY_BIN)" >&2; exit 1; }
command -v node >/dev/null || { echo "wink_speed: node is not installed" >&2; exit 1; }
if [ ! -d "$here/node_modules/wink-nlp" ] || [ ! -d "$here/node_modules/wink-eng-lite-web-model" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --silent)
fi
[ -s "$corpus" ] || python3 "$root/bench/make_corpus.py" "$corpus"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sample=$work/sample.jsonl
# Whole records up to SAMPLE_MB MB (LC_ALL=C: length counts bytes).
LC_ALL=C awk -v max="$(awk "BEGIN { print $sample_mb * 1e6 }")" '{ n += length($0) + 1; if (n > max) exit; print }' \
  "$corpus" > "$sample"
bytes=$(stat -c %s "$sample")
records=$(wc -l < "$sample")
echo "sample: first $records records of $corpus, $bytes bytes; best of $runs runs; load average $(cut -d' ' -f1-3 /proc/loadavg)"

best_w="" best_w_cpu="" w_out=""
for _ in $(seq "$runs"); do
  out=$(node "$here/wink_bench.mjs" "$sample")
  s=$(echo "$out" | sed -E 's/.*"seconds":([0-9.e-]+).*/\1/')
  c=$(echo "$out" | sed -E 's/.*"cpu_seconds":([0-9.e-]+).*/\1/')
  if [ -z "$best_w" ] || awk "BEGIN { exit !($s < $best_w) }"; then best_w=$s w_out=$out; fi
  if [ -z "$best_w_cpu" ] || awk "BEGIN { exit !($c < $best_w_cpu) }"; then best_w_cpu=$c; fi
done
echo "wink-nlp: $w_out"

log=$work/time.log
best_a="" best_a_cpu=""
for _ in $(seq "$runs"); do
  /usr/bin/time -v -o "$log" "$assay" analyze "$sample" --format json --jobs 1 --no-progress > /dev/null
  s=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); t = 0; for (i = 1; i <= n; i++) t = t * 60 + p[i]; print t }' "$log")
  c=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$log")
  if [ -z "$best_a" ] || awk "BEGIN { exit !($s < $best_a) }"; then best_a=$s; fi
  if [ -z "$best_a_cpu" ] || awk "BEGIN { exit !($c < $best_a_cpu) }"; then best_a_cpu=$c; fi
done

rate() { awk "BEGIN { printf \"%.2f\", $bytes / $1 / 1e6 }"; }
printf '%-58s %9s %9s %10s %10s\n' system "wall s" "CPU s" "MB/s wall" "MB/s CPU"
printf '%-58s %9.3f %9.3f %10s %10s\n' "wink-nlp sbd+ner (in-process)" "$best_w" "$best_w_cpu" "$(rate "$best_w")" "$(rate "$best_w_cpu")"
printf '%-58s %9.3f %9.3f %10s %10s\n' "assay analyze --format json --jobs 1 (end to end)" "$best_a" "$best_a_cpu" "$(rate "$best_a")" "$(rate "$best_a_cpu")"
echo "assay / wink-nlp throughput: $(awk "BEGIN { printf \"%.1f\", $best_w / $best_a }")x (wall)," \
  "$(awk "BEGIN { printf \"%.1f\", $best_w_cpu / $best_a_cpu }")x (CPU time)"
