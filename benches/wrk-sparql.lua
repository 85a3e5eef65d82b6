-- wrk script for scripts/serve-bench: every request POSTs one SPARQL query, the way a SPARQL
-- 1.1 Protocol client sends it, so that both servers parse, plan and evaluate it each time.
--
--   wrk -s benches/wrk-sparql.lua URL -- QUERY_FILE
--
-- A query that fails (a 503 from a time limit, a 500...) is cheap for a server, so a run that
-- counted it as a request served would flatter whichever server fails most: done() prints
-- wrk's own count of error statuses (its "Non-2xx or 3xx responses" line) beside the socket
-- errors and timeouts, on one line that the bench script reads instead of wrk's prose.

function init(args)
   local path = args[1]
   if not path then
      error("usage: wrk -s wrk-sparql.lua URL -- QUERY_FILE")
   end
   local file = assert(io.open(path, "rb"))
   local query = file:read("*a")
   file:close()
   wrk.method = "POST"
   wrk.body = query
   wrk.headers["Content-Type"] = "application/sparql-query"
   wrk.headers["Accept"] = "application/sparql-results+json"
   -- No request() function: wrk then formats this request once and sends the same bytes
   -- every time, so the load generator spends next to nothing per request.
end

function done(summary, latency, requests)
   local e = summary.errors
   -- requests/s over the run as wrk timed it (µs); latency percentiles are in µs too.
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "SERVE_BENCH requests=%d seconds=%.3f rps=%.3f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
      "status_errors=%d connect=%d read=%d write=%d timeouts=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3,
      e.status, e.connect, e.read, e.write, e.timeout))
end
