#!/usr/bin/env bash
# Benchmarks: figures for people (README, issue notes), never assertions in tests.
#
#  1. bench/domain_bench: one booking decision of the domain core (plan, capacity, rules, fee)
#     with 1,000 live reservations in the branch; availability for 31 days; peak_overlap.
#  2. wrk against the real server on loopback, all on one run: GET /healthz, GET availability
#     (all types, 31 days), POST /api/v1/reservations (bench/book.lua: distinct farmers, most
#     refused with no_capacity once a type is full), then booking with every request accepted
#     (capacity raised to 1,000 units per type), where each 201 is an fsync'd SQLite commit
#     (WAL, synchronous=FULL).
#  3. --history N (e.g. 200000): the availability and booking runs also on a second server whose
#     database holds N past reservations as well (2018–2019, returned/cancelled/no-show, inserted
#     with the sqlite3 CLI), each right after the same run on the fresh database; plus the query
#     plans of the live-reservation queries (issue 3: indexes keep availability and booking cost
#     independent of how many past reservations exist).
#
# Usage: scripts/bench.sh [--history N] [--duration SECONDS] [--connections C]
#                         [--wrk-threads T] [--server-threads N] [--skip-domain] [--skip-http]
# Builds Release into ${AGRIRENT_BUILD_DIR:-build} like scripts/run.sh. Timings on a shared or
# busy machine are noisy: run it two or three times and take the median run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(agrirent_root)
cd "$root"

history=0
duration=10
connections=32
wrk_threads=2
server_threads=$(( $(nproc) * 2 > 8 ? $(nproc) * 2 : 8 ))  # the server default
run_domain=1
run_http=1
while [ $# -gt 0 ]; do
  case $1 in
    --history) history=$2; shift 2 ;;
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

# The build's packages plus the load generator and the SQLite shell (bulk inserts, query plans).
ensure_packages "${AGRIRENT_BUILD_PACKAGES[@]}" wrk sqlite3 curl

build="${AGRIRENT_BUILD_DIR:-$root/build}"
echo "==> building Release ($build)"
build_tree "$build" Release

# The databases live next to the build (a real disk: tmpfs would make fsync free).
work=$(mktemp -d -p "$build" bench-run.XXXXXX)
servers=() # pids of the servers we started
cleanup() {
  local pid
  for pid in "${servers[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

summary=()  # Markdown rows of the HTTP table
domain_line=

# ---------------------------------------------------------------------------------- server

# Starts the server on database $1 and sets $base (http://127.0.0.1:PORT) and $server_pid.
start_server() {
  local db=$1 out="$work/server.${1##*/}.log" line=
  "$build/agrirent-server" --port 0 --db "$db" --demo --test-clock --threads "$server_threads" \
    >"$out" 2>&1 &
  server_pid=$!
  servers+=("$server_pid")
  for _ in $(seq 300); do
    # Other lines (e.g. "loaded the demo data") may come first.
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
  # DOMAIN.md reference date: the demo branch's 2020 season, the booking horizon 05-12 … 06-11.
  curl -fsS -X PUT -H 'Content-Type: application/json' \
    --data '{"now":"2020-05-12T10:00:00+09:00"}' "$base/api/v1/test/clock" >/dev/null
}

# Stops server $1 (SIGTERM: it finishes requests in flight and checkpoints the WAL).
stop_server() {
  kill -TERM "$1"
  wait "$1" || true
  local kept=() pid
  for pid in "${servers[@]}"; do
    [ "$pid" = "$1" ] || kept+=("$pid")
  done
  servers=("${kept[@]}")
}

# ------------------------------------------------------------------------------------ wrk

us_to_ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }

