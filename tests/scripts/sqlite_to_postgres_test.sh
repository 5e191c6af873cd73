#!/usr/bin/env bash
# scripts/sqlite-to-postgres.sh end to end (issue 12, point 7): a demo office on SQLite with a
# few bookings made over HTTP is copied into a fresh PostgreSQL database; a server started on
# that database serves every booking (look-up by code and phone, staff login with the copied
# password hash) and takes a new one whose id follows the copied ones. A second copy into the
# same, now non-empty, database is refused and changes nothing.
# Usage: sqlite_to_postgres_test.sh path/to/agrirent-server
# Needs AGRIRENT_TEST_PG (a maintenance database URI of a throwaway cluster, pg.md point 7);
# without it the test is skipped (exit 77), never passed.
set -euo pipefail
server=$(realpath "$1")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

if [ -z "${AGRIRENT_TEST_PG:-}" ]; then
  echo "SKIPPED: AGRIRENT_TEST_PG is not set (no PostgreSQL cluster to copy into)"
  exit 77
fi
for tool in sqlite3 psql curl; do
  command -v "$tool" >/dev/null || {
    echo "FAIL: $tool is missing" >&2
    exit 1
  }
done

tmp=$(mktemp -d)
dbname="agrirent_s2p_$$_$RANDOM"
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  psql "$AGRIRENT_TEST_PG" -X -q -c "DROP DATABASE IF EXISTS $dbname" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# The maintenance URI with another database name (its query string kept).
base=${AGRIRENT_TEST_PG%%\?*}
query=""
[ "$base" != "$AGRIRENT_TEST_PG" ] && query="?${AGRIRENT_TEST_PG#*\?}"
target="${base%/*}/$dbname$query"

# Starts the server with "$@"; sets $pid and $B (its base URL).
start() {
  "$server" --port 0 --test-clock "$@" >"$tmp/out" 2>"$tmp/err" &
  pid=$!
  for _ in $(seq 1 200); do
    if grep -q "listening on" "$tmp/out"; then
      B=$(sed -n 's/^agrirent listening on \(http:[^ ]*\)\/$/\1/p' "$tmp/out")
      curl -sf -X PUT "$B/api/v1/test/clock" -H 'Content-Type: application/json' \
        -d '{"now":"2020-05-12T10:00:00+09:00"}' >/dev/null || fail "cannot set the clock"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || fail "the server exited: $(cat "$tmp/err")"
    sleep 0.05
  done
  fail "the server did not start: $(cat "$tmp/err")"
}
stop() {
  kill -TERM "$pid"
  wait "$pid" || fail "the server did not stop cleanly"
  pid=""
}
book() { # branch type start end name phone → prints the code
  local reply
  reply=$(curl -s -w '\n%{http_code}' -X POST "$B/api/v1/reservations" \
    -H 'Content-Type: application/json' -d '{"branch":"'"$1"'","type":"'"$2"'","start":"'"$3"'",
    "end":"'"$4"'","farmer":{"name":"'"$5"'","phone":"'"$6"'"}}')
  [ "$(tail -n1 <<<"$reply")" = 201 ] || fail "booking $*: $reply"
  head -n1 <<<"$reply" | sed 's/^{"code":"\([^"]*\)".*/\1/'
}
lookup_status() { # code phone → the booking's status
  curl -s "$B/api/v1/reservations/$1?phone=$2" | grep -o '"status":"[a-z_]*"' | head -n1 |
    cut -d'"' -f4
}

# --- an office on SQLite ------------------------------------------------------------------------
# A kiosk office (README "Verified phones": verify_farmer_phone off), so farmers book without a
# code; the setting moves to PostgreSQL with the rest.
"$server" --db "$tmp/office.db" --migrate-only >/dev/null || fail "--migrate-only"
sqlite3 "$tmp/office.db" "INSERT INTO settings (key, value) VALUES ('verify_farmer_phone', '0')"
start --db "$tmp/office.db" --demo
c1=$(book GS CULTIVATOR 2020-05-19 2020-05-19 홍길동 010-1234-5678)
c2=$(book BB TILLER 2020-05-20 2020-05-21 "김영희" 010-2345-6789)
c3=$(book GS COMBINE 2020-06-09 2020-06-09 "박철수" 010-3456-7890) # waits for approval
curl -sf -X POST "$B/api/v1/reservations/$c2/cancel" -H 'Content-Type: application/json' \
  -d '{"phone":"010-2345-6789"}' >/dev/null || fail "cancel"
