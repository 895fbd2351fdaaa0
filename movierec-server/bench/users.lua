-- Users 1..MOVIEREC_USERS in turn (default 943, ML-100k).
local users = tonumber(os.getenv("MOVIEREC_USERS") or "943")
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/users/" .. ((n % users) + 1) .. "/recommendations?k=10")
end