# run_wrk LABEL SCRIPT URL [script args...]: one wrk run; appends a row to the summary.
run_wrk() {
  local label=$1 script=$2 url=$3
  shift 3
  echo "==> wrk: $label (${duration}s, $wrk_threads threads, $connections connections)"
  echo "    $url"
  local out
  out=$(wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency -s "$script" "$url" \
    ${1:+--} "$@")
  sed 's/^/    /' <<<"$out"
  local stats notes=
  stats=$(grep '^WRK ' <<<"$out")
  if grep -q '^BOOKINGS ' <<<"$out"; then
    local b
    b=$(grep '^BOOKINGS ' <<<"$out")
    notes="201: $(field 201 "$b"), 409: $(field 409 "$b"), 422: $(field 422 "$b")"
    [ "$(field other "$b")" = 0 ] || notes+=", other: $(field other "$b")"
  elif [ "$(field non2xx "$stats")" != 0 ]; then
    notes="non-2xx: $(field non2xx "$stats")"
  fi
  [ "$(field errors "$stats")" = 0 ] || notes+="${notes:+, }socket errors: $(field errors "$stats")"
  summary+=("| $label | $(printf '%.0f' "$(field rps "$stats")") | $(us_to_ms "$(field p50_us "$stats")") | $(us_to_ms "$(field p99_us "$stats")") | $notes |")
}

availability_url() { echo "$1/api/v1/availability?branch=GS&from=2020-05-18&to=2020-06-17"; }

# Gives every type at GS 1,000 units so that every booking of an untrained type is accepted.
raise_capacity() {
  sqlite3 -cmd '.timeout 5000' "$1" <<'SQL'
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO units (tag, type_id, branch_id)
SELECT 'BENCH-' || t.code || '-' || n.i, t.id, b.id
FROM n, machine_types t, branches b WHERE b.code = 'GS';
SQL
}

# Adds $2 past reservations (2018–2019: returned, cancelled, no-show) of 10,000 past farmers,
# each with its audit row, to database $1 (the server is stopped).
insert_history() {
  sqlite3 "$1" >/dev/null <<SQL
.bail on
BEGIN;
CREATE TEMP TABLE bt AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, daily_fee FROM machine_types;
CREATE TEMP TABLE bb AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM branches;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9999)
INSERT INTO farmers (id, phone, name, created_at)
SELECT 1000000 + i, printf('010-9%03d-%04d', i / 10000, i % 10000), 'Past Farmer ' || i,
       unixepoch('2018-01-01') FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $2 - 1),
p AS (SELECT i, date('2018-01-01', '+' || ((i * 7919) % 730) || ' days') AS s, i % 3 AS extra
      FROM n)
INSERT INTO reservations (code, branch_id, type_id, farmer_id, farmer_name, start_date, end_date,
  eve, pickup_from, pickup_to, return_by, status, channel, daily_fee, fee_gross, fee_discount,
  fee_surcharge, fee_net, fee_days, created_at, created_by, returned_at)
SELECT printf('Z%07d', p.i), bb.id, bt.id, 1000000 + p.i % 10000, 'Past Farmer', p.s,
       date(p.s, '+' || p.extra || ' days'), 0,
       unixepoch(p.s), unixepoch(p.s) + 32400, unixepoch(date(p.s, '+' || p.extra || ' days')) + 28800,
       CASE p.i % 20 WHEN 0 THEN 'cancelled' WHEN 1 THEN 'cancelled' WHEN 2 THEN 'no_show'
                      ELSE 'returned' END,
       CASE p.i % 3 WHEN 0 THEN 'phone' WHEN 1 THEN 'counter' ELSE 'web' END,
       bt.daily_fee, bt.daily_fee * (p.extra + 1), 0, 0, bt.daily_fee * (p.extra + 1), '[]',
       unixepoch(p.s) - 3 * 86400, 'web',
       CASE WHEN p.i % 20 >= 3 THEN unixepoch(date(p.s, '+' || p.extra || ' days')) + 25200 END
FROM p JOIN bt ON bt.k = p.i % (SELECT count(*) FROM bt)
       JOIN bb ON bb.k = (p.i / 7) % (SELECT count(*) FROM bb);
INSERT INTO audit_log (at, actor, role, channel, action, reservation_id, entity, entity_key, details)
SELECT created_at, 'web', 'farmer', channel, 'create', id, 'reservation', code, '{}'
FROM reservations WHERE code LIKE 'Z%';
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
}

