#!/usr/bin/env bash
# bench/serve_soak.sh: a soak of `assay serve` (issue 16): SECONDS (default
# 600) of load on loopback (analyze of the 3 KB article and the article list
# and view, 8 connections each, with wrk), the server's resident memory
# sampled every 10 s from /proc. Memory should stay flat after warm-up.
#
#   bench/serve_soak.sh [SECONDS]      # ASSAY_BIN=build/assay
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
ASSAY=${ASSAY_BIN:-$root/build/assay}
secs=${1:-600}
# shellcheck source=bench/serve_common.sh
. "$here/serve_common.sh"
start_server
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
echo "start: rss_kb=$(rss) load=$(cut -d' ' -f1-3 /proc/loadavg)"
BODY_FILE="$here/data/serve-article.json" wrk -t1 -c8 -d"${secs}s" --timeout 10s -s "$here/wrk/report.lua" "$base/v1/analyze" >"$work/a.out" &
loads=$!
wrk -t1 -c8 -d"${secs}s" --timeout 10s -s "$here/wrk/report.lua" "$base/v1/articles?limit=20" >"$work/l.out" &
loads="$loads $!"
wrk -t1 -c8 -d"${secs}s" --timeout 10s -s "$here/wrk/report.lua" "$base/v1/articles/$key" >"$work/o.out" &
loads="$loads $!"
for ((t = 10; t <= secs; t += 10)); do
  sleep 10
  echo "t=${t}s rss_kb=$(rss)"
done
# shellcheck disable=SC2086
wait $loads || true
echo "analyze $(grep -h '^RESULT' "$work/a.out" | cut -c8-)"
echo "list    $(grep -h '^RESULT' "$work/l.out" | cut -c8-)"
echo "one     $(grep -h '^RESULT' "$work/o.out" | cut -c8-)"
echo "end: rss_kb=$(rss) load=$(cut -d' ' -f1-3 /proc/loadavg)"
