-- bench/wrk/report.lua: wrk's summary as one line for bench/serve_load.sh:
-- requests/s, p50/p99/max latency in ms, and every kind of error.
-- With BODY_FILE set, each request is a POST of that file's bytes with
-- the Content-Type BODY_TYPE (default application/json).
local body_file = os.getenv("BODY_FILE")
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = os.getenv("BODY_TYPE") or "application/json"
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
                         "connect=%d read=%d write=%d timeout=%d non2xx=%d\n",
                         summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
                         e.connect, e.read, e.write, e.timeout, e.status))
end
