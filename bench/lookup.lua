-- wrk script: a farmer looks up a live reservation by code and phone (GET /api/v1/reservations).
dofile("bench/common.lua")
dofile("bench/dataset.lua")

function init(args)
   math.randomseed(2000 + id)
end

function request()
   local n = math.random(live_reservations) - 1
   return wrk.format("GET", string.format("/api/v1/reservations/%s?phone=010-%04d-%04d", code_of(n),
      5000 + math.floor(n / 10000), n % 10000))
end

function response(status)
   count_status(status)
end
