#!/usr/bin/env bash
# A disk that fills up: every command that writes a file, run with its output on a small tmpfs
# that cannot hold it, must exit 1 with the reason in words ("No space left on device"), leave
# no file under the final name and no partial file, and not crash. A training run whose next
# checkpoint does not fit stops with the same reason, its previous last.pt intact, and resumes
# once there is room. Prints the tally; fails on any miss.
# The tmpfs is mounted in a private mount namespace (unshare: as root, or as a user where user
# namespaces are allowed); where neither works the test says so and is skipped (exit 0).
# Usage: DRIFTLAB=path/to/driftlab full_disk_test.sh WORKDIR
set -uo pipefail
: "${DRIFTLAB:?set DRIFTLAB to the driftlab executable}"
work=${1:?work folder}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ -z ${DRIFTLAB_IN_NAMESPACE:-} ]]; then
  work=$(mkdir -p "$work" && cd "$work" && pwd)
  for how in "unshare -m --propagation private" "unshare -rm --propagation private"; do
    if $how true 2> /dev/null; then
      exec env DRIFTLAB_IN_NAMESPACE=1 $how bash "${BASH_SOURCE[0]}" "$work"
    fi
  done
  echo "skip: cannot mount a small tmpfs here (no root, no user namespaces)"
  exit 0
fi
source "$here/../support/expect.sh"
source "$here/../support/isolated_home.sh" "$work"
rm -rf "$work" && mkdir -p "$work/full" && cd "$work" || exit 1
small() { umount full 2> /dev/null; mount -t tmpfs -o "size=$1" tmpfs full || { echo "FAIL mount"; exit 1; }; }
# CMD...: run with the disk full; exit 1, the reason, nothing left behind.
full_disk() {
  local name=$1; shift
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [[ $rc -ne 1 ]]; then bad "$name: exit $rc, expected 1: $(tail -3 <<<"$out")"; return; fi
  grep -q "No space left on device" <<<"$out" && ok "$name: exit 1, says the disk is full" ||
    bad "$name: the reason: $(tail -3 <<<"$out")"
  local left
  left=$(find full -mindepth 1 \( -name '.*partial*' -o -name '*.h5' -o -name '*.pt' -o -name '*.npy' -o -name '*.vti' \) | tr '\n' ' ')
  [[ -z $left ]] && ok "$name: no file and no partial file left" || bad "$name: left $left"
  rm -rf full/* full/.[!.]* 2> /dev/null
}

gen=(--resolution 0.125 --releases 40 --particles 300 --days 3 --current-days 20 --seed 3 --threads 2)
"$DRIFTLAB" generate data.h5 "${gen[@]}" > /dev/null 2>&1
"$DRIFTLAB" generate part0.h5 "${gen[@]}" --part 0/2 > /dev/null 2>&1
"$DRIFTLAB" generate part1.h5 "${gen[@]}" --part 1/2 > /dev/null 2>&1
"$DRIFTLAB" train data.h5 --out run --epochs 1 --width 4 --max-pairs 16 > /dev/null 2>&1

small 4k
full_disk "release" "$DRIFTLAB" release data.h5 --lon 5.5 --lat 42.5 --day 2 --model run -o full/rel.h5
full_disk "export-vti" "$DRIFTLAB" export-vti data.h5 --release 1 --day 0 --model run -o full/view.vti
small 100k
full_disk "generate" "$DRIFTLAB" generate full/out.h5 "${gen[@]}"
full_disk "merge" "$DRIFTLAB" merge full/out.h5 part0.h5 part1.h5
full_disk "rollout" "$DRIFTLAB" rollout run data.h5 --split test -o full/roll.h5
# Smaller for predict: its maps (an untrained flux model's, zero away from the clouds) compress
# to well under 100k.
small 16k
full_disk "predict" "$DRIFTLAB" predict run data.h5 --split test -o full/pred.h5
full_disk "mean --npy" "$DRIFTLAB" mean data.h5 --no-cache --npy full/mean.npy
small 100k
full_disk "export-weights" "$DRIFTLAB" export-weights run -o full/w.pt
full_disk "train (the first checkpoint)" "$DRIFTLAB" train data.h5 --out full/run --epochs 2 --width 4 --max-pairs 16

# A checkpoint that no longer fits: the previous one stays, and the run resumes with room.
small 2200k
"$DRIFTLAB" train data.h5 --out full/run2 --epochs 3 --width 4 --max-pairs 16 > train.log 2>&1
rc=$?
[[ $rc == 1 ]] && grep -q "last.pt: cannot write: No space left on device.*previous checkpoint is intact" train.log &&
  ok "train: a checkpoint that does not fit stops the run, saying so" ||
  bad "train: a checkpoint that does not fit: exit $rc: $(tail -3 train.log)"
ls -A full/run2 | grep -q partial && bad "train: a partial checkpoint left" || ok "train: no partial checkpoint left"
"$DRIFTLAB" evaluate full/run2/last.pt data.h5 --split val > /dev/null 2>&1 &&
  ok "train: the previous last.pt is intact" || bad "train: the previous last.pt is intact"
mount -o remount,size=20m full
expect "train: resumes once there is room" 0 "finished 3 epochs" -- "$DRIFTLAB" train --resume full/run2
/usr/bin/python3 -c "
import csv; rows = list(csv.DictReader(open('full/run2/history.csv')))
assert [int(r['epoch']) for r in rows] == [1, 2, 3], rows" &&
  ok "train: every epoch once" || bad "train: every epoch once: $(cut -d, -f1 full/run2/history.csv | tr '\n' ' ')"
umount full

echo "full disk: $passed passed, $failed failed"
((failed == 0))
