#!/usr/bin/env bash
# Static analysis of the tool's own code (cmd/, planner/, providers/): clang-tidy with the
# checked-in .clang-tidy, then cppcheck. Uses a build directory's compile_commands.json
# (default build-i/, configured if missing). Prints every finding and the counts; exits 1
# when there is any finding.
#   tests/static-analysis.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-${GG_BUILD_DIR:-build-i}}
bash tests/install-deps.sh clang-tidy cppcheck
if [ ! -f "$build/compile_commands.json" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug >/dev/null
fi
# Generated sources (the embedded schemas) must exist for the includes to resolve.
cmake --build "$build" --target gg_schemas >/dev/null

mapfile -t sources < <(find cmd planner providers -name '*.cpp' | sort)
report=$(mktemp -d)
trap 'rm -rf "$report"' EXIT

start=$(date +%s)
printf '%s\n' "${sources[@]}" |
  xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet 2>/dev/null >"$report/tidy.txt" || true
tidy_findings=$(grep -cE '^[^ ].*:[0-9]+:[0-9]+: (warning|error):' "$report/tidy.txt" || true)
grep -E -A3 '^[^ ].*:[0-9]+:[0-9]+: (warning|error):' "$report/tidy.txt" || true
tidy_seconds=$(($(date +%s) - start))

start=$(date +%s)
cppcheck --enable=warning,performance,portability --std=c++20 --language=c++ --quiet \
  --inline-suppr --suppress=missingIncludeSystem --suppress=unknownMacro \
  --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
  -I . -j "$(nproc)" cmd planner providers 2>"$report/cppcheck.txt" || true
cppcheck_findings=$(grep -cE ':[0-9]+:[0-9]+: ' "$report/cppcheck.txt" || true)
cat "$report/cppcheck.txt"
cppcheck_seconds=$(($(date +%s) - start))

echo "clang-tidy: $tidy_findings findings (${tidy_seconds}s); cppcheck: $cppcheck_findings findings (${cppcheck_seconds}s)"
[ "$tidy_findings" -eq 0 ] && [ "$cppcheck_findings" -eq 0 ]
