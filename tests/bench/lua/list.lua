-- GET the first page of the list filtered on one of the seeded postcodes.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local V = dofile(dir .. "volunteer.lua")
local headers
function init() headers = {["Authorization"] = "Bearer " .. os.getenv("TOKEN")} end
function request()
  local pc = V.postcodes[math.random(#V.postcodes)]:gsub(" ", "")
  return wrk.format("GET", wrk.path .. "?postcode=" .. pc .. "&page=1", headers)
end
