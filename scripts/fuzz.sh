#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan + coverage, in build-fuzz/)
# and runs each for a fixed time with leak detection on. docs/fuzzing.md explains the targets.
#
#   scripts/fuzz.sh [--quick] [--time SECONDS] [--merge] [TARGET...]
#
#   --quick        15 s per target with a fixed seed (what scripts/test.sh runs)
#   --time N       N seconds per target (default 300)
#   --merge        afterwards, add the inputs that found new coverage to tests/fuzz/corpus/
#   TARGET...      only these (fuzz_router fuzz_json_request fuzz_form fuzz_query_parsing)
#
# The seed corpus in tests/fuzz/corpus/<target>/ is only read: new inputs go to a working corpus
# in the build directory (kept between runs), so the repository changes only with --merge.
# Exits non-zero if any target crashed, leaked, hit undefined behaviour or timed out, printing
# the reproducer; replay one with  build-fuzz/fuzz/<target> <reproducer>.
# AGRIRENT_FUZZ_BUILD_DIR overrides the build directory.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(agrirent_root)
cd "$root"

all_targets=(fuzz_router fuzz_json_request fuzz_form fuzz_query_parsing)
seconds=300
seed=0 # 0: libFuzzer picks one
merge=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) seconds=15 seed=1 ;;
    --time) seconds=$2; shift ;;
    --merge) merge=1 ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    fuzz_*) targets+=("$1") ;;
    *) echo "fuzz.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

ensure_packages "${AGRIRENT_BUILD_PACKAGES[@]}" clang libclang-rt-14-dev

build="${AGRIRENT_FUZZ_BUILD_DIR:-$root/build-fuzz}"
echo "==> building the fuzz targets with clang ($build)"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DAGRIRENT_FUZZ=ON -DAGRIRENT_BUILD_TESTS=OFF -DCMAKE_UNITY_BUILD=ON \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

# ASan's leak checker runs after each input that allocated more than it freed, and at exit.
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1:${ASAN_OPTIONS:-}
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}

new_tmp() { mktemp -d "$([ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/agrirent-fuzz.XXXXXX"; }

failed=()
summary=()
for t in "${targets[@]}"; do
  work="$build/fuzz-work/$t"
  mkdir -p "$work/corpus" "$work/artifacts"
  seeds="$root/tests/fuzz/corpus/$t"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -detect_leaks=1
        -print_final_stats=1 -artifact_prefix="$work/artifacts/" -seed="$seed")
  [ -f "$root/tests/fuzz/$t.dict" ] && args+=(-dict="$root/tests/fuzz/$t.dict")
  # The targets that start the application keep its demo database here (tmpfs when there is).
  tmp=$(new_tmp)
  log="$work/last-run.log"
  echo "==> $t for ${seconds}s (log: $log)"
  before=$(ls "$work/artifacts" | wc -l)
  status=0
  AGRIRENT_FUZZ_TMP="$tmp" "$build/fuzz/$t" "${args[@]}" "$work/corpus" "$seeds" >"$log" 2>&1 || status=$?
  rm -rf "$tmp"
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -nE 's/.*cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+).*/cov \1, features \2, corpus \3/p' <<<"$last")
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log")
  rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$log")
  summary+=("$t: ${runs:-?} runs, ${rate:-?} exec/s, ${cov:-no stats}")
  if [ "$status" -ne 0 ] || [ "$(ls "$work/artifacts" | wc -l)" -gt "$before" ]; then
    failed+=("$t")
    echo "!!! $t failed (exit $status); the end of its log:" >&2
    grep -vE '^#[0-9]+' "$log" | tail -40 >&2
    echo "!!! reproducers (replay: $build/fuzz/$t FILE):" >&2
    ls -t "$work/artifacts" | head -"$(( $(ls "$work/artifacts" | wc -l) - before ))" |
      sed "s|^|    $work/artifacts/|" >&2
  elif [ "$merge" = 1 ]; then
    echo "==> merging new coverage of $t into $seeds"
    mkdir -p "$seeds"
    tmp=$(new_tmp)
    AGRIRENT_FUZZ_TMP="$tmp" "$build/fuzz/$t" -merge=1 "$seeds" "$work/corpus" >"$work/merge.log" 2>&1
    rm -rf "$tmp"
  fi
done

echo "==> fuzzing summary (${seconds}s per target)"
printf '    %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "==> FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "==> no crash, no leak, no undefined behaviour"
