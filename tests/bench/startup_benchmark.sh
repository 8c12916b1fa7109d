#!/usr/bin/env bash
# Cold start to the first painted frame that shows data: `driftlab DATASET.h5` under Xvfb, from
# the exec to the frame (the app prints the wall-clock time of that frame and quits when
# DRIFTLAB_EXIT_AFTER_FIRST_FRAME is set). Libraries come from the page cache after the first
# run, as for a user who started it before; the first run is reported apart.
# Usage: tests/bench/startup_benchmark.sh [BUILD_DIR] [DATASET.h5] [RUNS]
# With PRELOAD_LEARNING=1 the learning module (and LibTorch with it) is loaded at exec with
# LD_PRELOAD, as it was before it was loaded on first use: the same binary's start, side by side.
set -euo pipefail
build=${1:-$(dirname "$0")/../../build/dev}
dataset=${2:-}
runs=${3:-7}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [[ -z $dataset ]]; then
  dataset=$tmp/demo.h5
  "$build/app/driftlab" generate "$dataset" 2>/dev/null
fi
export HOME=$tmp/home DRIFTLAB_EXIT_AFTER_FIRST_FRAME=1
preload=
[[ ${PRELOAD_LEARNING:-0} == 1 ]] && preload=$(realpath "$build/model/libdriftlab_learn.so")
export preload
measure() {
  xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
    t0=$(date +%s%3N)
    out=$(LD_PRELOAD=$preload "$0" "$1" 2>/dev/null | grep "first frame at")
    t1=${out#first frame at }; t1=${t1% ms}
    echo $((t1 - t0))' "$build/app/driftlab" "$dataset"
}
echo "first run: $(measure) ms"
times=()
for ((k = 0; k < runs; ++k)); do times+=("$(measure)"); done
sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
echo "warm runs (ms): $sorted"
echo "cold start to first frame: median $median ms over $runs runs"
