#!/usr/bin/env bash
# Data-parallel training on one machine (docs/scaling.md): samples/s of 1 process x T threads
# against T processes x 1 thread, at the same global batch, on the demo dataset, and the time
# the gradients' all-reduce takes per step. Prints a table; nothing is asserted.
# Usage: data_parallel_bench.sh DRIFTLAB [WORKDIR] [PAIRS]
set -euo pipefail
DL=${1:?driftlab binary}
work=${2:-/tmp/driftlab-dp-bench}
pairs=${3:-384}
cores=$(nproc)
mkdir -p "$work" && cd "$work"
[[ -s demo.h5 ]] || "$DL" generate demo.h5 > /dev/null 2>&1
reps=${REPS:-3}
# The median of a list of numbers.
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() {  # LOG ARGS...: one epoch; prints "samples/s all-reduce-ms"
  local log=$1; shift
  rm -rf run && "$DL" train demo.h5 --out run --epochs 1 --max-pairs "$pairs" --max-val-pairs 16 "$@" > "$log" 2>&1
  echo "$(grep -oE '[0-9.]+ samples/s, [0-9.]+ s$' "$log" | awk '{print $1}') $(grep -oE 'all-reduce took [0-9.]+ ms' "$log" | awk '{print $3}')"
}
echo "driftlab data-parallel benchmark: $(nproc) cores, $pairs training pairs of the demo dataset, median of $reps epochs"
printf '%-6s %-7s %-26s %10s %16s\n' width batch layout samples/s "all-reduce/step"
for width in 8 16; do
  for global in 16 32; do
    one=() many=() ar=()
    for ((r = 0; r < reps; r++)); do  # interleaved, so that a slow minute hits both
      read -r s _ < <(run one.log --width "$width" --batch "$global" --threads "$cores")
      one+=("$s")
      read -r s a < <(run ranks.log --width "$width" --batch $((global / cores)) --threads 1 --world-size "$cores")
      many+=("$s") ar+=("$a")
    done
    printf '%-6s %-7s %-26s %10s %16s\n' "$width" "$global" "1 process x $cores threads" "$(echo "${one[*]}" | median)" "-"
    printf '%-6s %-7s %-26s %10s %16s\n' "$width" "$global" "$cores processes x 1 thread" "$(echo "${many[*]}" | median)" "$(echo "${ar[*]}" | median) ms"
  done
done
