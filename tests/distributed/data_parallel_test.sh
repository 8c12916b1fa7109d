#!/usr/bin/env bash
# Data-parallel training end to end (docs/scaling.md): real processes on 127.0.0.1.
#  - 2 ranks x batch 4 give the weights of 1 process x batch 8 (within 1e-5 after 4 steps), with
#    the replicas' checksums compared after every step; the same bits whether the ranks were
#    started by --world-size, by torchrun or by Slurm-style variables;
#  - a killed rank stops the run, named, with the last checkpoint intact, and the run resumes;
#  - a rank that hangs stops the others after --peer-timeout;
#  - Ctrl-C stops every rank at the same batch; the run resumes with another world size.
# Usage: data_parallel_test.sh WORKDIR   (DRIFTLAB = the driftlab binary)
set -u
DRIFTLAB=${DRIFTLAB:?set DRIFTLAB to the driftlab binary}
PY=/usr/bin/python3
source "$(dirname "$0")/../support/expect.sh"
work=${1:?work dir}
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

"$DRIFTLAB" generate train.h5 --resolution 0.125 --releases 40 --particles 300 --days 3 \
  --current-days 20 --seed 3 --threads 2 > /dev/null 2>&1 || { echo "FAIL generate"; exit 1; }
short=(--epochs 1 --max-pairs 32 --width 4 --threads 1 --warmup 0)

# The largest difference between two runs' weights (state dicts through export-weights).
weights_diff() {
  "$DRIFTLAB" export-weights "$1" -o "$1.w.pt" > /dev/null 2>&1 &&
    "$DRIFTLAB" export-weights "$2" -o "$2.w.pt" > /dev/null 2>&1 || { echo "export failed"; return; }
  "$PY" - "$1.w.pt" "$2.w.pt" <<'PYEOF'
import sys, torch
a, b = torch.load(sys.argv[1]), torch.load(sys.argv[2])
assert a.keys() == b.keys()
print(max((a[k].double() - b[k].double()).abs().max().item() for k in a))
PYEOF
}
below() { "$PY" -c "import sys; sys.exit(0 if float('$1') < float('$2') else 1)" 2> /dev/null; }
# PID of rank R among the children of launcher PID.
rank_pid() {
  local p
  for p in $(pgrep -P "$1"); do
    tr '\0' '\n' < "/proc/$p/environ" 2> /dev/null | grep -qx "RANK=$2" && { echo "$p"; return; }
  done
}
every_epoch_once() {  # RUN WHEN: its history holds epochs 1..6, each once
  "$PY" -c "
import csv, sys; rows = list(csv.DictReader(open(sys.argv[1] + '/history.csv')))
assert [int(r['epoch']) for r in rows] == [1, 2, 3, 4, 5, 6], rows" "$1" &&
    ok "every epoch once $2" || bad "every epoch once $2: $(cut -d, -f1 "$1/history.csv" | tr '\n' ' ')"
}
wait_for_file() {  # FILE SECONDS
  local i
  for ((i = 0; i < $2 * 10; i++)); do [[ -s $1 ]] && return 0; sleep 0.1; done
  return 1
}

# 1. Equivalence: 1 process x 8 against 2 ranks x 4.
expect "one process, batch 8" 0 "finished 1 epochs" -- "$DRIFTLAB" train train.h5 --out single --batch 8 "${short[@]}"
expect "two ranks, batch 4 each, replicas checked every step" 0 "global batch 8 \(2 x 4\)" -- \
  "$DRIFTLAB" train train.h5 --out ranks2 --batch 4 --world-size 2 --check-replicas "${short[@]}"
d=$(weights_diff single ranks2)
below "$d" 1e-5 && ok "2 ranks x 4 = 1 process x 8 after 4 steps (max weight difference $d)" ||
  bad "2 ranks x 4 = 1 process x 8 after 4 steps (max weight difference $d)"
ls ranks2 | grep -qv -E '^(config.json|history.csv|batches.csv|last.pt|best.pt|.*\.w\.pt(\.json)?)$' &&
  bad "the run folder holds only the usual files: $(ls ranks2)" || ok "the run folder holds only the usual files"
# Every rank logs the same numbers: rank 0's history has the global batch's samples.
"$PY" - single/history.csv ranks2/history.csv <<'PYEOF' && ok "validation metrics of 2 ranks = 1 process" || bad "validation metrics of 2 ranks = 1 process"
import csv, sys
a, b = (list(csv.DictReader(open(p))) for p in sys.argv[1:3])
for k in ("val_loss", "persistence_val_loss", "advection_val_loss", "val_mae", "iou50"):
    x, y = float(a[0][k]), float(b[0][k])
    assert abs(x - y) <= 1e-4 * max(abs(x), 1e-12), (k, x, y)
PYEOF

# The same run started by torchrun and by Slurm's variables: the same bits.
if command -v torchrun > /dev/null; then
  port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  expect "torchrun --no_python starts 2 ranks" 0 "" -- timeout 300 torchrun --no_python -r 1 -t 1 \
    --log_dir torchrun-logs --nnodes 1 --nproc_per_node 2 --master_addr 127.0.0.1 --master_port "$port" \
    "$DRIFTLAB" train train.h5 --out torchrun2 --batch 4 "${short[@]}"
  d=$(weights_diff ranks2 torchrun2)
  [[ $d == 0.0 ]] && ok "torchrun's ranks = --world-size's, bit for bit" || bad "torchrun's ranks = --world-size's (difference $d)"
else
  echo "skip torchrun is not installed"
