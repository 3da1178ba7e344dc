#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz/ and runs each for DURATION seconds
# (default 60) on its seed corpus (tests/fuzz/corpus/<target>/). New inputs go to
# build-fuzz/corpus/<target>/, crashes to build-fuzz/crashes/<target>/. Exits non-zero when
# a target crashed; the crashing input is then named in the output; add it to the seed
# corpus once the bug is fixed, as a regression input.
#   tests/fuzz/run.sh [DURATION] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${1:-60}
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(definitions plan_file snapshot link_header responses slugify)
build=${GG_FUZZ_BUILD_DIR:-build-fuzz}

bash tests/install-deps.sh clang libclang-rt-14-dev
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS="$flags" -DGG_FUZZ=ON -DGG_TESTS=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}")

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  crashes="$build/crashes/$target"
  mkdir -p "$corpus" "$crashes"
  echo "== fuzz_$target for ${duration}s"
  if ! "$build/tests/fuzz/fuzz_$target" -max_total_time="$duration" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" \
      "$corpus" "tests/fuzz/corpus/$target" 2>"$build/fuzz_$target.log"; then
    failed+=("$target")
    tail -n 60 "$build/fuzz_$target.log"
  fi
  grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$build/fuzz_$target.log" || true
  grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' "$build/fuzz_$target.log" | tail -n 1
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "crashed: ${failed[*]} (inputs in $build/crashes/)" >&2
  exit 1
fi
