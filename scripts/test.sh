#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: unit, storage, HTTP integration against
# the real binary (hostile input, races, the model check, kill -9 and backups included), and
# browser tests in Debian's Chromium; every response the HTTP suites received against
# server/api/openapi.json (tests/openapi); then the same unit and integration tests again on a build
# with AddressSanitizer and UndefinedBehaviorSanitizer (the server under test included); the
# socket and concurrency tests against a ThreadSanitizer build of the server; and each libFuzzer
# target for 15 seconds. The README's second command.
# PostgreSQL (issue 12): a throwaway cluster (scripts/pg_cluster.sh; `postgresql` is installed if
# missing) runs for the whole script and is stopped on exit, also on failure; AGRIRENT_TEST_PG
# points the tests at it, so the ctest run includes the storage contract on PostgreSQL, the HTTP
# integration and concurrency suites once more on PostgreSQL (two servers for the race and the
# model check) and tests/server/multiserver (kill -9 of one of two servers, a database crash).
# The sanitizer passes leave the PostgreSQL-only suites out (CTest label `postgres`), and the
# ASan pass the package checks (label `package`: they inspect the .deb, not memory).
# AGRIRENT_SKIP_SANITIZE=1, AGRIRENT_SKIP_TSAN=1 and AGRIRENT_SKIP_FUZZ=1 skip those passes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(agrirent_root)
cd "$root"

# Each phase's line says how long the run has taken so far (CI must stay under 25 minutes).
phase() { printf '==> [%d:%02d] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }

ensure_packages "${AGRIRENT_BUILD_PACKAGES[@]}" postgresql

# Files outside the build folders that are not in git, before the tests: nothing a test writes may
# stay in the checkout (the fuzz targets once left their admin backups in it); checked at the end.
untracked_files() {
  git -C "$root" ls-files --others --ignored --exclude-standard 2>/dev/null |
    grep -v -E '^"?(build[^/]*|node_modules|tests/(browser|openapi)/node_modules|tests/browser/test-results)/' |
    sort || true
}
untracked_before=$(untracked_files)

pg_dir=$(mktemp -d -t agrirent-pg.XXXXXX)
trap '"$root/scripts/pg_cluster.sh" stop "$pg_dir"' EXIT
phase "a throwaway PostgreSQL cluster ($pg_dir)"
AGRIRENT_TEST_PG=$("$root/scripts/pg_cluster.sh" start "$pg_dir")
export AGRIRENT_TEST_PG
echo "    AGRIRENT_TEST_PG=$AGRIRENT_TEST_PG"

build="${AGRIRENT_BUILD_DIR:-$root/build}"
phase "building ($build)"
build_tree "$build" Release

phase "unit, storage and HTTP integration tests (SQLite and PostgreSQL)"
# Every exchange the HTTP suites make through the test harness is recorded (issue 16) and then
# checked against server/api/openapi.json below.
responses="$build/openapi-responses"
rm -rf "$responses" && mkdir -p "$responses"
AGRIRENT_RECORD_RESPONSES="$responses" ctest --test-dir "$build" --output-on-failure -j "$(nproc)"

ensure_packages "${AGRIRENT_BROWSER_PACKAGES[@]}"
ensure_node
phase "the OpenAPI document, and every recorded response against it"
ensure_npm_deps "$root/tests/openapi"
(cd "$root/tests/openapi" && node --test check_responses.test.mjs)
node "$root/tests/openapi/check_responses.mjs" "$root/server/api/openapi.json" "$responses"

phase "browser tests (Chromium through playwright-core)"
ensure_npm_deps "$root/tests/browser"
# They also refresh docs/screenshots/ (deterministic: the test clock fixes every date).
run_browser_tests "$root/tests/browser" "$build/agrirent-server"

if [ "${AGRIRENT_SKIP_SANITIZE:-0}" != 1 ]; then
  asan="${build}-asan"
  # The sanitizer builds are unity builds (the server's sources a few to a translation unit, the
  # tests not: tests/CMakeLists.txt): half the compile time of the ASan build's server. -g1: line
  # tables only (ASan's reports keep file and line), a tenth less compile time.
  phase "building with ASan/UBSan ($asan)"
  build_tree "$asan" Debug -DAGRIRENT_SANITIZE=ON -DCMAKE_UNITY_BUILD=ON -DCMAKE_CXX_FLAGS_DEBUG=-g1
  phase "unit and integration tests under ASan/UBSan"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    AGRIRENT_SHUTDOWN_STARTS=40 ctest --test-dir "$asan" --output-on-failure -j "$(nproc)" -LE 'postgres|package'
fi

if [ "${AGRIRENT_SKIP_TSAN:-0}" != 1 ]; then
  phase "ThreadSanitizer: socket and concurrency tests"
  "$root/scripts/tsan.sh"
fi

if [ "${AGRIRENT_SKIP_FUZZ:-0}" != 1 ]; then
  phase "fuzzing (15 s per target)"
  "$root/scripts/fuzz.sh" --quick
fi

left=$(comm -13 <(echo "$untracked_before") <(untracked_files))
if [ -n "$left" ]; then
  echo "scripts/test.sh: the tests left these files in the checkout:" >&2
  echo "$left" >&2
  exit 1
fi

phase "all tests passed"
