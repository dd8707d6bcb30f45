#!/usr/bin/env bash
# HTML main-content extraction, side by side on the same pages and machine:
# assay (`assay extract DIR`, one process, one core) against Readability.js 0.6
# (npm @mozilla/readability on the linkedom DOM, one Node process).
#
#   bench/peers/extraction_speed.sh [PAGES_DIR] [RUNS]
#
# PAGES_DIR holds *.html.gz pages (default: ../shared/eval/extraction/html).
# They are decompressed once into a temporary directory, so both tools read
# the same bytes. Each tool runs RUNS times (default 5); the best run counts.
# Both are timed end to end (process start, reading the files, extraction,
# writing the text), by wall clock and by CPU time (user + sys: steadier on a
# shared machine); Readability.js is also timed in-process (DOM parsing and
# extraction only, as readability_extract.mjs reports it), and the headline
# ratio is taken against that faster figure.
# ASSAY_BIN overrides the assay binary (default: build/assay).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pages_gz=${1:-$root/../shared/eval/extraction/html}
runs=${2:-5}
assay=${ASSAY_BIN:-$root/build/assay}
[ -x "$assay" ] || { echo "extraction_speed: no assay binary at $assay (build first or set ASSAY_BIN)" >&2; exit 1; }
command -v node >/dev/null || { echo "extraction_speed: node is not installed" >&2; exit 1; }
if [ ! -d "$here/node_modules/@mozilla/readability" ] || [ ! -d "$here/node_modules/linkedom" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --silent)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/pages"
for f in "$pages_gz"/*.html.gz; do
  gzip -dc "$f" > "$work/pages/$(basename "${f%.gz}")"
done
pages=$(find "$work/pages" -name '*.html' | wc -l)
bytes=$(cat "$work/pages"/*.html | wc -c)

calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
less() { awk "BEGIN { exit !($1 < $2) }"; }
# Runs a command once; sets wall and cpu (user + sys, children included) in seconds.
measure() {
  local t
  t=$( { TIMEFORMAT='%R %U %S'; time "$@" > "$work/out.txt"; } 2>&1 )
  wall=$(echo "$t" | awk '{ print $1 }')
  cpu=$(echo "$t" | awk '{ print $2 + $3 }')
}
best_assay_wall="" best_assay_cpu=""
for _ in $(seq "$runs"); do
  measure "$assay" extract "$work/pages"
  if [ -z "$best_assay_wall" ] || less "$wall" "$best_assay_wall"; then best_assay_wall=$wall; fi
  if [ -z "$best_assay_cpu" ] || less "$cpu" "$best_assay_cpu"; then best_assay_cpu=$cpu; fi
done
best_rd_wall="" best_rd_cpu="" best_rd_in=""
for _ in $(seq "$runs"); do
  measure node "$here/readability_extract.mjs" "$work/pages"
  in=$(sed -E 's/.*"seconds":([0-9.e-]+).*/\1/' "$work/out.txt")
  if [ -z "$best_rd_wall" ] || less "$wall" "$best_rd_wall"; then best_rd_wall=$wall; fi
  if [ -z "$best_rd_cpu" ] || less "$cpu" "$best_rd_cpu"; then best_rd_cpu=$cpu; fi
  if [ -z "$best_rd_in" ] || less "$in" "$best_rd_in"; then best_rd_in=$in; fi
done

rate() { awk "BEGIN { printf \"%.1f\", $pages / $1 }"; }
echo "pages: $pages ($bytes bytes of HTML), best of $runs runs; wall-clock and CPU (user + sys) seconds"
row() { printf '%-44s %8.3f s %8s pages/s\n' "$1" "$2" "$(rate "$2")"; }
row "assay extract, end to end, wall" "$best_assay_wall"
row "assay extract, end to end, CPU" "$best_assay_cpu"
row "Readability.js + linkedom, end to end, wall" "$best_rd_wall"
row "Readability.js + linkedom, end to end, CPU" "$best_rd_cpu"
row "Readability.js + linkedom, in-process, wall" "$best_rd_in"
ratio() { awk "BEGIN { printf \"%.1f\", $1 / $2 }"; }
echo "speed-up of assay over Readability.js: $(ratio "$best_rd_in" "$best_assay_wall")x" \
  "(wall, Readability in-process), $(ratio "$best_rd_wall" "$best_assay_wall")x (wall, end to end)," \
  "$(ratio "$best_rd_cpu" "$best_assay_cpu")x (CPU, end to end)"
