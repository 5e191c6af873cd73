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
#  3. The same table on PostgreSQL (issue 12), with one server and with two servers on one
#     database: the seeded SQLite file is copied into PostgreSQL by scripts/sqlite-to-postgres.sh
#     (once per size, into a template database; each mode gets a fresh copy of it), and with two
#     servers every wrk run is two wrk processes in parallel, one per server, each with half the
#     connections and threads: req/s is their sum, p50/p99 the worse of the two. The cluster is a
#     throwaway one (scripts/pg_cluster.sh, fsync on, its data next to the build like the SQLite
#     files) unless --pg names one (a maintenance database that may CREATE DATABASE).
#
# Usage: scripts/bench.sh [--sizes 20000,200000] [--live 10000] [--duration SECONDS]
#                         [--connections C] [--wrk-threads T] [--server-threads N]
#                         [--modes sqlite,pg1,pg2] [--pg URI]
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
modes=sqlite,pg1,pg2
pg_base=
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --live) live=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --wrk-threads) wrk_threads=$2; shift 2 ;;
    --server-threads) server_threads=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    --pg) pg_base=$2; shift 2 ;;
    --skip-domain) run_domain=0; shift ;;
    --skip-http) run_http=0; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "scripts/bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# The build's packages plus the load generator and the SQLite shell (query plans); psql and the
# PostgreSQL server for the PostgreSQL modes.
ensure_packages "${AGRIRENT_BUILD_PACKAGES[@]}" wrk sqlite3 curl
case ",$modes," in *,pg*) ensure_packages postgresql postgresql-client ;; esac

build="${AGRIRENT_BUILD_DIR:-$root/build}"
echo "==> building Release ($build)"
build_tree "$build" Release

# The databases live next to the build (a real disk: tmpfs would make fsync free).
work=$(mktemp -d -p "$build" bench-run.XXXXXX)
chmod 755 "$work" # the PostgreSQL cluster's user must reach its directory inside
server_pids=()
bases=()
pg_dir=
cleanup() {
  local pid
  for pid in "${server_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  [ -z "$pg_dir" ] || "$root/scripts/pg_cluster.sh" stop "$pg_dir" || true
  rm -rf "$work"
}
trap cleanup EXIT

summary=()  # Markdown rows of the HTTP table
domain_line=
rss_lines=()

# ---------------------------------------------------------------------------------- server

