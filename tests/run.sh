#!/usr/bin/env bash
# Builds glitchtip-gitops with AddressSanitizer and UndefinedBehaviorSanitizer into
# build-sanitize/ and runs every test with ctest. Installs missing Debian packages first.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tests/install-deps.sh
build=${GG_BUILD_DIR:-build-sanitize}
jobs=$(nproc)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DGG_SANITIZE=ON -DGG_TESTS=ON >/dev/null
cmake --build "$build" -j "$jobs"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build" --output-on-failure -j "$jobs"
