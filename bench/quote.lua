-- wrk script: GET /api/v1/quote for a random branch, type and 1–3 days of the booking horizon.
dofile("bench/common.lua")
dofile("bench/dataset.lua")

function init(args)
   math.randomseed(1000 + id)
end

function request()
   local first = math.random(#days)
   local last = math.min(#days, first + math.random(3) - 1)
   return wrk.format("GET", string.format("/api/v1/quote?branch=%s&type=%s&start=%s&end=%s",
      pick(branches), pick(all_types), days[first], days[last]))
end

function response(status)
   count_status(status)
end
