-- wrk script for bench/run.sh: POSTs BENCH_BODY with the headers the environment gives.
-- With BENCH_CHECK_DONE=1 it also reads every answer and counts streams that did not end
-- with "data: [DONE]" (or were not 200) as incomplete.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"

local config = os.getenv("BENCH_CONFIG")
if config and config ~= "" then
  wrk.headers["x-portkey-config"] = config
end
local extra = os.getenv("BENCH_HEADER") -- one more "name: value" header
if extra and extra ~= "" then
  local name, value = string.match(extra, "^([^:]+):%s*(.*)$")
  wrk.headers[name] = value
end
local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then
  wrk.headers["Authorization"] = auth
end

if os.getenv("BENCH_CHECK_DONE") == "1" then
  local threads = {}

  function setup(thread)
    table.insert(threads, thread)
  end

  function init(args)
    complete = 0
    incomplete = 0
  end

  function response(status, headers, body)
    if status == 200 and string.find(body, "data: [DONE]", 1, true) then
      complete = complete + 1
    else
      incomplete = incomplete + 1
    end
  end

  function done(summary, latency, requests)
    local good, bad = 0, 0
    for _, thread in ipairs(threads) do
      good = good + thread:get("complete")
      bad = bad + thread:get("incomplete")
    end
    io.write(string.format("streams_complete=%d streams_incomplete=%d\n", good, bad))
  end
end
