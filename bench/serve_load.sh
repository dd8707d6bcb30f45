#!/usr/bin/env bash
# bench/serve_load.sh: load benchmarks of `assay serve` (issue 16) with wrk on
# loopback, the server and wrk on the same machine (docs/PERFORMANCE.md).
#
#   bench/serve_load.sh                # ASSAY_BIN=build/assay DURATION=20s
#
# Seeds a store with the story corpus of tests/data/stories (dev), starts
# `assay serve --rate-limit 0` on a free port, and runs:
#   analyze      POST /v1/analyze, a 3 KB JSON article (bench/data), impacts
#                cached by a first request; 16 connections
#   list, one    GET /v1/articles?limit=20 and GET /v1/articles/KEY; 16 connections
#   stories, story  GET /v1/stories?limit=20 and GET /v1/stories/ID (the story
#                of the first page with the most members): issue 16's story
#                list and story view, answered from the server's cache after
#                the first request; 16 connections (STORY_PATHS="PATH ..."
#                adds lines for other paths)
#   c200         GET /v1/articles with 200 connections: no error expected
# Each prints wrk's requests/s, p50/p99/max latency and errors (bench/wrk/report.lua).
# Then SIGTERM while a load runs: the server must exit 0 (drained).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
ASSAY=${ASSAY_BIN:-$root/build/assay}
DURATION=${DURATION:-20s}
WRK_THREADS=${WRK_THREADS:-1}
# shellcheck source=bench/serve_common.sh
. "$here/serve_common.sh"
start_server
article="$here/data/serve-article.json"
# The first analysis computes the article's supply-model impacts; later ones find them cached.
curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary "@$article" "$base/v1/analyze"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(grep -c . "$root/tests/data/stories/dev/articles.jsonl") articles stored"

# The server's CPU time so far (user + system), in clock ticks.
ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
hz=$(getconf CLK_TCK)
run() {  # NAME CONNECTIONS PATH [BODY_FILE]
  local name=$1 c=$2 path=$3 body=${4:-}
  local line t0 t1 n
  t0=$(ticks)
  line=$(BODY_FILE="$body" wrk -t"$WRK_THREADS" -c"$c" -d"$DURATION" --timeout 10s -s "$here/wrk/report.lua" "$base$path" | grep '^RESULT')
  t1=$(ticks)
  n=$(echo "$line" | sed 's/.*requests=\([0-9]*\).*/\1/')
  # Server CPU per request: what the load average does not change much.
  echo "$name c=$c ${line#RESULT } server_cpu_ms_per_req=$(awk -v a="$t0" -v b="$t1" -v n="$n" -v hz="$hz" 'BEGIN {printf "%.3f", (n > 0 ? (b - a) * 1000 / hz / n : 0)}')"
}
run health 16 /v1/health
run analyze 16 /v1/analyze "$article"
run list 16 "/v1/articles?limit=20"
run one 16 "/v1/articles/$key"
sid=$(curl -sf "$base/v1/stories?limit=20" | python3 -c 'import json,sys; print(max(json.load(sys.stdin)["items"], key=lambda s: len(s["members"]))["id"])')
run stories 16 "/v1/stories?limit=20"
run story 16 "/v1/stories/$sid"
for p in ${STORY_PATHS:-}; do run "story:$p" 16 "$p"; done
run c200 200 "/v1/articles?limit=20"

# Graceful shutdown under load: SIGTERM mid-run, the server drains and exits 0.
wrk -t1 -c32 -d5s --timeout 10s "$base/v1/articles?limit=20" >/dev/null 2>&1 &
load=$!
sleep 2
kill -TERM "$server"
if wait "$server"; then echo "shutdown under load: exit 0"; else echo "shutdown under load: exit $?"; fi
server=
wait "$load" || true
rss=$(grep -o 'stopped' "$work/serve.log" || true)
[ -n "$rss" ] && echo "serve said: assay: stopped"
