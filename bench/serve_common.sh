# bench/serve_common.sh: what serve_load.sh and serve_soak.sh share, sourced
# by both after they set `here`, `root` and ASSAY: checks that wrk and the
# binary are there, then start_server seeds a store with the story corpus of
# tests/data/stories/dev, starts `assay serve --rate-limit 0 $SERVE_ARGS` on a
# free loopback port and sets work (a temporary folder, removed on exit),
# server (its pid, stopped on exit), port, base (its URL) and key (a stored
# article's key).
command -v wrk >/dev/null || { echo "$(basename "$0"): wrk is not installed (Debian package wrk)" >&2; exit 2; }
[ -x "$ASSAY" ] || { echo "$(basename "$0"): no $ASSAY (build first, or set ASSAY_BIN)" >&2; exit 2; }

work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

start_server() {
  "$ASSAY" ingest --db "$work/store.db" "$root/tests/data/stories/dev/articles.jsonl" >/dev/null 2>"$work/ingest.log"
  "$ASSAY" serve --db "$work/store.db" --listen 127.0.0.1:0 --rate-limit 0 ${SERVE_ARGS:-} >"$work/port" 2>"$work/serve.log" &
  server=$!
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
  port=$(head -1 "$work/port")
  base="http://127.0.0.1:$port"
  key=$(curl -sf "$base/v1/articles?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["key"])')
}
