#!/usr/bin/env bash
# Benchmarks (issue 6): figures for people (docs/performance.md, README, issue notes), never
# assertions in tests.
#
#  1. bench/domain_bench: one booking decision of the domain core with 1,000 live reservations.
#  2. For each data set size (default: 20,000 and 200,000 reservations), a fresh database seeded by
#     bench/seed_large (20 branches, 40 machine types, 2,000 units; 10,000 live reservations in the
#     next 30 days, the rest past), the Release server on it, and wrk on loopback measuring
#     requests/s and p50/p99 latency of: GET /healthz (the ceiling), availability (one branch,
#     all 40 types, 31 days; plain and gzip), quote, booking creation (new farmers, every branch,
#     the untrained types, the whole horizon; each 201 an fsync'd commit), a farmer's look-up
#     and a clerk's schedule; then each read again, paced at half its peak rate, for its p99;
#     and the server's peak RSS (VmHWM). Each throughput is also given as a ratio of /healthz
#     from the same run.
#
# Usage: scripts/bench.sh [--sizes 20000,200000] [--live 10000] [--duration SECONDS]
#                         [--connections C] [--wrk-threads T] [--server-threads N]
#                         [--skip-domain] [--skip-http]
# Builds Release into ${AGRIRENT_BUILD_DIR:-build} like scripts/run.sh. Timings on a shared or
# busy machine are noisy: run it two or three times and take the median run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(agrirent_root)
cd "$root"

sizes=20000,200000
live=10000
duration=10
connections=32
wrk_threads=2
server_threads=$(( $(nproc) * 2 > 8 ? $(nproc) * 2 : 8 ))  # the server default
run_domain=1
run_http=1
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --live) live=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --wrk-threads) wrk_threads=$2; shift 2 ;;
    --server-threads) server_threads=$2; shift 2 ;;
    --skip-domain) run_domain=0; shift ;;
    --skip-http) run_http=0; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "scripts/bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# The build's packages plus the load generator and the SQLite shell (query plans).
ensure_packages "${AGRIRENT_BUILD_PACKAGES[@]}" wrk sqlite3 curl

build="${AGRIRENT_BUILD_DIR:-$root/build}"
echo "==> building Release ($build)"
build_tree "$build" Release

# The databases live next to the build (a real disk: tmpfs would make fsync free).
work=$(mktemp -d -p "$build" bench-run.XXXXXX)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

summary=()  # Markdown rows of the HTTP table
domain_line=
rss_lines=()

# ---------------------------------------------------------------------------------- server