fi
port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
for r in 0 1; do
  env SLURM_PROCID=$r SLURM_NTASKS=2 SLURM_LOCALID=$r SLURM_NTASKS_PER_NODE=2 SLURM_STEP_ID=0 \
    MASTER_ADDR=127.0.0.1 MASTER_PORT=$port timeout 300 \
    "$DRIFTLAB" train train.h5 --out slurm2 --batch 4 "${short[@]}" > "slurm-$r.log" 2>&1 &
  pids[$r]=$!
done
wait "${pids[0]}"; rc0=$?; wait "${pids[1]}"; rc1=$?
[[ $rc0 == 0 && $rc1 == 0 ]] && ok "srun-style ranks finish" || bad "srun-style ranks finish ($rc0 $rc1): $(cat slurm-*.log)"
d=$(weights_diff ranks2 slurm2)
[[ $d == 0.0 ]] && ok "Slurm's ranks = --world-size's, bit for bit" || bad "Slurm's ranks = --world-size's (difference $d)"
[[ ! -s slurm-1.log ]] && ok "rank 1 prints nothing when all goes well" || bad "rank 1 prints nothing: $(cat slurm-1.log)"

# Usage and refusals.
expect "--world-size that contradicts the launcher" 2 "leave --world-size out" -- \
  env RANK=0 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 "$DRIFTLAB" train train.h5 --out x --world-size 3
"$DRIFTLAB" train train.h5 --out ranks2 --batch 4 --world-size 2 "${short[@]}" > occupied.log 2>&1
rc=$?
[[ $rc == 1 ]] && grep -q "already holds a run" occupied.log &&
  grep -q "rank 1 of 2: stopped because rank 0 failed during the check of the run folder" occupied.log &&
  ok "an occupied run folder: rank 0 refuses, rank 1 says why it stops" ||
  bad "an occupied run folder: exit $rc: $(cat occupied.log)"

# 2. A rank killed with SIGKILL: the run stops, names it, and resumes from the last checkpoint.
long=(--epochs 6 --width 4 --threads 1 --batch 4)
"$DRIFTLAB" train train.h5 --out killed --world-size 2 "${long[@]}" > killed.log 2>&1 &
launcher=$!
if wait_for_file killed/last.pt 120; then
  victim=$(rank_pid $launcher 1)
  start=$SECONDS
  kill -9 "$victim"
  wait $launcher; rc=$?
  took=$((SECONDS - start))
  [[ $rc == 1 ]] && ok "a killed rank fails the run (exit 1)" || bad "a killed rank fails the run: exit $rc"
  ((took <= 20)) && ok "the others stop within $took s" || bad "the others stopped after $took s"
  grep -q "rank 1 (pid $victim) was killed by signal 9.*the first to fail" killed.log &&
    ok "the launcher names the killed rank" || bad "the launcher names the killed rank: $(cat killed.log)"
  grep -q "rank 0 of 2: .* failed: rank 1 has stopped" killed.log &&
    ok "rank 0 names the rank it lost" || bad "rank 0 names the rank it lost: $(tail -5 killed.log)"
  expect "the killed run resumes on 2 ranks" 0 "finished 6 epochs" -- \
    "$DRIFTLAB" train --resume killed --world-size 2
  every_epoch_once killed "after the kill and the resume"
else
  bad "no checkpoint before the kill: $(cat killed.log)"
  kill -9 $launcher 2> /dev/null
fi

# 3. A rank that hangs (SIGSTOP): the others give up after --peer-timeout.
"$DRIFTLAB" train train.h5 --out hung --world-size 2 --peer-timeout 5 "${long[@]}" > hung.log 2>&1 &
launcher=$!
if wait_for_file hung/last.pt 120; then
  victim=$(rank_pid $launcher 1)
  start=$SECONDS
  kill -STOP "$victim"
  wait $launcher; rc=$?
  took=$((SECONDS - start))
  [[ $rc == 1 ]] && ok "a hung rank fails the run (exit 1)" || bad "a hung rank fails the run: exit $rc"
  ((took <= 40)) && ok "stopped $took s after the hang (timeout 5 s + the launcher's grace)" || bad "stopped only after $took s"
  grep -q "rank 0 of 2: .* failed: rank 1 has stopped" hung.log && ok "rank 0 names the hung rank" ||
    bad "rank 0 names the hung rank: $(cat hung.log)"
  kill -9 "$victim" 2> /dev/null
  "$DRIFTLAB" info hung/last.pt > /dev/null 2>&1
  expect "the hung run's checkpoint resumes" 0 "finished 6 epochs" -- "$DRIFTLAB" train --resume hung --world-size 2
else
  bad "no checkpoint before the hang: $(cat hung.log)"
  kill -9 $launcher 2> /dev/null
fi

# 4. Ctrl-C reaches every rank, which stop at the same batch; resumed with one process.
"$DRIFTLAB" train train.h5 --out stopped --world-size 2 "${long[@]}" > stopped.log 2>&1 &
launcher=$!
if wait_for_file stopped/last.pt 120; then
  sleep 0.5
  kill -INT $launcher
  wait $launcher; rc=$?
  [[ $rc == 130 ]] && ok "Ctrl-C stops every rank (exit 130)" || bad "Ctrl-C: exit $rc: $(tail -5 stopped.log)"
  expect "resumed with another world size" 0 "written by 2 processes, this run has 1" -- \
    "$DRIFTLAB" train --resume stopped --threads 2
  every_epoch_once stopped "after the stop and the resume"
else
  bad "no checkpoint before Ctrl-C: $(cat stopped.log)"
  kill -9 $launcher 2> /dev/null
fi

echo "data-parallel: $passed passed, $failed failed"
((failed == 0))
