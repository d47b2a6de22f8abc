-- wrk script of `make bench-hits`: every request a hit from a new reader (its own
-- X-Forwarded-For address, trusted from 127.0.0.1), so every one is counted and written,
-- spread over the article ids given after `--`, with a referrer domain and a device.
local threads = {}

function setup(thread)
  thread:set("number", #threads)
  table.insert(threads, thread)
end

function init(args)
  ids = args
  sent = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.body = "referrer=www.baidu.com&device=phone"
end

function request()
  sent = sent + 1
  local id = ids[(sent % #ids) + 1]
  -- 65,536 readers a thread before an address comes again (each under the rate limit).
  wrk.headers["X-Forwarded-For"] = string.format(
    "10.%d.%d.%d", number % 256, math.floor(sent / 256) % 256, sent % 256
  )
  return wrk.format(nil, "/hits/" .. id .. "/")
end
