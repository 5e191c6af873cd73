#!/usr/bin/env bash
# The long crash test (docs/durability.md): kill -9 the server at random moments during a booking
# load, restart it on the same database, check every acknowledged booking, N times (default 200;
# the test suite runs 20). Prints the seed and the figures; exits non-zero on any loss.
#
# Usage: scripts/crash.sh [CYCLES] [SEED]
# Builds Release into ${AGRIRENT_BUILD_DIR:-build} (only the server and durability_tests).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(agrirent_root)
cd "$root"

cycles=${1:-200}
seed=${2:-}
build=${AGRIRENT_BUILD_DIR:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac

ensure_packages "${AGRIRENT_BUILD_PACKAGES[@]}"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$(nproc)" --target agrirent-server durability_tests

export AGRIRENT_BINARY_DIR="$build"
export AGRIRENT_CRASH_CYCLES=$cycles
[ -n "$seed" ] && export AGRIRENT_CRASH_SEED=$seed
echo "==> $cycles kill -9 cycles"
"$build/tests/durability_tests" "[crash]"
