#!/usr/bin/env bash
# Whole-corpus runs of `assay analyze --format json` (docs/PERFORMANCE.md,
# "Analyzer (assay analyze)").
#
#   bench/corpus_run.sh [CORPUS] [RUNS]
#
# CORPUS (default /tmp/assay-corpus.jsonl) is written by bench/make_corpus.py
# when it is absent (210 MB; CORPUS_MB=420 for the 2x corpus). Each of
# JOBS (default "1 2") runs RUNS times (default 3) under /usr/bin/time -v,
# output to /dev/null; the best wall time counts, and its CPU time (user +
# system) and peak RSS are printed with it, as well as the worst peak RSS
# of all runs. MB are 10^6 bytes of the JSONL file.
# ASSAY_BIN overrides the binary (default: build/assay).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus=${1:-/tmp/assay-corpus.jsonl}
runs=${2:-3}
jobs_list=${JOBS:-1 2}
assay=${ASSAY_BIN:-$root/build/assay}
[ -x "$assay" ] || { echo "corpus_run: no assay binary at $assay (build first or set ASSAY_BIN)" >&2; exit 1; }
if [ ! -s "$corpus" ]; then
  python3 "$here/make_corpus.py" "$corpus" --mb "${CORPUS_MB:-210}"
fi
bytes=$(stat -c %s "$corpus")
records=$(wc -l < "$corpus")
echo "corpus: $corpus, $bytes bytes, $records records; binary: $assay; best of $runs runs"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %9s %9s %9s %11s %12s %12s %13s\n' jobs "wall s" "user s" "sys s" "wall MB/s" "MB/cpu-s" "RSS MB best" "RSS MB worst"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for j in $jobs_list; do
  best_wall="" best_user="" best_sys="" best_rss="" worst_rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -v -o "$log" "$assay" analyze "$corpus" --format json --jobs "$j" --no-progress > /dev/null
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
    user=$(awk -F': ' '/User time/ { print $2 }' "$log")
    sys=$(awk -F': ' '/System time/ { print $2 }' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")
    [ "$rss" -gt "$worst_rss" ] && worst_rss=$rss
    if [ -z "$best_wall" ] || awk "BEGIN { exit !($wall < $best_wall) }"; then
      best_wall=$wall best_user=$user best_sys=$sys best_rss=$rss
    fi
  done
  awk -v j="$j" -v w="$best_wall" -v u="$best_user" -v s="$best_sys" -v b="$bytes" -v r="$best_rss" -v wr="$worst_rss" \
    'BEGIN { printf "%-6s %9.2f %9.2f %9.2f %11.1f %12.1f %12.1f %13.1f\n", j, w, u, s, b / w / 1e6, b / (u + s) / 1e6, r / 1024, wr / 1024 }'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
