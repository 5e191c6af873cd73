-- Shared by the wrk scripts of scripts/bench.sh (loaded with dofile from the repository root).
--
-- BENCH_DELAY_MS (environment): every connection waits that long between its requests, so the
-- offered rate is about connections × 1000 / BENCH_DELAY_MS; used to measure latency at half of
-- the peak rate (wrk itself has no rate option).
--
-- done() prints one machine-readable line, so the summary table needs no parsing of wrk's
-- human-readable units:
--   WRK requests=<n> seconds=<s> rps=<r> p50_us=<µs> p90_us=<µs> p99_us=<µs> non2xx=<n> errors=<n>

local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "")
if pause then
   function delay()
      return pause
   end
end

-- Main state: one entry per wrk thread, read back in done().
threads = {}
function setup(thread)
   thread:set("id", #threads)
   threads[#threads + 1] = thread
end

-- Per-thread counters of statuses (scripts that care count in response()).
statuses = {}
function count_status(status)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local by_status = {}
   for _, thread in ipairs(threads) do
      local s = thread:get("statuses")
      if s then
         for code, n in pairs(s) do
            by_status[code] = (by_status[code] or 0) + n
         end
      end
   end
   local parts = {}
   for code, n in pairs(by_status) do
      parts[#parts + 1] = code .. ":" .. n
   end
   table.sort(parts)
   if #parts > 0 then
      io.write("STATUSES " .. table.concat(parts, ",") .. "\n")
   end
   local e = summary.errors
   io.write(string.format(
      "WRK requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d non2xx=%d errors=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(90), latency:percentile(99), e.status,
      e.connect + e.read + e.write + e.timeout))
end
