-- wrk script: POST /api/v1/reservations (scripts/bench.sh). Every request books for a new farmer
-- (a distinct 010-XXXX-XXXX phone, so the per-farmer limits never refuse), spread over the types
-- of the demo branch and the usage days of the booking horizon, so that some bookings are
-- accepted (201) and most, once a type is full, are refused (409 no_capacity; 422 for rules such
-- as training_required on the tractor and the combine).
--
--   wrk -s bench/book.lua http://127.0.0.1:PORT -- <salt 1-8> [branch] [TYPE,TYPE,...]
--
-- The optional type list restricts the draw (e.g. to types that need no safety training).
-- The server's test clock must read 2020-05-12T10:00:00+09:00: starts run 05-12 … 06-11 (the
-- 30-day horizon). Use a different salt per run against one database: phones stay unique.

local types = {
   { "TRACTOR", 3 }, { "CULTIVATOR", 3 }, { "RICE_TRANSPLANTER", 3 }, { "TILLER", 3 },
   { "SEEDER", 3 }, { "POTATO_HARVESTER", 2 }, { "COMBINE", 2 },
}
local days = {}
for k = 0, 30 do
   days[#days + 1] = os.date("%Y-%m-%d", os.time { year = 2020, month = 5, day = 12 + k, hour = 12 })
end

-- Main state: one entry per wrk thread, read back in done().
local threads = {}
function setup(thread)
   thread:set("id", #threads)
   threads[#threads + 1] = thread
end

-- Thread state.
local salt, branch, counter = 1, "GS", 0
c201, c409, c422, cother = 0, 0, 0, 0
reasons = {}

function init(args)
   salt = tonumber(args[1] or "1")
   branch = args[2] or "GS"
   if args[3] then
      local wanted = {}
      for code in string.gmatch(args[3], "[^,]+") do
         wanted[code] = true
      end
      local kept = {}
      for _, t in ipairs(types) do
         if wanted[t[1]] then
            kept[#kept + 1] = t
         end
      end
      types = kept
   end
   math.randomseed(salt * 100 + id)
end

function request()
   counter = (counter + 1) % 1000000
   local n = salt * 10000000 + id * 1000000 + counter -- 8 digits: unique per salt, thread, request
   local phone = string.format("010-%04d-%04d", math.floor(n / 10000), n % 10000)
   local t = types[math.random(#types)]
   local first = math.random(#days)
   local last = math.min(#days, first + math.random(t[2]) - 1)
   local body = string.format(
      '{"branch":"%s","type":"%s","start":"%s","end":"%s","farmer":{"name":"Bench Farmer","phone":"%s"}}',
      branch, t[1], days[first], days[last], phone)
   return wrk.format("POST", "/api/v1/reservations", { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
   if status == 201 then
      c201 = c201 + 1
      return
   end
   if status == 409 then
      c409 = c409 + 1
   elseif status == 422 then
      c422 = c422 + 1
   else
      cother = cother + 1
   end
   local code = string.match(body or "", '"code":"([%w_]+)"') or tostring(status)
   reasons[code] = (reasons[code] or 0) + 1
end

function done(summary, latency, requests)
   local total = { c201 = 0, c409 = 0, c422 = 0, cother = 0 }
   local by_reason = {}
   for _, thread in ipairs(threads) do
      for k, _ in pairs(total) do
         total[k] = total[k] + thread:get(k)
      end
      for code, n in pairs(thread:get("reasons")) do
         by_reason[code] = (by_reason[code] or 0) + n
      end
   end
   local parts = {}
   for code, n in pairs(by_reason) do
      parts[#parts + 1] = code .. "=" .. n
   end
   table.sort(parts)
   io.write(string.format("BOOKINGS 201=%d 409=%d 422=%d other=%d (%s)\n", total.c201, total.c409,
      total.c422, total.cother, table.concat(parts, " ")))
   local e = summary.errors
   io.write(string.format(
      "WRK requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d non2xx=%d errors=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(90), latency:percentile(99), e.status,
      e.connect + e.read + e.write + e.timeout))
end
