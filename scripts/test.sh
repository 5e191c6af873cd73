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

echo "==> all tests passed"
