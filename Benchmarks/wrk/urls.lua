-- wrk script: rotates over a file of presigned request paths (one per line), with a method, an optional body size and
-- extra headers, and prints one JSON line of results at the end.
--   wrk -s urls.lua URL -- FILE METHOD [BODY_BYTES] [HEADER: VALUE ...]
local paths, method, body, headers = {}, "GET", nil, {}
local counter = 0

function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  method = args[2] or "GET"
  local size = tonumber(args[3] or "0")
  if size and size > 0 then body = string.rep("Z", size) end
  for i = 4, #args do
    local name, value = args[i]:match("^([^:]+):%s*(.*)$")
    headers[name] = value
  end
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  return wrk.format(method, paths[counter], headers, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read, errors.write, errors.status,
    errors.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean))
end
