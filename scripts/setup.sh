#!/usr/bin/env bash
# Installs the Debian packages assay needs, when any is missing, and the npm
# packages of the web app (web/: typescript and vite, which the build runs)
# and of the browser tests (tests/browser: playwright-core, driving the
# Debian chromium, and axe-core; no browser is downloaded).
# Idempotent: does nothing (and needs no network) when everything is present.
set -euo pipefail
PKGS=(
  build-essential cmake ninja-build pkg-config
  clang-16 libclang-rt-16-dev
  libvectorscan-dev libgumbo-dev libsimdjson-dev libfmt-dev libcli11-dev
  libutf8proc-dev nlohmann-json3-dev libglpk-dev coinor-libclp-dev libyaml-cpp-dev libsqlite3-dev libzstd-dev libcpp-httplib-dev
  libxml2-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev python3 python3-jsonschema python3-yaml
  zstd
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
# The npm packages of the web app and of the browser tests, exactly as the
# lock files pin them.
root="$(cd "$(dirname "$0")/.." && pwd)"
npm_ci() {  # npm_ci DIR PACKAGE...: npm ci in DIR when a PACKAGE is missing
  local dir=$1
  shift
  for p in "$@"; do
    if [ ! -f "$dir/node_modules/$p/package.json" ]; then
      echo "setup: npm ci in ${dir#"$root"/}" >&2
      (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
      return
    fi
  done
}
npm_ci "$root/web" typescript vite d3-sankey @types/d3-sankey
npm_ci "$root/tests/browser" playwright-core axe-core
