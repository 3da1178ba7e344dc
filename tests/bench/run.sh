#!/usr/bin/env bash
# Reproduces the figures of docs/performance.md: builds a Release tree (build-bench, or
# $GG_BENCH_BUILD) with the benchmarks, then runs
#   - bench.py: live plan at scale, apply at scale, plan --offline of 100,000 objects,
#     against the glitchtip-emulator process (tables in Markdown on stdout);
#   - the Google Benchmark micro benchmarks (definitions_bench, planner_bench);
#   - yaml: yaml-cpp's scanner against libyaml's on the full-size definitions (yaml_scanners,
#     built where libyaml-dev is installed).
#
#   tests/bench/run.sh [plan|apply|offline|import|micro|yaml|apply-scale]...
#   (default: all but apply-scale, the apply of the full instance: minutes on its own)
# Environment: RUNS (timed runs per setting, default 3), LATENCY_MS (default 20).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${GG_BENCH_BUILD:-build-bench}

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(plan apply offline import micro)
live=()
micro=0
yaml=0
for part in "${parts[@]}"; do
  case "$part" in
    plan | apply | offline | import | apply-scale) live+=("$part") ;;
    micro) micro=1 ;;
    yaml) yaml=1 ;;
    *) echo "run.sh: unknown benchmark '$part' (expected plan, apply, offline, import, micro, yaml or apply-scale)" >&2; exit 1 ;;
  esac
done

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DGG_BENCH=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target glitchtip-gitops glitchtip-emulator \
  definitions_bench planner_bench
if [ "$yaml" = 1 ]; then cmake --build "$build" --target yaml_scanners; fi

echo "## glitchtip-gitops benchmarks: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"
echo "Machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)," \
  "$(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM"
echo
if [ ${#live[@]} -gt 0 ]; then
  python3 tests/bench/bench.py --build "$build" --runs "${RUNS:-3}" \
    --latency-ms "${LATENCY_MS:-20}" "${live[@]}"
fi
if [ "$micro" = 1 ]; then
  "$build/tests/bench/definitions_bench" --benchmark_min_time=0.5
  "$build/tests/bench/planner_bench" --benchmark_min_time=0.5
fi
if [ "$yaml" = 1 ]; then
  instance=$(mktemp -d)
  trap 'rm -rf "$instance"' EXIT
  python3 tests/bench/generate.py "$instance" --organizations 130 >/dev/null
  echo "### YAML scanners alone, one thread, best of 3 (130 organizations)"
  echo
  "$build/tests/bench/yaml_scanners" "$instance/definitions" 3
fi
