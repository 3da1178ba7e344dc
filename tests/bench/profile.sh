#!/usr/bin/env bash
# Instruction counts of plan --offline (valgrind's callgrind: stable on a shared machine, where
# wall and CPU times are not), steady state and from an empty snapshot, with the functions
# that cost the most, for the profile tables of docs/performance.md.
#
#   tests/bench/profile.sh BUILD_DIR [ORGANIZATIONS]     (default 13: 9,893 objects)
#
# BUILD_DIR holds a Release glitchtip-gitops (built with -g for function names).
# PROFILE_KEEP=DIR keeps the callgrind files (steady.out, empty.out) there, for
# callgrind_annotate.
set -euo pipefail
cd "$(dirname "$0")/../.."
tool=$1/glitchtip-gitops
organizations=${2:-13}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
keep=${PROFILE_KEEP:-}
python3 tests/bench/generate.py "$work/instance" --organizations "$organizations"
for run in steady empty; do
  snapshot=$work/instance/snapshot.json
  [ "$run" = empty ] && snapshot=$work/none.json
  GLITCHTIP_BENCH_TOKEN=unused valgrind --tool=callgrind --callgrind-out-file="$work/$run.out" \
    "$tool" plan --offline -d "$work/instance/definitions" --snapshot "$snapshot" \
    >/dev/null 2>"$work/$run.err"
  echo "### $run: $(grep -o 'refs: *[0-9,]*' "$work/$run.err" | tr -s ' ') instructions"
  echo "| function | instructions (inclusive) | share |"
  echo "|---|---:|---:|"
  python3 tests/bench/callgrind_top.py "$work/$run.out" 14
  if [ -n "$keep" ]; then mkdir -p "$keep" && cp "$work/$run.out" "$keep/$run.out"; fi
done
