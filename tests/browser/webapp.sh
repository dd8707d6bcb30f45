#!/usr/bin/env bash
# The web app's browser test (ctest: webapp_test): webapp.mjs starts the
# built `assay serve` on a free loopback port and drives headless Chromium
# through each view. Screenshots: OUT_DIR/screenshots/webapp/VIEW-WIDTH.png.
#
#   tests/browser/webapp.sh ASSAY_BIN SOURCE_DIR OUT_DIR
#
# Exits 77 (ctest: skipped) only when Chromium or Node.js is not installed;
# scripts/setup.sh installs both and this folder's node_modules.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] || ! command -v node >/dev/null; then
  echo "webapp_test: skipped: needs $chromium and node (scripts/setup.sh installs them)"
  exit 77
fi
for p in playwright-core axe-core; do
  if [ ! -f "$here/node_modules/$p/package.json" ]; then
    echo "webapp_test: $here/node_modules/$p is missing: run scripts/setup.sh (npm ci in tests/browser)" >&2
    exit 1
  fi
done
exec node "$here/webapp.mjs" "$@"