# Starts the server on database $1 and sets $base (http://127.0.0.1:PORT) and $server_pid.
start_server() {
  local db=$1 out="$work/server.${1##*/}.log" line=
  "$build/agrirent-server" --port 0 --db "$db" --test-clock --threads "$server_threads" \
    --admin-user admin --admin-password demo-admin-2020 >"$out" 2>&1 &
  server_pid=$!
  for _ in $(seq 600); do
    line=$(grep -m1 -o 'agrirent listening on http://127\.0\.0\.1:[0-9]*/' "$out" || true)
    [ -n "$line" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "the server did not start:" >&2
      cat "$out" >&2
      exit 1
    fi
    sleep 0.1
  done
  [ -n "$line" ] || { echo "the server printed no URL:" >&2; cat "$out" >&2; exit 1; }
  base=${line#agrirent listening on }
  base=${base%/}
  # The data set's reference moment: bookable start days 05-13 … 06-11.
  curl -fsS -X PUT -H 'Content-Type: application/json' \
    --data '{"now":"2020-05-12T10:00:00+09:00"}' "$base/api/v1/test/clock" >/dev/null
}

stop_server() {
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=
}

peak_rss_mb() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status"; }

# ------------------------------------------------------------------------------------ wrk

us_to_ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }

# wrk_line CONNECTIONS SCRIPT URL [wrk options and -- script args...]: runs wrk, echoes its
# output indented, and sets $stats (the WRK line) and $statuses (the STATUSES line, if any).
wrk_line() {
  local c=$1 script=$2 url=$3
  shift 3
  local out
  out=$(wrk -t"$wrk_threads" -c"$c" -d"${duration}s" --latency -s "$script" "$url" "$@")
  sed 's/^/    /' <<<"$out" >&2
  stats=$(grep '^WRK ' <<<"$out")
  statuses=$(grep '^STATUSES ' <<<"$out" | cut -d' ' -f2 || true)
}

healthz_rps=

# measure LABEL SCRIPT URL [wrk options...]: the peak run, then (reads only, $paced=1) a run at
# half that rate; appends a row to the summary.
measure() {
  local label=$1 script=$2 url=$3
  shift 3
  echo "==> [$set_label] $label: peak (${duration}s, $wrk_threads threads, $connections connections)"
  wrk_line "$connections" "$script" "$url" "$@"
  local rps p50 p99 notes= ratio half=
  rps=$(field rps "$stats")
  p50=$(field p50_us "$stats")
  p99=$(field p99_us "$stats")
  [ -n "$statuses" ] && notes="status ${statuses//:/ × }"
  [ "$(field errors "$stats")" = 0 ] || notes+="${notes:+, }socket errors: $(field errors "$stats")"
  if [ -z "$healthz_rps" ]; then
    healthz_rps=$rps
    ratio="1.00"
  else
    ratio=$(awk -v a="$rps" -v b="$healthz_rps" 'BEGIN { printf "%.2f", a / b }')
  fi
  if [ "${paced:-0}" = 1 ]; then
    # Half the peak rate: C connections each waiting D ms between requests (wrk's timer has
    # 1 ms steps, so C is chosen to make D about 10 ms).
    local target c d
    target=$(awk -v r="$rps" 'BEGIN { printf "%d", r / 2 }')
    c=$(awk -v t="$target" 'BEGIN { c = int(t / 100); if (c < 8) c = 8; if (c > 1000) c = 1000; print c }')
    d=$(awk -v t="$target" -v c="$c" 'BEGIN { printf "%d", c * 1000 / t }')
    echo "==> [$set_label] $label: paced at ~$target req/s ($c connections, ${d} ms apart)"
    BENCH_DELAY_MS=$d wrk_line "$c" "$script" "$url" "$@"
    half="$(us_to_ms "$(field p99_us "$stats")") at $(printf '%.0f' "$(field rps "$stats")")/s"
  fi
  summary+=("| $set_label | $label | $(printf '%.0f' "$rps") | $ratio | $(us_to_ms "$p50") | $(us_to_ms "$p99") | ${half:-–} | $notes |")
}

# ------------------------------------------------------------------------------------ runs

if [ "$run_domain" = 1 ]; then
  echo "==> domain micro-benchmark ($build/bench/domain_bench)"
  domain_out=$("$build/bench/domain_bench")
  echo "$domain_out"
  domain_line=$(grep '^booking decision with' <<<"$domain_out" || true)
fi

if [ "$run_http" = 1 ]; then
  export BENCH_LIVE=$live
  salt=0
  for size in ${sizes//,/ }; do
    set_label="$((size / 1000))k"
    db="$work/bench-$size.db"
    echo "==> seeding $db: $size reservations ($live live)"
    "$build/bench/seed_large" --db "$db" --reservations "$size" --live "$live"
    start_server "$db"
    echo "==> server: $build/agrirent-server --threads $server_threads on $db ($(stat -f -c %T "$work"))"
    token=$(curl -fsS -H 'Content-Type: application/json' \
      --data '{"username":"clerk-gs","password":"demo-clerk-gs-2020"}' \
      "$base/api/v1/auth/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
    healthz_rps=
    paced=0 measure "GET /healthz" bench/report.lua "$base/healthz"
    avail="$base/api/v1/availability?branch=B05&from=2020-05-18&to=2020-06-17"
    paced=1 measure "availability, 40 types × 31 days" bench/report.lua "$avail"
    paced=1 measure "… the same, gzip" bench/report.lua "$avail" -H 'Accept-Encoding: gzip'
    paced=1 measure "quote" bench/quote.lua "$base"
    paced=1 measure "farmer look-up" bench/lookup.lua "$base"
    paced=1 measure "clerk schedule (GS, one day)" bench/report.lua \
      "$base/api/v1/schedule?branch=GS&date=2020-05-20" -H "Authorization: Bearer $token"
    salt=$((salt + 1))
    before=$(sqlite3 "$db" "SELECT count(*) FROM reservations")
    paced=0 measure "POST reservations (new farmers, all branches)" bench/book.lua "$base" -- "$salt"
    after=$(sqlite3 "$db" "SELECT count(*) FROM reservations")
    groups=$(curl -fsS "$base/metrics" | sed -n 's/^agrirent_group_commit_\(batches\|jobs\)_total \([0-9]*\)/\1=\2/p' | tr '\n' ' ')
    summary[-1]="${summary[-1]%|} $((after - before)) stored ($(awk -v n=$((after - before)) -v d="$duration" 'BEGIN { printf "%.0f", n / d }') per s); group commit: ${groups:-n/a}|"
    rss_lines+=("| $set_label | $(peak_rss_mb) MB |")
    stop_server
    rm -f "$db" "$db-wal" "$db-shm"
  done
fi

# --------------------------------------------------------------------------------- summary

commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git -C "$root" status --porcelain 2>/dev/null)" ] || commit+="+changes"
echo
echo "## Benchmarks ($(date +%F), commit $commit, $(nproc) cores: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1))"
echo
if [ -n "$domain_line" ]; then
  echo "Domain core (bench/domain_bench): ${domain_line}."
  echo
fi
if [ ${#summary[@]} -gt 0 ]; then
  echo "HTTP on loopback (wrk, ${duration}s per row, $wrk_threads threads, $connections connections;" \
    "server --threads $server_threads on the same machine; seeded data set, $live live reservations," \
    "clock 2020-05-12 10:00 KST). \"ratio\" is req/s over /healthz of the same data set's run."
  echo
  echo "| data set | endpoint | req/s | ratio | p50 | p99 | p99 at half rate | responses |"
  echo "|---|---|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${summary[@]}"
  echo
  echo "| data set | server peak RSS |"
  echo "|---|---:|"
  printf '%s\n' "${rss_lines[@]}"
fi
