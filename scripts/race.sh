#!/usr/bin/env bash
# The long variants of the concurrency tests (issue 6; docs/concurrency.md): the same test
# executable as the suite, with more rounds and operations.
#
#  1. last-unit race: ROUNDS rounds (default 1,000) of 50 clients released together against a
#     (branch, type) with one free unit: one 201, 49 × 409 no_capacity, nothing else left behind.
#  2. model check: OPS state-changing requests (default 50,000) from 16 clients with a fresh
#     random seed (printed; rerun with AGRIRENT_MODEL_SEED=<seed> to repeat the same choices).
#
# Usage: scripts/race.sh [ROUNDS [OPS]]   (environment: AGRIRENT_RACE_CLIENTS, AGRIRENT_MODEL_SEED)
# Builds Release into ${AGRIRENT_BUILD_DIR:-build} (only the server and concurrency_tests).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(agrirent_root)
cd "$root"

rounds=${1:-1000}
ops=${2:-50000}
seed=${AGRIRENT_MODEL_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
build="${AGRIRENT_BUILD_DIR:-$root/build}"

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$(nproc)" --target agrirent-server concurrency_tests

echo "==> last-unit race: $rounds rounds"
start=$(date +%s)
AGRIRENT_RACE_ROUNDS=$rounds "$build/tests/concurrency_tests" --durations yes "[race]"
echo "==> race: $(( $(date +%s) - start )) s"

echo "==> model check: $ops operations, seed $seed"
start=$(date +%s)
AGRIRENT_MODEL_OPS=$ops AGRIRENT_MODEL_SEED=$seed "$build/tests/concurrency_tests" \
  --durations yes "[model]"
echo "==> model: $(( $(date +%s) - start )) s"
