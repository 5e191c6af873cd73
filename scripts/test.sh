#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: unit, storage, HTTP integration against
# the real binary, and browser tests in Debian's Chromium. The README's second command.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(agrirent_root)
cd "$root"

ensure_packages "${AGRIRENT_BUILD_PACKAGES[@]}"

build="${AGRIRENT_BUILD_DIR:-$root/build}"
echo "==> building ($build)"
build_tree "$build" Release

echo "==> unit, storage and HTTP integration tests"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"

echo "==> browser tests (Chromium through playwright-core)"
ensure_packages "${AGRIRENT_BROWSER_PACKAGES[@]}"
ensure_node
ensure_npm_deps "$root/tests/browser"
# They also refresh docs/screenshots/ (deterministic: the test clock fixes every date).
(cd "$root/tests/browser" && AGRIRENT_SERVER="$build/agrirent-server" node --test --test-concurrency=1)

echo "==> all tests passed"
