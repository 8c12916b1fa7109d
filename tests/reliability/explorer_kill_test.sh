#!/usr/bin/env bash
# The explorer killed while it trains: ROUNDS times, the explorer's window trains (a new run, then
# the same run continued from its panel with Open Run and Continue, or Train more once it has
# finished, as a user would after a crash) and is killed with SIGKILL at a seeded random moment.
# After every kill:
#   - nothing under a final name is damaged: config.json reads, last.pt and best.pt (when there)
#     load and evaluate, history.csv parses;
#   - no completed epoch is lost: the checkpoint holds at least the epochs the previous one held;
#   - a partial file may be left (.NAME.partial-PID) and nothing takes it for a checkpoint.
# At the end `driftlab train --resume` finishes the run and its history has every epoch once.
# Prints the tally; fails on any miss. Needs a display (ctest runs under xvfb-run).
# Usage: DRIFTLAB=... WIDGET_TESTS=... explorer_kill_test.sh WORKDIR [ROUNDS]
set -uo pipefail
: "${DRIFTLAB:?set DRIFTLAB to the driftlab executable}"
: "${WIDGET_TESTS:?set WIDGET_TESTS to driftlab_widget_tests}"
work=${1:?work folder}
rounds=${2:-20}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../support/isolated_home.sh" "$work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
RANDOM=20261206
"$DRIFTLAB" generate data.h5 --resolution 0.125 --releases 40 --particles 300 --days 3 \
  --current-days 20 --seed 3 --threads 2 > /dev/null 2>&1 || { echo "FAIL generate"; exit 1; }
epochs_in() {  # the epochs a checkpoint holds (0 without one); -1 if it does not load
  [[ -e $1 ]] || { echo 0; return; }
  local out
  out=$("$DRIFTLAB" evaluate "$1" data.h5 --split val 2>&1) || { echo -1; return; }
  grep -oE 'epoch [0-9]+ of' <<<"$out" | head -1 | grep -oE '[0-9]+' || echo -1
}
damaged=0 lost=0 trained=0 killedBeforeStart=0 partial=0 before=0
for ((round = 1; round <= rounds; round++)); do
  DRIFTLAB_KILL_DATASET=$PWD/data.h5 DRIFTLAB_KILL_RUN=$PWD/run DRIFTLAB_TEST_TMP=$PWD/tmp \
    "$WIDGET_TESTS" --gtest_filter=ExplorerKill.TrainsInTheWindowUntilKilled > "round$round.log" 2>&1 &
  pid=$!
  # A random moment 2..9 s after the start: before, during and after checkpoints.
  sleep "$((2 + RANDOM % 8)).$((RANDOM % 10))"
  kill -9 $pid 2> /dev/null
  wait $pid 2> /dev/null
  grep -q "training in the window" "round$round.log" || ((killedBeforeStart++))
  if [[ -e run/config.json ]] && ! /usr/bin/python3 -c "import json; json.load(open('run/config.json'))" 2> /dev/null; then
    ((damaged++)); echo "round $round: config.json damaged"
  fi
  for f in best.pt; do
    if [[ -e run/$f ]] && ! "$DRIFTLAB" evaluate "run/$f" data.h5 --split val > /dev/null 2>&1; then
      ((damaged++)); echo "round $round: $f does not load"
    fi
  done
  now=$(epochs_in run/last.pt)
  if [[ -e run/history.csv ]] && ! /usr/bin/python3 -c "import csv; list(csv.DictReader(open('run/history.csv')))" 2> /dev/null; then
    ((damaged++)); echo "round $round: history.csv does not parse"
  fi
  if ((now < 0)); then
    ((damaged++)); echo "round $round: last.pt does not load"
  elif ((now < before)); then
    ((lost++)); echo "round $round: the checkpoint went back from $before to $now epochs"
  else
    ((trained += now - before)); before=$now
  fi
  n=$(find run -name '.*partial*' 2> /dev/null | wc -l)
  ((partial += n))
  find run -name '.*partial*' -delete 2> /dev/null  # what a user may clean; DriftLab never reads them
done
# The rest of the run's target (at most the 5 epochs of the last "Train more").
"$DRIFTLAB" train --resume run > resume.log 2>&1
rc=$?
target=$(grep -oE 'finished [0-9]+ epochs' resume.log | grep -oE '[0-9]+')
everyEpochOnce=no
/usr/bin/python3 -c "
import csv; rows = list(csv.DictReader(open('run/history.csv')))
assert [int(r['epoch']) for r in rows] == list(range(1, ${target:-0} + 1)), rows" 2> /dev/null && everyEpochOnce=yes
echo "explorer killed $rounds times while training: $trained epochs kept, $damaged damaged files, $lost times a kept epoch lost, $partial partial files left, $killedBeforeStart kills before training started"
echo "then train --resume to its target, epoch ${target:-?}: exit $rc, every epoch once: $everyEpochOnce"
((damaged == 0 && lost == 0 && rc == 0)) && [[ $everyEpochOnce == yes ]]
