-- Spreads another script's requests over time: each connection waits a random pause before
-- each request, exponentially distributed with a mean of PACE_MS milliseconds, so that the
-- connections together send about CONNECTIONS / PACE_MS requests a millisecond, arriving at
-- independent moments, as separate clients do. The script to pace is named by PACED.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. os.getenv("PACED"))
local mean = tonumber(os.getenv("PACE_MS"))
local paced_init = init
function init(args)
  if paced_init then paced_init(args) end
  math.randomseed(os.time() + math.random(1e6))
end
function delay()
  return math.floor(-math.log(1 - math.random()) * mean + 0.5)
end
