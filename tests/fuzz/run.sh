#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz/ (optimized, unlike the CI build
# whose fuzz_smoke tests replay the corpus and fuzz GG_FUZZ_SMOKE_SECONDS each) and runs
# each for DURATION seconds (default 60) on its seed corpus (tests/fuzz/corpus/<target>/).
# New inputs go to build-fuzz/corpus/<target>/, crashes to build-fuzz/crashes/<target>/.
# Exits non-zero when a target crashed; the crashing input is then named in the output; add
# it to the seed corpus once the bug is fixed, as a regression input.
#   tests/fuzz/run.sh [DURATION] [TARGET...]
# GG_FUZZ_BUILD_DIR picks another build directory, GG_FUZZ_JOBS runs that many targets at
# once (default 1).
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${1:-60}
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(definitions plan_file snapshot link_header responses slugify)
build=${GG_FUZZ_BUILD_DIR:-build-fuzz}
jobs=${GG_FUZZ_JOBS:-1}

bash tests/install-deps.sh clang libclang-rt-14-dev
if ! grep -q '^GG_FUZZ:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DGG_FUZZ=ON -DGG_TESTS=ON -DGG_PCH=ON >/dev/null
fi
cmake --build "$build" -j "$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}")

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# Runs one target; its log is $build/fuzz_TARGET.log.
fuzz() {
  local target=$1 corpus="$build/corpus/$1" crashes="$build/crashes/$1"
  mkdir -p "$corpus" "$crashes"
  "$build/tests/fuzz/fuzz_$target" -max_total_time="$duration" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" \
    "$corpus" "tests/fuzz/corpus/$target" 2>"$build/fuzz_$target.log"
}

echo "== ${#targets[@]} targets, ${duration}s each, $jobs at a time"
failed=()
running=()
for i in "${!targets[@]}"; do
  fuzz "${targets[$i]}" &
  running+=("$!:${targets[$i]}")
  if [ "${#running[@]}" -ge "$jobs" ] || [ "$i" -eq $((${#targets[@]} - 1)) ]; then
    for job in "${running[@]}"; do
      wait "${job%%:*}" || failed+=("${job#*:}")
    done
    running=()
  fi
done
for target in "${targets[@]}"; do
  log="$build/fuzz_$target.log"
  echo "== fuzz_$target"
  if [[ " ${failed[*]} " == *" $target "* ]]; then tail -n 60 "$log"; fi
  grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$log" || true
  grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -n 1 || true
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "crashed: ${failed[*]} (inputs in $build/crashes/)" >&2
  exit 1
fi
