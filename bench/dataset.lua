-- What bench/seed_large.cpp puts in the database, for the wrk scripts (dofile'd).
-- Branches: GS, BB and B03 … B20. Types: the seven demo types and BENCH_TYPE_08 … _40, where
-- TRACTOR, COMBINE and every eighth bench type need the safety training (so web bookings of
-- those are refused for new farmers). Live reservations: n = 0 … live - 1, with code code_of(n)
-- (n in base 23 over the booking-code alphabet) and phone 010-(5000 + n / 10000)-(n % 10000). Test clock: 2020-05-12 10:00 KST, so bookable
-- start days are 05-13 … 06-11 (the 30-day horizon).

branches = { "GS", "BB" }
for b = 3, 20 do
   branches[#branches + 1] = string.format("B%02d", b)
end

all_types = { "TRACTOR", "CULTIVATOR", "RICE_TRANSPLANTER", "TILLER", "SEEDER", "POTATO_HARVESTER", "COMBINE" }
untrained_types = { "CULTIVATOR", "RICE_TRANSPLANTER", "TILLER", "SEEDER", "POTATO_HARVESTER" }
for t = 8, 40 do
   local code = string.format("BENCH_TYPE_%02d", t)
   all_types[#all_types + 1] = code
   if t % 8 ~= 0 then
      untrained_types[#untrained_types + 1] = code
   end
end

days = {}
for k = 1, 30 do
   days[#days + 1] = os.date("%Y-%m-%d", os.time { year = 2020, month = 5, day = 12 + k, hour = 12 })
end

live_reservations = tonumber(os.getenv("BENCH_LIVE") or "10000")

function pick(list)
   return list[math.random(#list)]
end

local alphabet = "ACDEFGHJKMNPQRTWXY34679"
function code_of(n)
   local code = ""
   for _ = 1, 8 do
      local digit = n % 23
      code = string.sub(alphabet, digit + 1, digit + 1) .. code
      n = math.floor(n / 23)
   end
   return code
end
