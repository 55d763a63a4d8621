-- Shared by the registration benchmark scripts: valid volunteer bodies and the token header.
local V = {}

V.postcodes = {}
for i = 1, 50 do
  V.postcodes[i] = string.format("%d %s", 1000 + 97 * i, i % 2 == 0 and "AB" or "KL")
end
local skills = {"koken", "vervoer", "tuinieren", "klussen", "taalles", "gezelschap"}
local slots = {"ma-ochtend", "di-middag", "wo-middag", "do-avond", "za-ochtend"}

function V.headers()
  return {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN")}
end

function V.body(n)
  return string.format(
    '{"voornaam":"V%d","achternaam":"Bench","email":"v%d.%d@example.nl","postcode":"%s",' ..
    '"vaardigheden":["%s"],"beschikbaarheid":["%s","%s"]}',
    n, n, math.random(1e9), V.postcodes[n % #V.postcodes + 1], skills[n % #skills + 1],
    slots[n % #slots + 1], slots[(n + 2) % #slots + 1])
end

return V
