#!/usr/bin/env bash
# Static analysis: clang-tidy with the checked-in .clang-tidy over the tool's own code
# (cmd/, planner/, providers/), then cppcheck over the whole tree (that and tests/, the
# emulator included). Prints every finding (once, however many files include the header it
# is in) and the counts; exits 1 when there is any finding. Run by tests/run.sh, so by CI.
#   tests/static-analysis.sh [--all] [--analyzer] [BUILD_DIR]
# --all: clang-tidy over tests/ too, the emulator included (tests/.clang-tidy; clean, but
# five more minutes on two cores, which CI's 20-minute budget does not leave: run it before
# merging a change to tests/).
# BUILD_DIR (default $GG_BUILD_DIR, else build-i) gives compile_commands.json; it is
# configured with clang if missing. --analyzer adds the clang static analyzer
# (clang-analyzer-*): much slower, so not in CI.
set -euo pipefail
cd "$(dirname "$0")/.."

checks=
directories=(cmd planner providers)
while [ $# -gt 0 ]; do
  case $1 in
  --analyzer) checks=--checks=clang-analyzer-*,-clang-analyzer-optin.* ;;
  --all) directories=(cmd planner providers tests) ;;
  *) break ;;
  esac
  shift
done
build=${1:-${GG_BUILD_DIR:-build-i}}
bash tests/install-deps.sh clang clang-tidy cppcheck
if [ ! -f "$build/compile_commands.json" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ >/dev/null
fi
# Generated sources (the embedded schemas) must exist for the includes to resolve.
cmake --build "$build" --target gg_schemas >/dev/null

# Largest first, so that the last file to finish is a short one.
mapfile -t sources < <(find "${directories[@]}" -name '*.cpp' -printf '%s %p\n' | sort -rn |
  cut -d' ' -f2)
report=$(mktemp -d)
trap 'rm -rf "$report"' EXIT
finding='^[^ ].*:[0-9]+:[0-9]+: (warning|error):'

# Without the precompiled headers of a GG_PCH build: clang-tidy would read them whole into
# every file and check all they hold, at three times the cost.
sed -E 's/ -Winvalid-pch -Xclang -include-pch -Xclang [^ ]+ -Xclang -include -Xclang [^ ]+//' \
  "$build/compile_commands.json" >"$report/compile_commands.json"

start=$SECONDS
# A file clang-tidy cannot parse is reported as an error finding, so its exit status adds
# nothing: the count below decides.
printf '%s\n' "${sources[@]}" |
  xargs -P "$(nproc)" -n 1 clang-tidy -p "$report" --quiet $checks >"$report/tidy.txt" \
    2>"$report/tidy-stderr.txt" || true
# A finding in a header comes once from every file that includes it: keep the first.
awk -v finding="$finding" '
  $0 ~ finding { keep = !seen[$0]++ }
  keep' "$report/tidy.txt" >"$report/tidy-unique.txt"
tidy_findings=$(grep -cE "$finding" "$report/tidy-unique.txt" || true)
cat "$report/tidy-unique.txt"
tidy_seconds=$((SECONDS - start))

start=$SECONDS
# invalidLifetime in source_files.cpp: cppcheck 2.10 takes the std::string_view parameter of
# first_invalid_utf8() for the caller's local std::string, out of scope (a false positive).
cppcheck --enable=warning,performance,portability --std=c++20 --language=c++ --quiet \
  --library=googletest --inline-suppr --suppress=missingIncludeSystem \
  --suppress=unknownMacro --suppress=invalidLifetime:providers/definitions/source_files.cpp \
  --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
  -I . -j "$(nproc)" cmd planner providers tests 2>"$report/cppcheck.txt" || true
cppcheck_findings=$(grep -cE ':[0-9]+:[0-9]+: ' "$report/cppcheck.txt" || true)
cat "$report/cppcheck.txt"
cppcheck_seconds=$((SECONDS - start))

echo "clang-tidy: $tidy_findings findings in ${#sources[@]} files (${tidy_seconds}s);" \
  "cppcheck: $cppcheck_findings findings (${cppcheck_seconds}s)"
[ "$tidy_findings" -eq 0 ] && [ "$cppcheck_findings" -eq 0 ]
