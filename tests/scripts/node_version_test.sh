#!/usr/bin/env bash
# scripts/test.sh runs the browser tests with the Node.js it finds: Debian 12's is 18.19.0
# (issue 13). Checks that (1) check_node_version accepts 18 and newer and refuses older ones
# with a message that says what is wrong, and (2) the engines of tests/browser/package.json,
# tests/openapi/package.json and of every package locked there accept Node 18, so `npm ci` and
# the tests run on Debian 12.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

fake_node() { # a `node` that reports version $1
  mkdir -p "$tmp/$1"
  printf '#!/bin/sh\necho %s\n' "$1" >"$tmp/$1/node"
  chmod +x "$tmp/$1/node"
}

check() { # runs check_node_version with a fake node $1; prints its output
  fake_node "$1"
  PATH="$tmp/$1:$PATH" bash -c "source '$root/scripts/lib.sh'; check_node_version" 2>&1
}

for ok in 18.19.0 20.20.2 22.1.0; do
  out=$(check "$ok") || fail "node $ok refused: $out"
  [[ $out == *"node $ok"* ]] || fail "node $ok: no version line ($out)"
done
for old in 16.20.2 12.22.12; do
  if out=$(check "$old"); then
    fail "node $old accepted"
  fi
  [[ $out == *"need Node.js >= 18"* && $out == *"is $old"* ]] || fail "node $old: unclear message: $out"
done
echo "check_node_version: 18.19.0 and newer accepted, older refused with a clear message"

# Every "engines" node range in package.json and package-lock.json must admit 18.19.0, in each
# Node folder scripts/test.sh runs: the browser tests and the OpenAPI response check (issue 16).
# They are simple ">=N" ranges here; anything else is flagged so that a human looks at it.
for dir in tests/browser tests/openapi; do
  ranges=$(cat "$root/$dir/package.json" "$root/$dir/package-lock.json" |
    grep -o '"node": *"[^"]*"' | sed 's/"node": *"\([^"]*\)"/\1/')
  [ -n "$ranges" ] || fail "no engines ranges found in $dir/package*.json"
  while IFS= read -r range; do
    if ! [[ $range =~ ^\>=\ *([0-9]+)(\.[0-9]+)*$ ]] || [ "${BASH_REMATCH[1]}" -gt 18 ]; then
      fail "$dir: engines \"node\": \"$range\" does not admit Node 18.19.0 (Debian 12)"
    fi
  done <<<"$ranges"
  echo "$dir: engines admit Node 18: $(echo "$ranges" | tr '\n' ' ')"
done
echo "PASS"
