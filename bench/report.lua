-- wrk script for a plain GET of the URL given to wrk (scripts/bench.sh): pacing and the summary
-- line come from bench/common.lua.
dofile("bench/common.lua")
