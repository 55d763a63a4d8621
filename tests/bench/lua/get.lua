-- GET a random volunteer from the ids in the file named by IDS.
local ids, headers = {}, nil
function init()
  for line in io.lines(os.getenv("IDS")) do ids[#ids + 1] = line end
  headers = {["Authorization"] = "Bearer " .. os.getenv("TOKEN")}
  math.randomseed(os.time())
end
function request()
  return wrk.format("GET", wrk.path .. "/" .. ids[math.random(#ids)], headers)
end
