#!/usr/bin/env bash
# Benchmark (issue 14): what a cancellation costs when a long waitlist waits behind it. Every
# change that frees capacity offers it to the waiting entries of that branch and type in its own
# write transaction (server/app/waitlist.cpp, offer_freed), so the length of the queue is paid
# under the write lock. Figures for people (README, issue notes), never assertions in tests.
#
# The set-up, on a fresh database with the demo data and the test clock at 2020-05-01 10:00:
# one power tiller of GS left in service; an operator books it for each of DAYS operating days;
# PER_DAY callers per day join the waitlist (staff, no phone code); then each booking is
# cancelled in turn, timed by curl (the cancel makes one offer and leaves the rest waiting).
#
# Usage: scripts/bench_waitlist.sh [--server BINARY] [--db SQLITE_FILE|POSTGRES_URI]
#                                  [--days N] [--per-day N]
# Defaults: the Release build's server, a SQLite file in a temporary folder, 20 days, 15 per day.
# On PostgreSQL give a URI of an empty database (e.g. a fresh one in scripts/pg_cluster.sh's
# cluster). Timings on a busy machine are noisy: run it two or three times.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(agrirent_root)

server="${AGRIRENT_BUILD_DIR:-$root/build}/agrirent-server"
db=""
days=20
per_day=15
while [ $# -gt 0 ]; do
  case "$1" in
    --server) server=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --per-day) per_day=$2; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d -t agrirent-bench-wl.XXXXXX)
[ -n "$db" ] || db="$work/agrirent.db"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$server" --db "$db" --demo --test-clock --port "$port" --log-level warn \
  --notify-log "$work/notifications.log" --admin-user bench --admin-password bench-password-1 \
  >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

api() { # METHOD PATH [JSON] → body; exits on a transport error
  curl -s -X "$1" "$base$2" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    ${3:+--data "$3"}
}
token=""
api PUT /api/v1/test/clock '{"now":"2020-05-01T10:00:00+09:00"}' >/dev/null
token=$(api POST /api/v1/auth/login '{"username":"bench","password":"bench-password-1"}' | jq -r .token)
for tag in $(api GET '/api/v1/units?branch=GS&type=TILLER' | jq -r '.[1:][].tag'); do
  api POST "/api/v1/units/$tag/status" '{"status":"maintenance"}' >/dev/null
done

codes=()
day=$(date -d 2020-05-04 +%F)
while [ ${#codes[@]} -lt "$days" ]; do
  day=$(date -d "$day + 1 day" +%F)
  body=$(printf '{"branch":"GS","type":"TILLER","start":"%s","end":"%s","channel":"phone","farmer":{"name":"김보유","phone":"010-5%03d-0000"}}' \
    "$day" "$day" "${#codes[@]}")
  code=$(api POST /api/v1/reservations "$body" | jq -r '.code // empty')
  [ -n "$code" ] || continue # a closed day
  codes+=("$code")
  for i in $(seq "$per_day"); do
    body=$(printf '{"branch":"GS","type":"TILLER","start":"%s","end":"%s","channel":"phone","farmer":{"name":"이대기","phone":"010-6%03d-%04d"}}' \
      "$day" "$day" "${#codes[@]}" "$i")
    [ "$(api POST /api/v1/waitlist "$body" | jq -r '.status // .error.code')" = waiting ] ||
      { echo "joining the waitlist failed for $day" >&2; exit 1; }
  done
done
waiting=$((days * per_day))
times=()
for code in "${codes[@]}"; do
  t=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -X POST "$base/api/v1/reservations/$code/cancel" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data '{"reason":"bench"}')
  [ "${t%% *}" = 200 ] || { echo "cancel of $code: HTTP ${t%% *}" >&2; exit 1; }
  times+=("${t#* }")
done
offered=$(api GET '/api/v1/waitlist?branch=GS&type=TILLER&status=offered' | jq '.entries | length')
printf '%s\n' "${times[@]}" | sort -n | awk -v n="$days" -v w="$waiting" -v o="$offered" -v db="${db%%\?*}" '
  { t[NR] = $1 * 1000; sum += $1 * 1000 }
  END { printf "waitlist bench (%s): %d cancels with %d entries waiting: median %.1f ms, max %.1f ms, mean %.1f ms; %d offers made\n",
        (db ~ /^postgres/ ? "PostgreSQL" : "SQLite"), n, w, t[int((NR + 1) / 2)], t[NR], sum / NR, o }'
