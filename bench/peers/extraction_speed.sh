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
# assay is timed end to end (process start, reading the files, extraction,
# writing the text); Readability.js is timed both end to end and in-process
# (DOM parsing + extraction only, as the script reports it), and the ratio is
# taken against its faster in-process figure.
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
for f in "$pages_gz"/*.html.gz; do
  gzip -dc "$f" > "$work/$(basename "${f%.gz}")"
done
pages=$(find "$work" -name '*.html' | wc -l)
bytes=$(cat "$work"/*.html | wc -c)

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
less() { awk "BEGIN { exit !($1 < $2) }"; }
best_assay=""
for _ in $(seq "$runs"); do
  t0=$(now)
  "$assay" extract "$work" > /dev/null
  t=$(calc "$(now) - $t0")
  if [ -z "$best_assay" ] || less "$t" "$best_assay"; then best_assay=$t; fi
done
best_rd_wall=""
best_rd_in=""
for _ in $(seq "$runs"); do
  t0=$(now)
  out=$(node "$here/readability_extract.mjs" "$work")
  t=$(calc "$(now) - $t0")
  in=$(echo "$out" | sed -E 's/.*"seconds":([0-9.e-]+).*/\1/')
  if [ -z "$best_rd_wall" ] || less "$t" "$best_rd_wall"; then best_rd_wall=$t; fi
  if [ -z "$best_rd_in" ] || less "$in" "$best_rd_in"; then best_rd_in=$in; fi
done

rate() { awk "BEGIN { printf \"%.1f\", $pages / $1 }"; }
echo "pages: $pages ($bytes bytes of HTML), best of $runs runs"
printf '%-40s %8.3f s %8s pages/s\n' "assay extract (end to end)" "$best_assay" "$(rate "$best_assay")"
printf '%-40s %8.3f s %8s pages/s\n' "Readability.js + linkedom (end to end)" "$best_rd_wall" "$(rate "$best_rd_wall")"
printf '%-40s %8.3f s %8s pages/s\n' "Readability.js + linkedom (in-process)" "$best_rd_in" "$(rate "$best_rd_in")"
echo "speed-up of assay over Readability.js: $(awk "BEGIN { printf \"%.1f\", $best_rd_in / $best_assay }")x" \
  "(in-process Readability), $(awk "BEGIN { printf \"%.1f\", $best_rd_wall / $best_assay }")x (end to end)"
