-- Rating writes for one user: MOVIEREC_USER and MOVIEREC_TOKEN from POST /api/users.
-- Each wrk thread walks the ML-100k movie ids 1..1682 with ratings 1..5 (upserts).
local user = os.getenv("MOVIEREC_USER")
local token = os.getenv("MOVIEREC_TOKEN")
local n = 0
request = function()
  n = n + 1
  local movie = (n % 1682) + 1
  local rating = (n % 5) + 1
  return wrk.format("PUT", "/api/users/" .. user .. "/ratings/" .. movie,
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, '{"rating":' .. rating .. '}')
end
