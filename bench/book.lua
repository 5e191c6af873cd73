-- wrk script: POST /api/v1/reservations, each for a new farmer (a distinct phone, so the
-- per-farmer limits never refuse), spread over every branch, the types that need no training and
-- the days of the booking horizon, 1–2 days each. Some are refused with no_capacity where a
-- (branch, type) is already full on those days.
--
--   wrk -s bench/book.lua http://127.0.0.1:PORT -- <salt 1-3>
--
-- Use a different salt per run against one database: phones stay unique (010-6xxx … 010-9xxx,
-- never a seeded farmer's).
dofile("bench/common.lua")
dofile("bench/dataset.lua")

local salt, counter = 1, 0

function init(args)
   salt = tonumber(args[1] or "1")
   math.randomseed(salt * 100 + id)
end

function request()
   counter = counter + 1
   local n = (5 + salt) * 10000000 + id * 1000000 + counter % 1000000
   local phone = string.format("010-%04d-%04d", math.floor(n / 10000), n % 10000)
   local first = math.random(#days)
   local last = math.min(#days, first + math.random(2) - 1)
   local body = string.format(
      '{"branch":"%s","type":"%s","start":"%s","end":"%s","farmer":{"name":"Bench Farmer","phone":"%s"}}',
      pick(branches), pick(untrained_types), days[first], days[last], phone)
   return wrk.format("POST", "/api/v1/reservations", { ["Content-Type"] = "application/json" }, body)
end

function response(status)
   count_status(status)
end
