#!/usr/bin/env bash
# Installs the Debian packages assay needs, when any is missing, and the npm
# packages of the browser test (tests/browser: playwright-core, driving the
# Debian chromium; no browser is downloaded).
# Idempotent: does nothing (and needs no network) when everything is present.
set -euo pipefail
PKGS=(
  build-essential cmake ninja-build pkg-config
  clang-16 libclang-rt-16-dev
  libvectorscan-dev libgumbo-dev libsimdjson-dev libfmt-dev libcli11-dev
  libutf8proc-dev nlohmann-json3-dev libglpk-dev coinor-libclp-dev libyaml-cpp-dev libsqlite3-dev libzstd-dev libcpp-httplib-dev
  libxml2-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev python3 python3-jsonschema python3-yaml
  zlib1g-dev chromium
)
# Node.js and npm from Debian, unless a node is already on the PATH.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then PKGS+=(nodejs npm); fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The browser test's npm packages, exactly as the lock file pins them.
browser="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
if [ ! -d "$browser/node_modules/playwright-core" ]; then
  echo "setup: npm ci in tests/browser" >&2
  (cd "$browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
