#!/usr/bin/env bash
# Runs DriftLab's drift benchmarks and the NumPy peer in the same run, alternately, and prints
# the figures recorded in docs/performance.md. Usage: tests/bench/run_benchmarks.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build/dev}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/app/driftlab" generate "$tmp/demo.h5" --releases 10 2>/dev/null
for round in 1 2; do
  echo "== round $round"
  "$build/tests/bench/driftlab_bench_drift" --benchmark_filter='Advection' \
      --benchmark_repetitions=3 --benchmark_report_aggregates_only=true 2>/dev/null | grep median
  /usr/bin/python3 "$here/peer_advection.py" "$tmp/demo.h5" 3
done
echo "== one release end to end, and the demo preset"
"$build/tests/bench/driftlab_bench_drift" --benchmark_filter='SimulateRelease|GenerateDemo' 2>/dev/null | grep -E "^BM"
echo "== demo preset from the command line"
/usr/bin/time -f "wall %e s, max RSS %M kB" "$build/app/driftlab" generate "$tmp/demo2.h5" 2>&1 | tail -2
