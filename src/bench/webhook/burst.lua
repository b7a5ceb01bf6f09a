-- wrk script: a burst of exactly N signed NetBox webhooks (N/threads per thread), then stop.
-- Environment: BODY (path of the body file), SIGNATURE (lowercase hex HMAC-SHA512 of it),
-- PER_THREAD (responses each wrk thread waits for before it stops), END_FILE (each thread appends
-- the wall clock in ns at its last response; wrk itself always runs for its whole -d).
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Hook-Signature"] = os.getenv("SIGNATURE")
wrk.headers["User-Agent"] = "python-requests/2.32.3"

local limit = tonumber(os.getenv("PER_THREAD"))
local responses = 0

function response(status, headers, body)
  responses = responses + 1
  if responses == limit then
    local out = io.open(os.getenv("END_FILE"), "a")
    local clock = io.popen("date +%s%N")
    out:write(clock:read("*l"), "\n")
    clock:close()
    out:close()
    wrk.thread:stop()
  end
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT responses=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
