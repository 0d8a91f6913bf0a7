-- wrk script: cycles through the paths of a URL list (one full URL per line, '#' comments skipped) on every
-- connection, and prints one JSON line of results at the end.
--   wrk -t1 -c2 -d10s -s bench/lib/wrk-urls.lua http://host:port -- URLS
local paths = {}
local next_index = 0

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" and line:sub(1, 1) ~= "#" then
      table.insert(paths, (line:gsub("^https?://[^/]+", "")))
    end
  end
  next_index = math.random(#paths) - 1
end

function request()
  next_index = next_index % #paths + 1
  return wrk.format("GET", paths[next_index])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "errors": %d, "non2xx": %d, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "bytes": %d}\n',
    summary.requests, summary.duration / 1e6, errors.connect + errors.read + errors.write + errors.timeout,
    errors.status, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.bytes))
end
