#!/usr/bin/env bash
# The README's examples ("Using it"), printed and run block by block with the dates the README
# computes for today: a newcomer's tour, and what the test tests/readme/readme_examples_test.sh
# runs so that the examples cannot go stale (issue 13).
#
#   scripts/tour.sh                         # a fresh demo server of its own (build/agrirent-server,
#                                           # a free port, a temporary database), stopped after
#   scripts/tour.sh http://127.0.0.1:8080   # a server you run (fresh demo data: the examples
#                                           # book, and a second run finds their traces)
#
# A block is a ```sh fence that follows a line "<!-- tour -->" in README.md; they share one shell
# (CODE, TOKEN, DAY … carry over). Every curl fails on an HTTP error (--fail-with-body), so the
# tour stops at the first example the server refuses and says which. AGRIRENT_SERVER names
# another binary.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readme=${AGRIRENT_README:-$root/README.md}

command -v curl >/dev/null || {
  echo "tour: curl is needed (apt-get install curl)" >&2
  exit 1
}

pid=
tmp=
stop_server() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  [ -z "$tmp" ] || rm -rf "$tmp"
}
trap stop_server EXIT

if [ $# -ge 1 ]; then
  base=${1%/}
else
  server=${AGRIRENT_SERVER:-$root/build/agrirent-server}
  [ -x "$server" ] || {
    echo "tour: no server at $server (build it: scripts/run.sh, or give a URL)" >&2
    exit 1
  }
  tmp=$(mktemp -d)
  "$server" --db "$tmp/agrirent.db" --demo --port 0 --notify-log "$tmp/notifications.log" \
    >"$tmp/server.log" 2>&1 &
  pid=$!
  base=
  for _ in $(seq 1 300); do
    base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$tmp/server.log" | head -n 1 || true)
    [ -n "$base" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$base" ]; then
    echo "tour: the server did not start:" >&2
    cat "$tmp/server.log" >&2
    exit 1
  fi
  echo "==> a fresh demo server at $base/ (database in $tmp)"
  LOG="$tmp/notifications.log" # the README's verify() reads the codes there (issue 14)
fi

# The blocks, each followed by a line holding only a form feed.
blocks=$(awk '
  /^<!-- tour -->$/ { armed = 1; next }
  armed && /^```sh$/ { inside = 1; armed = 0; next }
  inside && /^```$/ { inside = 0; printf "\f\n"; next }
  inside { print }
' "$readme")
if [ -z "$blocks" ]; then
  echo "tour: no <!-- tour --> blocks in $readme" >&2
  exit 1
fi

curl() {
  local rc=0
  command curl --fail-with-body --show-error "$@" || rc=$?
  echo # the answers have no final newline
  return "$rc"
}

n=0
trap 'echo "tour: README example block $n failed (above)" >&2' ERR
while IFS= read -r -d $'\f' block; do
  block=${block#$'\n'}
  [ -n "${block//[[:space:]]/}" ] || continue
  n=$((n + 1))
  # The README's server address is the default; point the examples at ours.
  block=$(printf '%s\n' "$block" | sed "s|^B=http://127.0.0.1:8080\$|B=$base|")
  printf '\n==> README example block %d\n' "$n"
  printf '%s\n' "$block" | sed 's/^/$ /'
  printf -- '--- output\n'
  eval "$block" # set -e: the first failing command ends the tour (the ERR trap says where)
done <<<"$blocks"$'\f'
printf '\n==> %d README example blocks ran\n' "$n"