# The query plans of the live-reservation queries (server/storage/reservation_repository.cpp).
show_query_plans() {
  local live="status IN ('requested', 'confirmed', 'checked_out')"
  echo "==> query plans on $(sqlite3 "$1" 'SELECT count(*) FROM reservations') reservations" \
    "($(sqlite3 "$1" "SELECT count(*) FROM reservations WHERE $live") live)"
  local q
  for q in \
    "booking capacity (live_occupancies)|SELECT pickup_from, return_by FROM reservations INDEXED BY reservations_live_occupancy WHERE branch_id = 1 AND type_id = 2 AND $live AND return_by > 1589871600 AND pickup_from < 1590044400" \
    "same, planner's own choice (no INDEXED BY)|SELECT pickup_from, return_by FROM reservations WHERE branch_id = 1 AND type_id = 2 AND $live AND return_by > 1589871600 AND pickup_from < 1590044400" \
    "availability (live_in_branch)|SELECT id, type_id, status, pickup_from, return_by, created_at FROM reservations INDEXED BY reservations_live_occupancy WHERE branch_id = 1 AND $live AND return_by > 1586962800 AND pickup_from < 1595084400 ORDER BY id" \
    "farmer's holdings (live_holdings)|SELECT t.code, r.start_date, r.end_date FROM reservations r INDEXED BY reservations_live_by_farmer JOIN machine_types t ON t.id = r.type_id WHERE r.farmer_id = 1 AND r.$live"; do
    echo "    ${q%%|*}:"
    sqlite3 "$1" "EXPLAIN QUERY PLAN ${q#*|}" | sed 's/^/      /'
  done
}

# ------------------------------------------------------------------------------------ runs

if [ "$run_domain" = 1 ]; then
  echo "==> domain micro-benchmark ($build/bench/domain_bench)"
  domain_out=$("$build/bench/domain_bench")
  echo "$domain_out"
  domain_line=$(grep '^booking decision with' <<<"$domain_out" || true)
fi

if [ "$run_http" = 1 ]; then
  echo "==> server: $build/agrirent-server --threads $server_threads (databases in $work," \
    "$(stat -f -c %T "$work"))"
  fresh=$work/fresh.db
  start_server "$fresh"
  fresh_url=$base
  if [ "$history" -gt 0 ]; then
    echo "==> second database with $history past reservations"
    old=$work/history.db
    start_server "$old" # creates the schema and the demo data
    stop_server "$server_pid"
    insert_history "$old" "$history"
    start_server "$old"
    old_url=$base
    show_query_plans "$old"
    if [ $((history % 1000)) -eq 0 ]; then past="+$((history / 1000))k past"; else past="+$history past"; fi
  fi
  # With --history each measurement runs on both databases back to back (the two servers idle
  # in turn), so that drifts in the machine's load hit both alike.
  untrained=CULTIVATOR,RICE_TRANSPLANTER,TILLER,SEEDER,POTATO_HARVESTER
  run_wrk "GET /healthz" bench/report.lua "$fresh_url/healthz"
  run_wrk "GET availability, all types, 31 days" bench/report.lua "$(availability_url "$fresh_url")"
  [ "$history" -eq 0 ] ||
    run_wrk "GET availability, all types, 31 days ($past)" bench/report.lua "$(availability_url "$old_url")"
  run_wrk "POST reservations (mix, most refused)" bench/book.lua "$fresh_url" 1 GS
  [ "$history" -eq 0 ] ||
    run_wrk "POST reservations (mix, most refused) ($past)" bench/book.lua "$old_url" 2 GS
  raise_capacity "$fresh"
  [ "$history" -eq 0 ] || raise_capacity "$old"
  run_wrk "POST reservations (all accepted: fsync'd commits)" bench/book.lua "$fresh_url" 3 GS "$untrained"
  [ "$history" -eq 0 ] ||
    run_wrk "POST reservations (all accepted) ($past)" bench/book.lua "$old_url" 4 GS "$untrained"
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
    "server --threads $server_threads on the same machine; demo data, clock 2020-05-12 10:00 KST):"
  echo
  echo "| endpoint | req/s | p50 | p99 | responses |"
  echo "|---|---:|---:|---:|---|"
  printf '%s\n' "${summary[@]}"
fi
