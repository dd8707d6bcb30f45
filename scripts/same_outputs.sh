#!/usr/bin/env bash
# Shows that two assay binaries print the same bytes: every command's stdout
# (and stderr and exit code) with the embedded data, on the bundled example, the gold
# articles, a pinned 10 MB corpus, the supply model's commands and
# `assay eval`. A refactoring that claims "outputs byte-identical" is checked
# with it (docs/DESIGN.md, "Changing the structure").
#
#   scripts/same_outputs.sh OLD_BINARY NEW_BINARY [WORKDIR]
#
# OLD_BINARY is usually a build of the commit before the change:
#   git worktree add /tmp/assay-old HEAD~1 && cmake -S /tmp/assay-old -B /tmp/assay-old/build -G Ninja \
#     && cmake --build /tmp/assay-old/build --target assay
# The corpus (10 MB of JSON Lines from bench/make_corpus.py, seed 1, built from
# the gold articles) is written to WORKDIR (default /tmp/assay-same) once and
# reused. Prints one line per check and exits 1 when any output differs,
# with the first differing lines.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
old=${1:?usage: same_outputs.sh OLD_BINARY NEW_BINARY [WORKDIR]}
new=${2:?usage: same_outputs.sh OLD_BINARY NEW_BINARY [WORKDIR]}
work=${3:-/tmp/assay-same}
shared=${ASSAY_SHARED_DIR:-$root/../shared}
for b in "$old" "$new"; do
  [ -x "$b" ] || { echo "same_outputs: $b is not an executable" >&2; exit 2; }
done
mkdir -p "$work/old" "$work/new"
corpus=$work/corpus-10mb.jsonl
if [ ! -s "$corpus" ]; then
  python3 "$root/bench/make_corpus.py" "$corpus" --mb 10 --seed 1 >/dev/null || exit 2
fi
example=$root/examples/malaysia-china-processing.txt
gold=()
if [ -d "$shared/eval/articles" ]; then
  for f in "$shared"/eval/articles/*.json; do gold+=("$f"); done
fi

# "--data data" (relative, run from the checkout): under --data DIR the KB
# provenance names DIR's files, so an absolute DIR would differ from a binary
# older than that fix; analyze_cli_test checks the absolute case.
checks=(
  "analyze $example"
  "analyze --format json $example"
  "analyze --format html $example"
  "analyze --format json --no-impact $example"
  "--rules-only analyze --format json $example"
  "--data data analyze --format json $example"
  "extract $example"
  "analyze --format json --jobs 2 $corpus"
  "analyze --jobs 2 $corpus"
  "kb check"
  "kb check --format json"
  "--data data kb check"
  "lexicon check"
  "chain summary"
  "chain summary --format json"
  "chain summary --format html"
  "chain stages"
  "chain stages --format json"
  "chain facility lynas-malaysia-cracking"
  "chain facility lynas-kalgoorlie --format json"
  "chain scenario myanmar-clay-halt"
  "chain scenario china-april-2025-controls --format json"
  "chain scenario lynas-malaysia-licence-loss malaysia-china-refinery"
  "chain scenario malaysia-china-refinery --set capacity=20000 --format md"
  "chain montecarlo baseline --draws 200 --seed 7 --threads 2 --format json"
  "chain montecarlo myanmar-clay-halt --draws 50 --seed 1 --demand 30000 --format md"
  "chain facility no-such-facility"
  "chain scenario myanmar-clay-halt --set nope=1"
  "analyze --format pdf $example"
  "analyze /no/such/file.txt"
)
if [ ${#gold[@]} -gt 0 ]; then
  checks+=("analyze --format json ${gold[*]}" "analyze ${gold[*]}" "analyze --format html ${gold[*]}")
  checks+=("eval --format json" "eval --set gold --misses")
fi

failed=0
n=0
for c in "${checks[@]}"; do
  n=$((n + 1))
  # shellcheck disable=SC2086
  (cd "$root" && "$old" $c > "$work/old/$n.out" 2> "$work/old/$n.err"); oc=$?
  # shellcheck disable=SC2086
  (cd "$root" && "$new" $c > "$work/new/$n.out" 2> "$work/new/$n.err"); nc=$?
  label=${c//$root\//}
  label=${label//$shared\//shared\/}
  [ ${#label} -gt 110 ] && label="${label:0:107}..."
  if [ "$oc" != "$nc" ]; then
    echo "DIFFERS  $label: exit $oc -> $nc"; failed=1
  elif ! cmp -s "$work/old/$n.err" "$work/new/$n.err"; then
    echo "DIFFERS  $label (stderr)"
    diff "$work/old/$n.err" "$work/new/$n.err" | head -8
    failed=1
  elif ! cmp -s "$work/old/$n.out" "$work/new/$n.out"; then
    echo "DIFFERS  $label ($(wc -c < "$work/old/$n.out") -> $(wc -c < "$work/new/$n.out") bytes)"
    diff "$work/old/$n.out" "$work/new/$n.out" | head -8
    failed=1
  else
    echo "same     $label ($(wc -c < "$work/new/$n.out") bytes, exit $nc)"
  fi
done
[ "$failed" = 0 ] && echo "all $n outputs byte-identical" || echo "some outputs differ"
exit "$failed"
