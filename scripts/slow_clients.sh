#!/usr/bin/env bash
# Slow clients (issue 6): latency and throughput of normal requests without and with 500
# connections that trickle their requests a byte every 100–500 ms (bench/slow_clients.py; they
# reconnect whenever the server hangs up on them, so 500 stay open all along). Figures for
# docs/hostile-input.md, never assertions in tests.
#
# Usage: scripts/slow_clients.sh [--duration SECONDS] [--slow N] [--connections C]
#                                [--wrk-threads T] [--server-threads N]
# Builds Release into ${AGRIRENT_BUILD_DIR:-build} like scripts/bench.sh. Timings on a shared or
# busy machine are noisy: run it two or three times and take the median run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(agrirent_root)
cd "$root"

duration=10
slow=500
connections=32
wrk_threads=2
server_threads=$(( $(nproc) * 2 > 8 ? $(nproc) * 2 : 8 ))  # the server default
while [ $# -gt 0 ]; do
  case $1 in
    --duration) duration=$2; shift 2 ;;
    --slow) slow=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --wrk-threads) wrk_threads=$2; shift 2 ;;
    --server-threads) server_threads=$2; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "scripts/slow_clients.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

ensure_packages "${AGRIRENT_BUILD_PACKAGES[@]}" wrk curl
command -v python3 >/dev/null 2>&1 || ensure_packages python3

# The server and the slow clients each hold one descriptor per connection.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge $((slow * 2 + 1000)) ] ||
  { echo "scripts/slow_clients.sh: ulimit -n is $(ulimit -n); need $((slow * 2 + 1000))" >&2; exit 1; }

build="${AGRIRENT_BUILD_DIR:-$root/build}"
echo "==> building Release ($build), the server only"
# Like build_tree (scripts/lib.sh), but only the one target this needs.
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$(nproc)" --target agrirent-server

work=$(mktemp -d -p "$build" slow-run.XXXXXX)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

"$build/agrirent-server" --port 0 --db "$work/slow.db" --demo --test-clock \
  --threads "$server_threads" >"$work/server.log" 2>&1 &
pids+=($!)
line=
for _ in $(seq 300); do
  line=$(grep -m1 -o 'agrirent listening on http://127\.0\.0\.1:[0-9]*/' "$work/server.log" || true)
  [ -n "$line" ] && break
  sleep 0.1
done
[ -n "$line" ] || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
base=${line#agrirent listening on }
base=${base%/}
port=${base##*:}
curl -fsS -X PUT -H 'Content-Type: application/json' \
  --data '{"now":"2020-05-12T10:00:00+09:00"}' "$base/api/v1/test/clock" >/dev/null

us_to_ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
open_connections() { curl -fsS "$base/metrics" | sed -n 's/^agrirent_open_connections //p'; }

rows=()
# measure LABEL URL: one wrk run without, then one with the slow clients; two table rows.
measure() {
  local label=$1 url=$2 out stats slow_line='' slow_pid open=- notes with_slow
  for with_slow in 0 1; do
    if [ "$with_slow" = 1 ]; then
      # They start 8 s before wrk, so the server's read timeout (15 s) hangs up on them, and
      # they reconnect, in the middle of the run.
      python3 bench/slow_clients.py 127.0.0.1 "$port" --connections "$slow" \
        --duration $((duration + 10)) >"$work/slow.out" &
      slow_pid=$!
      pids+=("$slow_pid")
      sleep 8
      open=$(open_connections)
    fi
    echo "==> wrk: $label, $([ "$with_slow" = 1 ] && echo "with $slow slow clients" || echo "alone")"
    out=$(wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency -s bench/report.lua "$url")
    sed 's/^/    /' <<<"$out"
    stats=$(grep '^WRK ' <<<"$out")
    notes=
    [ "$(field non2xx "$stats")" = 0 ] || notes="non-2xx: $(field non2xx "$stats")"
    [ "$(field errors "$stats")" = 0 ] || notes+="${notes:+, }socket errors: $(field errors "$stats")"
    if [ "$with_slow" = 1 ]; then
      wait "$slow_pid" || true
      slow_line=$(grep '^SLOW ' "$work/slow.out" || true)
      echo "    $slow_line"
      notes+="${notes:+, }slow clients hung up on: $(field hung_up "$slow_line")"
    fi
    rows+=("| $label | $([ "$with_slow" = 1 ] && echo "$slow slow" || echo none) | ${open} | $(printf '%.0f' "$(field rps "$stats")") | $(us_to_ms "$(field p50_us "$stats")") | $(us_to_ms "$(field p99_us "$stats")") | $notes |")
    open=-
  done
}

measure "GET /healthz" "$base/healthz"
measure "GET availability, all types, 31 days" \
  "$base/api/v1/availability?branch=GS&from=2020-05-18&to=2020-06-17"

commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git -C "$root" status --porcelain 2>/dev/null)" ] || commit+="+changes"
echo
echo "## Slow clients ($(date +%F), commit $commit, $(nproc) cores: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1))"
echo
echo "wrk ${duration}s per row, $wrk_threads threads, $connections connections; server --threads" \
  "$server_threads; slow clients: bench/slow_clients.py, one byte every 100–500 ms, reconnecting" \
  "when hung up on. \"open\" is the server's agrirent_open_connections as the run starts."
echo
echo "| endpoint | slow clients | open | req/s | p50 | p99 | notes |"
echo "|---|---|---:|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
