local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/users/" .. ((n % 943) + 1) .. "/recommendations?k=10")
end