# Starts one more server on database $1 (a file or a PostgreSQL URI); appends its base URL
# (http://127.0.0.1:PORT) to $bases and its pid to $server_pids; $base is the first server's.
start_server() {
  local db=$1 out="$work/server.${#server_pids[@]}.log" line= pid
  "$build/agrirent-server" --port 0 --db "$db" --test-clock --threads "$server_threads" \
    --admin-user admin --admin-password demo-admin-2020 >"$out" 2>&1 &
  pid=$!
  server_pids+=("$pid")
  for _ in $(seq 600); do
    line=$(grep -m1 -o 'agrirent listening on http://127\.0\.0\.1:[0-9]*/' "$out" || true)
    [ -n "$line" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "the server did not start:" >&2
      cat "$out" >&2
      exit 1
    fi
    sleep 0.1
  done
  [ -n "$line" ] || { echo "the server printed no URL:" >&2; cat "$out" >&2; exit 1; }
  line=${line#agrirent listening on }
  bases+=("${line%/}")
  base=${bases[0]}
  # The data set's reference moment: bookable start days 05-13 … 06-11.
  curl -fsS -X PUT -H 'Content-Type: application/json' \
    --data '{"now":"2020-05-12T10:00:00+09:00"}' "${bases[-1]}/api/v1/test/clock" >/dev/null
}

stop_servers() {
  local pid
  for pid in "${server_pids[@]}"; do
    kill -TERM "$pid"
    wait "$pid" || true
  done
  server_pids=()
  bases=()
}

# $1 (a libpq URI) with database name $2.
with_dbname() { sed -E "s#^([a-z]+://[^/?]*)(/[^?]*)?#\1/$2#" <<<"$1"; }

peak_rss_mb() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# ------------------------------------------------------------------------------------ wrk

us_to_ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }

# wrk_line CONNECTIONS SCRIPT URL [wrk options and -- script args...]: runs wrk against each
# server of $bases at once (URL and arguments with @BASE@ = that server's base URL and @SALT@ =
# 1 + its index; CONNECTIONS and the threads split between them), echoes the output indented,
# and sets $stats (a WRK line: requests and req/s summed, percentiles the worst of the runs)
# and $statuses (the STATUSES counts summed, if any).
wrk_line() {
  local c=$1 script=$2 url=$3
  shift 3
  local n=${#bases[@]} i a pids=()
  local per_c=$(((c + n - 1) / n)) per_t=$((wrk_threads / n))
  [ "$per_t" -ge 1 ] || per_t=1
  [ "$per_c" -ge "$per_t" ] || per_c=$per_t
  for ((i = 0; i < n; i++)); do
    local args=()
    for a in "$@"; do args+=("${a//@SALT@/$((1 + i))}"); done
    wrk -t"$per_t" -c"$per_c" -d"${duration}s" --latency -s "$script" "${url//@BASE@/${bases[i]}}" \
      "${args[@]}" >"$work/wrk.$i" &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i"; done
  for ((i = 0; i < n; i++)); do
    [ "$n" = 1 ] || echo "    -- server $((i + 1)) of $n (${bases[i]})" >&2
    sed 's/^/    /' "$work/wrk.$i" >&2
  done
  stats=$(cat "$work"/wrk.* | awk '/^WRK / {
      for (f = 2; f <= NF; f++) { split($f, kv, "="); v[kv[1]] = kv[2] }
      req += v["requests"]; rps += v["rps"]; non += v["non2xx"]; err += v["errors"]
      if (v["seconds"] > sec) sec = v["seconds"]
      if (v["p50_us"] > p50) p50 = v["p50_us"]
      if (v["p90_us"] > p90) p90 = v["p90_us"]
      if (v["p99_us"] > p99) p99 = v["p99_us"] }
    END { printf "WRK requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d non2xx=%d errors=%d\n",
          req, sec, rps, p50, p90, p99, non, err }')
  statuses=$(cat "$work"/wrk.* | awk '/^STATUSES / {
      n = split($2, parts, ","); for (i = 1; i <= n; i++) { split(parts[i], kv, ":"); s[kv[1]] += kv[2] } }
    END { out = ""; for (k in s) out = out (out == "" ? "" : ",") k ":" s[k]; print out }')
  rm -f "$work"/wrk.*
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

# The rows of one data set on the servers of $bases; $count_sql counts reservations ($1: SQL).
run_table() {
  local token before after groups pid rss=
  token=$(curl -fsS -H 'Content-Type: application/json' \
    --data '{"username":"clerk-gs","password":"demo-clerk-gs-2020"}' \
    "$base/api/v1/auth/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  healthz_rps=
  paced=0 measure "GET /healthz" bench/report.lua "@BASE@/healthz"
  avail="@BASE@/api/v1/availability?branch=B05&from=2020-05-18&to=2020-06-17"
  paced=1 measure "availability, 40 types × 31 days" bench/report.lua "$avail"
  paced=1 measure "… the same, gzip" bench/report.lua "$avail" -H 'Accept-Encoding: gzip'
  paced=1 measure "quote" bench/quote.lua "@BASE@"
  paced=1 measure "farmer look-up" bench/lookup.lua "@BASE@"
  paced=1 measure "clerk schedule (GS, one day)" bench/report.lua \
    "@BASE@/api/v1/schedule?branch=GS&date=2020-05-20" -H "Authorization: Bearer $token"
  before=$(count_reservations)
  paced=0 measure "POST reservations (new farmers, all branches)" bench/book.lua "@BASE@" -- "@SALT@"
  after=$(count_reservations)
  groups=$(for b in "${bases[@]}"; do curl -fsS "$b/metrics"; done |
    sed -n 's/^agrirent_group_commit_\(batches\|jobs\)_total \([0-9]*\)/\1 \2/p' |
    awk '{ s[$1] += $2 } END { if (length(s)) printf "batches=%d jobs=%d", s["batches"], s["jobs"] }')
  summary[-1]="${summary[-1]%|} $((after - before)) stored ($(awk -v n=$((after - before)) -v d="$duration" 'BEGIN { printf "%.0f", n / d }') per s); group commit: ${groups:-n/a}|"
  for pid in "${server_pids[@]}"; do rss+="${rss:+ + }$(peak_rss_mb "$pid") MB"; done
  rss_lines+=("| $set_label | $rss |")
}

# A throwaway cluster for the PostgreSQL modes (unless --pg); sets $pg_base.
ensure_cluster() {
  [ -z "$pg_base" ] || return 0
  pg_dir="$work/pg"
  pg_base=$("$root/scripts/pg_cluster.sh" start "$pg_dir")
  echo "==> PostgreSQL cluster: $pg_base ($pg_dir)"
}

psql_base() { psql "$pg_base" -v ON_ERROR_STOP=1 -qAt "$@"; }

if [ "$run_http" = 1 ]; then
  export BENCH_LIVE=$live
  if [[ ",$modes," == *,pg* ]] && [ ! -x "$root/scripts/sqlite-to-postgres.sh" ]; then
    echo "scripts/bench.sh: the PostgreSQL modes copy the data set with" \
      "scripts/sqlite-to-postgres.sh, which is missing (or use --modes sqlite)" >&2
    exit 1
  fi
  for size in ${sizes//,/ }; do
    db="$work/bench-$size.db"
    echo "==> seeding $db: $size reservations ($live live)"
    "$build/bench/seed_large" --db "$db" --reservations "$size" --live "$live"
    template=
    if [[ ",$modes," == *,pg* ]]; then
      ensure_cluster
      template="bench_seed_$size"
      psql_base -c "DROP DATABASE IF EXISTS $template" -c "CREATE DATABASE $template"
      echo "==> copying $db into PostgreSQL ($template)"
      AGRIRENT_SERVER="$build/agrirent-server" "$root/scripts/sqlite-to-postgres.sh" "$db" \
        "$(with_dbname "$pg_base" "$template")" >&2
    fi
    for mode in ${modes//,/ }; do
      case $mode in
        sqlite)
          set_label="$((size / 1000))k SQLite"
          count_reservations() { sqlite3 "$db" "SELECT count(*) FROM reservations"; }
          start_server "$db"
          echo "==> server: $build/agrirent-server --threads $server_threads on $db ($(stat -f -c %T "$work"))"
          ;;
        pg1 | pg2)
          local_n=${mode#pg}
          set_label="$((size / 1000))k PG ×$local_n"
          pg_db="bench_${size}_$mode"
          psql_base -c "DROP DATABASE IF EXISTS $pg_db" -c "CREATE DATABASE $pg_db TEMPLATE $template"
          pg_uri=$(with_dbname "$pg_base" "$pg_db")
          count_reservations() { psql "$pg_uri" -qAt -c "SELECT count(*) FROM reservations"; }
          for _ in $(seq "$local_n"); do start_server "$pg_uri"; done
          echo "==> $local_n server(s): $build/agrirent-server --threads $server_threads on $pg_uri"
          ;;
        *) echo "scripts/bench.sh: unknown mode $mode (sqlite, pg1, pg2)" >&2; exit 2 ;;
      esac
      run_table
      stop_servers
      [ "$mode" = sqlite ] || psql_base -c "DROP DATABASE $pg_db"
    done
    [ -z "$template" ] || psql_base -c "DROP DATABASE $template"
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
    "clock 2020-05-12 10:00 KST). \"ratio\" is req/s over /healthz of the same data set's run." \
    "PG ×2: two servers on one PostgreSQL database, one wrk per server at once (req/s summed," \
    "p50/p99 the worse of the two)."
  echo
  echo "| data set | endpoint | req/s | ratio | p50 | p99 | p99 at half rate | responses |"
  echo "|---|---|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${summary[@]}"
  echo
  echo "| data set | server peak RSS (each server) |"
  echo "|---|---:|"
  printf '%s\n' "${rss_lines[@]}"
fi
