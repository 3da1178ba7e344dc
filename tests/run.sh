#!/usr/bin/env bash
# The whole test run, as CI runs it (.ci/run): installs missing Debian packages, then
#   build    everything with clang, AddressSanitizer and UndefinedBehaviorSanitizer into
#            build-sanitize/; the libFuzzer targets come out of the same tree;
#   test     every test, and every fuzz target for GG_FUZZ_SECONDS on its seed corpus
#            (the fuzz_smoke.* tests), with ctest;
#   static   clang-tidy and cppcheck over cmd/, planner/, providers/ and tests/emulator/;
#            any finding fails the run (tests/static-analysis.sh);
#   tsan     the provider and apply tests built with ThreadSanitizer into build-tsan/, run.
# The PostgreSQL snapshot tests use a throwaway server (tests/support/postgres.sh), started
# before the tests and stopped on exit; its URI is exported as GG_TEST_POSTGRES_URI.
# A failing step does not stop the others (a failed build stops its own tests); the run
# fails if any step failed. The time of each step is printed at the end.
# Environment: GG_BUILD_DIR, GG_TSAN_BUILD_DIR (the two build directories),
# GG_FUZZ_SECONDS (default 10; 0 skips fuzzing), GG_STEPS (default "test static ci package
# tsan"; ci: tests/ci/pipelines_test.sh, package: tests/package/package_test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

build=${GG_BUILD_DIR:-build-sanitize}
tsan_build=${GG_TSAN_BUILD_DIR:-build-tsan}
# 10 s a target: enough to replay every seed and regression input (the corpora take under
# a second each) and to mutate for some thousands of runs; six targets cost 30 s on two
# cores. Finding new bugs is the long runs' job: tests/fuzz/run.sh 600.
fuzz_seconds=${GG_FUZZ_SECONDS:-10}
steps=" ${GG_STEPS:-test static ci package tsan} "
jobs=$(nproc)
# One gtest process per share of a suite instead of one per test (see tests/CMakeLists.txt).
shards=4

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

times=()
failed=()
# step NAME COMMAND...: runs COMMAND, notes its time, and whether it failed.
step() {
  local name=$1 start=$SECONDS status=0
  shift
  echo "== $name" >&2
  "$@" || status=$?
  times+=("$(printf '%-16s %5d s' "$name" $((SECONDS - start)))")
  if [ "$status" -ne 0 ]; then
    failed+=("$name")
    times[-1]+="  FAILED"
  fi
  return "$status"
}

finish() {
  printf '%s\n' "${times[@]}" "$(printf '%-16s %5d s' total "$SECONDS")" >&2
  if [ "${#failed[@]}" -gt 0 ]; then
    echo "failed: ${failed[*]}" >&2
    exit 1
  fi
  exit 0
}

# configure DIR CMAKE_OPTIONS...: clang, no optimisation (the sanitizers' cost at run time
# is less than what -O1 adds to the build), line tables only for the stack traces.
configure() {
  local dir=$1
  shift
  cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG=-gline-tables-only -DGG_PCH=ON -DGG_TESTS=ON \
    -DGG_TEST_SHARDS="$shards" "$@" >/dev/null
}

step install bash tests/install-deps.sh clang libclang-rt-14-dev clang-tidy cppcheck || finish

# postgres DIR: starts the test server in DIR and exports its URI; without one the tests that
# need it skip, saying why.
postgres() {
  local uri
  if uri=$(bash tests/support/postgres.sh start "$1"); then
    export GG_TEST_POSTGRES_URI=$uri
  else
    export GG_TEST_POSTGRES_SKIP="tests/support/postgres.sh could not start a server"
    return 1
  fi
}
postgres_dir=$(mktemp -d "${TMPDIR:-/tmp}/gg-postgres.XXXXXX")
trap 'bash tests/support/postgres.sh stop "$postgres_dir"' EXIT
step postgres postgres "$postgres_dir" || true

if step configure configure "$build" -DGG_FUZZ=ON -DGG_FUZZ_SMOKE_SECONDS="$fuzz_seconds" &&
  step build cmake --build "$build" -j "$jobs"; then
  [[ $steps != *" test "* ]] ||
    step test ctest --test-dir "$build" --output-on-failure -j "$jobs" || true
  [[ $steps != *" static "* ]] || step static bash tests/static-analysis.sh "$build" || true
  # The pipelines' shell parts against the emulator and stub GitLab/GitHub APIs.
  [[ $steps != *" ci "* ]] || step ci bash tests/ci/pipelines_test.sh "$build" || true
fi

# The Debian package built from a Release tree of just the tool, unpacked and run.
[[ $steps != *" package "* ]] || step package bash tests/package/package_test.sh build-package || true

if [[ $steps == *" tsan "* ]] && step tsan-configure configure "$tsan_build" -DGG_TSAN=ON &&
  step tsan-build cmake --build "$tsan_build" -j "$jobs"; then
  step tsan-test ctest --test-dir "$tsan_build" --output-on-failure -j "$jobs" || true
fi
finish
