#!/usr/bin/env bash
# Installs the Debian packages assay needs, when any is missing.
# Idempotent: does nothing (and needs no network) when everything is present.
set -euo pipefail
PKGS=(
  build-essential cmake ninja-build pkg-config
  clang-16 libclang-rt-16-dev
  libvectorscan-dev libgumbo-dev libsimdjson-dev libfmt-dev libcli11-dev
  libutf8proc-dev nlohmann-json3-dev libglpk-dev coinor-libclp-dev libyaml-cpp-dev libsqlite3-dev
  libgtest-dev libgmock-dev libbenchmark-dev python3 python3-jsonschema
  zlib1g-dev
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
