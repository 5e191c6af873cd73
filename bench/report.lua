-- wrk script for plain GETs (scripts/bench.sh): prints one machine-readable line at the end,
--   WRK requests=<n> seconds=<s> rps=<r> p50_us=<µs> p90_us=<µs> p99_us=<µs> non2xx=<n> errors=<n>
-- so the summary table does not have to parse wrk's human-readable units.

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      "WRK requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d non2xx=%d errors=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(90), latency:percentile(99), e.status,
      e.connect + e.read + e.write + e.timeout))
end
