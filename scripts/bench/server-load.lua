-- wrk script for scripts/bench/server-load.sh: POSTs one JSON body (BODY_FILE) to PATH and counts the answers by
-- status, so a run shows 429s (overload, expected above capacity) apart from 5xx (never expected).
local body_file = os.getenv("BODY_FILE")
local path = os.getenv("LOAD_PATH") or "/embed"
local f = assert(io.open(body_file, "rb"))
local body = f:read("*a")
f:close()

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  wrk.method = "POST"
  wrk.path = path
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for status, n in pairs(c) do
      total[status] = (total[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(total) do
    table.insert(parts, status .. "=" .. n)
  end
  table.sort(parts)
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f timeouts=%d statuses=%s\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.timeout, table.concat(parts, ",")))
end