stop
max_id=$(sqlite3 "$tmp/office.db" "SELECT max(id) FROM reservations")
n_res=$(sqlite3 "$tmp/office.db" "SELECT count(*) FROM reservations")
n_audit=$(sqlite3 "$tmp/office.db" "SELECT count(*) FROM audit_log")
echo "SQLite office: $n_res reservations (max id $max_id), $n_audit audit rows; booked $c1 $c2 $c3"

# --- the copy -------------------------------------------------------------------------------------
psql "$AGRIRENT_TEST_PG" -X -q -c "CREATE DATABASE $dbname" >/dev/null
AGRIRENT_SERVER=$server "$root/scripts/sqlite-to-postgres.sh" "$tmp/office.db" "$target" |
  tee "$tmp/copy.log"
grep -q "every row count matches" "$tmp/copy.log" || fail "no final line from the script"
[ "$(psql "$target" -X -At -c "SELECT count(*) FROM reservations")" = "$n_res" ] ||
  fail "reservations not all copied"

# --- served from PostgreSQL -------------------------------------------------------------------------
start --db "$target"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$B/healthz")" = 200 ] || fail "/healthz on PostgreSQL"
[ "$(lookup_status "$c1" 010-1234-5678)" = confirmed ] || fail "$c1 not confirmed on PostgreSQL"
[ "$(lookup_status "$c2" 010-2345-6789)" = cancelled ] || fail "$c2 not cancelled on PostgreSQL"
[ "$(lookup_status "$c3" 010-3456-7890)" = requested ] || fail "$c3 not requested on PostgreSQL"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$B/api/v1/reservations/$c1?phone=010-9999-9999")" \
  = 404 ] || fail "a wrong phone finds $c1"
# The staff accounts came along (password hashes included): the demo operator logs in and finds
# the copied booking of 홍길동 by phone.
token=$(curl -s -X POST "$B/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"operator","password":"demo-operator-2020"}' |
  sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || fail "the demo operator cannot log in on PostgreSQL"
curl -s -H "Authorization: Bearer $token" "$B/api/v1/reservations?phone=010-1234-5678" |
  grep -q "\"$c1\"" || fail "the operator's search does not find $c1"
# A new booking: its id follows the copied ones (the sequences were moved past max(id)).
c4=$(book GS CULTIVATOR 2020-05-28 2020-05-28 "이순신" 010-4567-8901)
[ "$(lookup_status "$c4" 010-4567-8901)" = confirmed ] || fail "new booking $c4 not found"
new_id=$(psql "$target" -X -At -c "SELECT id FROM reservations WHERE code = '$c4'")
[ "$new_id" -gt "$max_id" ] || fail "the new booking's id $new_id does not follow $max_id"
[ "$(psql "$target" -X -At -c "SELECT count(*) FROM audit_log")" -gt "$n_audit" ] ||
  fail "no audit row for the new booking"
stop

# --- a second copy into the same database is refused, and changes nothing ---------------------------
if AGRIRENT_SERVER=$server "$root/scripts/sqlite-to-postgres.sh" "$tmp/office.db" "$target" \
  >"$tmp/again.log" 2>&1; then
  fail "a copy into a non-empty database was accepted"
fi
grep -q "already holds data" "$tmp/again.log" || fail "unclear refusal: $(cat "$tmp/again.log")"
[ "$(psql "$target" -X -At -c "SELECT count(*) FROM reservations")" = $((n_res + 1)) ] ||
  fail "the refused copy changed the reservations"
echo "PASS: $n_res reservations copied to PostgreSQL, served, and a new booking got id $new_id"
