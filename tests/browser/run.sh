#!/usr/bin/env bash
# The browser test (ctest: browser_test): writes every kind of HTML page assay
# makes with the built binary, then opens each in headless Chromium at 1280
# and 390 px (check_pages.mjs) and fails on console errors or overflowing
# text. Pages: OUT_DIR/browser-pages/NAME.html; screenshots:
# OUT_DIR/screenshots/NAME-WIDTH.png.
#
#   tests/browser/run.sh ASSAY_BIN SOURCE_DIR OUT_DIR
#
# Exits 77 (ctest: skipped) only when Chromium or Node.js is not installed;
# scripts/setup.sh installs both and this folder's node_modules.
set -euo pipefail
assay=$1 src=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] || ! command -v node >/dev/null; then
  echo "browser_test: skipped: needs $chromium and node (scripts/setup.sh installs them)"
  exit 77
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "browser_test: $here/node_modules is missing: run scripts/setup.sh (npm ci in tests/browser)" >&2
  exit 1
fi
pages=$out/browser-pages
mkdir -p "$pages" "$out/screenshots"
rm -f "$pages"/*.html "$out"/screenshots/*.png
gen() {  # gen NAME ARGS...: one page, NAME.html
  local name=$1
  shift
  "$assay" "$@" > "$pages/$name.html"
  specs+=("$name=$pages/$name.html")
}
specs=()
gen analyze analyze --format html "$src/examples/malaysia-china-processing.txt"
gen analyze-verdicts analyze --format html "$src/tests/data/claims/verdicts.json"
gen chain-summary chain summary --format html
gen chain-stages chain stages --format html
gen chain-facility chain facility lynas-malaysia-separation --format html
gen chain-scenario chain scenario myanmar-clay-halt --format html
gen chain-scenarios chain scenario malaysia-china-refinery china-april-2025-controls --format html
gen chain-montecarlo chain montecarlo baseline --draws 400 --seed 3 --format html
gen chain-montecarlo-scenario chain montecarlo myanmar-clay-halt --draws 400 --seed 3 --reference-level 30000 --format html
exec node "$here/check_pages.mjs" "$out/screenshots" "${specs[@]}"
