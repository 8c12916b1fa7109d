#!/usr/bin/env bash
# Training benchmarks: DriftLab's LibTorch engine against the same model in PyTorch (Debian's
# python3-torch, tests/bench/peer_train.py), same threads, same batch, run alternately round
# after round in the same run (the machine's speed drifts by 10-20 % between minutes).
#   step:   one training step (forward, masked MAE, backward, clipping, AdamW) on fixed tensors
#   epoch:  an epoch end to end, loading included: TrainingSession vs a PyTorch + h5py
#           DataLoader reading the same file (workers 0 and 2), both doing the peer's work (the
#           seed recipe: 3 channels, residual on persistence, MAE); then TrainingSession at the
#           default recipe (hybrid: 6 channels with the advected map, advection anchor, MSE),
#           its first epoch (which builds the advection baseline's per-day transfers) and its
#           second (transfers cached), beside it
#   loader: DriftLab's PairLoader alone vs what the trainer consumes
# Figures go in docs/performance.md ("Training").
# Usage: tests/bench/train_benchmark.sh [BUILD_DIR] [DATASET.h5]
#   ROUNDS (default 3), PAIRS (training pairs per epoch, default 1024), WIDTHS (default "8 16").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build/dev}
bench=$build/tests/bench/driftlab_bench_train
py=/usr/bin/python3
rounds=${ROUNDS:-3}
pairs=${PAIRS:-1024}
widths=${WIDTHS:-8 16}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dataset=${2:-}
if [[ -z $dataset ]]; then
  echo "== generating the demo preset"
  "$build/app/driftlab" generate "$tmp/demo.h5" > /dev/null 2>&1
  dataset=$tmp/demo.h5
fi
field() { $py -c "import json,sys; print(round(json.loads(sys.stdin.readlines()[-1])['$1'], 2))"; }
median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), threads 2, batch 16"
echo "   (samples/s, higher is better; median of $rounds rounds, C++ and Python alternating)"

for w in $widths; do
  cpp=() pyt=()
  for r in $(seq "$rounds"); do
    cpp+=("$("$bench" step --width "$w" --batch 16 --threads 2 --steps 15 | field samples_per_s)")
    pyt+=("$($py "$here/peer_train.py" step --width "$w" --batch 16 --threads 2 --steps 15 | field samples_per_s)")
  done
  c=$(printf '%s\n' "${cpp[@]}" | median); p=$(printf '%s\n' "${pyt[@]}" | median)
  echo "step  width $w, 64 x 128: DriftLab ${cpp[*]} -> $c | PyTorch ${pyt[*]} -> $p | ratio $($py -c "print(round($c / $p, 2))")"
done

w=8
ce=() p0=() p2=() lo=() cc=() hy=() h2=()
for r in $(seq "$rounds"); do
  out=$("$bench" epoch "$dataset" --width $w --batch 16 --threads 2 --max-pairs "$pairs" --recipe seed)
  ce+=("$(field samples_per_s <<<"$out")")
  cc+=("$(field compute_samples_per_s <<<"$out")")
  out=$("$bench" epoch "$dataset" --width $w --batch 16 --threads 2 --max-pairs "$pairs" --epochs 2)
  hy+=("$(field samples_per_s <<<"$out")")
  h2+=("$(field last_epoch_samples_per_s <<<"$out")")
  p0+=("$($py "$here/peer_train.py" epoch "$dataset" --width $w --batch 16 --threads 2 --workers 0 --max-pairs "$pairs" | field samples_per_s)")
  p2+=("$($py "$here/peer_train.py" epoch "$dataset" --width $w --batch 16 --threads 2 --workers 2 --max-pairs "$pairs" | field samples_per_s)")
  lo+=("$("$bench" loader "$dataset" --batch 16 --loader-threads 2 --max-pairs "$pairs" | field samples_per_s)")
done
c=$(printf '%s\n' "${ce[@]}" | median); a=$(printf '%s\n' "${p0[@]}" | median); b=$(printf '%s\n' "${p2[@]}" | median)
best=$($py -c "print(max($a, $b))")
h=$(printf '%s\n' "${hy[@]}" | median); hh=$(printf '%s\n' "${h2[@]}" | median)
echo "epoch width $w, $pairs pairs, end to end, seed recipe: DriftLab ${ce[*]} -> $c | PyTorch+h5py workers 0: ${p0[*]} -> $a, workers 2: ${p2[*]} -> $b | ratio to the better $($py -c "print(round($c / $best, 2))")"
echo "epoch width $w, $pairs pairs, end to end, default (hybrid) recipe: first epoch ${hy[*]} -> $h ($($py -c "print(round($h / $c, 2))") x the seed recipe's), second ${h2[*]} -> $hh ($($py -c "print(round($hh / $c, 2))") x)"
l=$(printf '%s\n' "${lo[@]}" | median); t=$(printf '%s\n' "${cc[@]}" | median)
echo "loader: PairLoader ${lo[*]} -> $l samples/s | trainer consumes $t | ratio $($py -c "print(round($l / $t, 1))")"
