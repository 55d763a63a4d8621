-- POST a new volunteer per request.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local V = dofile(dir .. "volunteer.lua")
local n = 0
local headers = V.headers()
function init() math.randomseed(os.time() + math.random(1e6)) end
function request()
  n = n + 1
  return wrk.format("POST", nil, headers, V.body(n))
end
