#!/usr/bin/env bash
# Runs the README's example commands (scripts/tour.sh) against a fresh `--demo` server at the
# real date and time, so that examples which stop working on some day fail a test (issue 13).
# Usage: readme_examples_test.sh path/to/agrirent-server
set -euo pipefail
server=$1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$(mktemp)
trap 'rm -f "$out"' EXIT

status=0
AGRIRENT_SERVER=$server "$root/scripts/tour.sh" >"$out" 2>&1 || status=$?
cat "$out"
if [ "$status" -ne 0 ]; then
  echo "FAIL: a README example failed at $(date '+%F %T %Z')" >&2
  exit 1
fi

# What the examples promise, beyond "no HTTP error".
expect() {
  if ! grep -q -- "$1" "$out"; then
    echo "FAIL: the README examples' output lacks $1 ($2)" >&2
    exit 1
  fi
}
expect '"code":"[A-Z0-9]\{8\}"' "a booking code came back"
expect '"status":"cancelled"' "the farmer's cancel"
expect '"status":"requested"' "the combine waits for approval"
expect '"status":"confirmed"' "the operator's confirm"
expect '"status":"checked_out"' "the clerk's check-out"
expect '"status":"returned"' "the clerk's check-in"
expect '"late_fee":0' "no late fee"
echo "PASS: every README example ran at $(date '+%F %T %Z')"
