#!/usr/bin/env bash
# Nothing is lost to a hard kill: `kill -9` at seeded random moments of generate, import-currents,
# merge, release, rollout and train (ROUNDS times each). Afterwards:
#   - a file under its final name is complete (`driftlab info` opens it) or absent;
#   - a partial file (.NAME.partial-PID) may be left by the kill, and DriftLab refuses it;
#   - a killed training run resumes (`train --resume`) and finishes with every epoch once in its
#     history: at most the epoch in progress is lost.
# Prints the tally; fails on a damaged final file or a run that cannot resume.
# Usage: DRIFTLAB=path/to/driftlab kill_test.sh WORKDIR [ROUNDS]
set -uo pipefail
: "${DRIFTLAB:?set DRIFTLAB to the driftlab executable}"
work=${1:?work folder}
rounds=${2:-20}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../support/isolated_home.sh" "$work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
RANDOM=20261206
damaged=0 complete=0 absent=0 partial=0 partialTaken=0 resumed=0 notResumed=0 early=0
gen=(--resolution 0.125 --releases 1200 --particles 800 --days 5 --current-days 60 --threads 2)

# A dataset opens in DriftLab; a forecast file (release) in h5py with all its records.
opens() {
  case $1 in
    rel*) /usr/bin/python3 -c "
import sys, h5py
f = h5py.File(sys.argv[1], 'r')
assert f.attrs['driftlab_format'] in (b'driftlab-forecast', 'driftlab-forecast')
assert f['density'].shape[0] == f['release_lon'].shape[0] >= 1
f['density'][...]" "$1" > /dev/null 2>&1 ;;
    *) "$DRIFTLAB" info "$1" > /dev/null 2>&1 ;;
  esac
}

# Kills `cmd...` after a random delay up to MAX_MS, then checks OUT.
killed_run() {
  local out=$1 max_ms=$2; shift 2
  rm -f "$out" .*.partial-*
  "$@" > /dev/null 2>&1 &
  local pid=$!
  sleep "$(printf '0.%03d' $((RANDOM % max_ms)))"
  kill -9 "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
  if [[ -e $out ]]; then
    if opens "$out"; then complete=$((complete + 1))
    else damaged=$((damaged + 1)); echo "DAMAGED $out after: $*"; fi
  else
    absent=$((absent + 1))
  fi
  for p in .*.partial-*; do
    [[ -e $p ]] || continue
    partial=$((partial + 1))
    if "$DRIFTLAB" info "$p" > /dev/null 2>&1; then partialTaken=$((partialTaken + 1)); echo "TAKEN $p"; fi
    rm -f "$p"
  done
}

"$DRIFTLAB" generate base.h5 "${gen[@]}" > /dev/null 2>&1 || { echo "FAIL: generate"; exit 1; }
/usr/bin/python3 "$here/../importing/make_uniform.py" model.nc 600 300 30 || { echo "FAIL: NetCDF input"; exit 1; }
for k in 0 1; do "$DRIFTLAB" generate "part$k.h5" "${gen[@]}" --part "$k/2" > /dev/null 2>&1; done
"$DRIFTLAB" train base.h5 --out model-run --epochs 1 --width 4 --max-pairs 64 --threads 2 > /dev/null 2>&1 ||
  { echo "FAIL: a model for rollout"; exit 1; }

for ((r = 0; r < rounds; r++)); do
  killed_run gen.h5 999 "$DRIFTLAB" generate gen.h5 "${gen[@]}" --seed $((r + 2))
  killed_run cur.h5 999 "$DRIFTLAB" import-currents model.nc -o cur.h5
  killed_run merged.h5 999 "$DRIFTLAB" merge merged.h5 part0.h5 part1.h5
  killed_run rel.h5 600 "$DRIFTLAB" release base.h5 --lon 5 --lat 42.5 --day 3 --particles 20000 -o rel.h5
  killed_run rel-rollout.h5 900 "$DRIFTLAB" rollout model-run base.h5 --split test -o rel-rollout.h5 --threads 2
done
echo "files: $complete complete, $absent absent, $damaged damaged; partial files: $partial left, $partialTaken taken for complete"

# Training: kill it during an epoch, resume, and check the history.
for ((r = 0; r < rounds; r++)); do
  rm -rf run
  "$DRIFTLAB" train base.h5 --out run --epochs 4 --width 4 --batch 16 --threads 2 --max-pairs 800 > /dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((3 + RANDOM % 7)) $((RANDOM % 1000)))"
  kill -9 "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
  if [[ ! -e run/last.pt ]]; then
    # Killed before the first checkpoint: nothing to resume; a new run must start cleanly.
    rm -rf run
    early=$((early + 1))
    continue
  fi
  if "$DRIFTLAB" train --resume run --epochs 4 --threads 2 > resume.log 2>&1 &&
     [[ $(tail -n +2 run/history.csv | cut -d, -f1 | sort -n | uniq | wc -l) -eq 4 &&
        $(tail -n +2 run/history.csv | wc -l) -eq 4 ]]; then
    resumed=$((resumed + 1))
  else
    notResumed=$((notResumed + 1)); echo "NOT RESUMED (round $r): $(tail -2 resume.log)"; head -6 run/history.csv
  fi
done
echo "training killed $rounds times: $resumed resumed to the end with every epoch once, $notResumed did not, $early killed before the first checkpoint (nothing to resume)"
if [[ $damaged -eq 0 && $partialTaken -eq 0 && $notResumed -eq 0 ]]; then echo "1 passed, 0 failed"
else echo "0 passed, 1 failed"; exit 1; fi
