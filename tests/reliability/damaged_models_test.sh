#!/usr/bin/env bash
# Damaged model files never crash DriftLab: damaged copies of a checkpoint (last.pt / best.pt),
# of exported weights (WEIGHTS.pt), of their sidecar (WEIGHTS.pt.json) and of a run folder
# (config.json, history.csv, a folder where last.pt should be) go through the commands that read
# them: evaluate, train --resume, export-weights, rollout, export-weights --import. Each run is
# one of: refused (exit 1 and a message naming the file), accepted with the intact file's numbers,
# accepted with other numbers (a silent wrong answer: counted), a refusal without a message, a
# crash (a signal) or a hang (60 s). Prints the tally; fails on a crash, a hang or a refusal
# without a message.
# Usage: DRIFTLAB=path/to/driftlab damaged_models_test.sh WORKDIR
set -uo pipefail
: "${DRIFTLAB:?set DRIFTLAB to the driftlab executable}"
work=${1:?work folder}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../support/isolated_home.sh" "$work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
"$DRIFTLAB" generate data.h5 --resolution 0.125 --releases 40 --particles 300 --days 3 \
  --current-days 20 --seed 3 --threads 2 > /dev/null 2>&1 || { echo "FAIL generate"; exit 1; }
"$DRIFTLAB" train data.h5 --out run --epochs 1 --width 4 --max-pairs 16 --threads 2 > /dev/null 2>&1
"$DRIFTLAB" export-weights run -o w.pt > /dev/null 2>&1
# The metrics line of an intact model, to tell silent wrong answers from right ones.
metrics() { grep -E '^ *model *: ' <<<"$1" | head -1; }
ref_run=$(metrics "$("$DRIFTLAB" evaluate run data.h5 --split val --threads 2 2>&1)")
ref_w=$(metrics "$("$DRIFTLAB" evaluate w.pt data.h5 --split val --threads 2 2>&1)")
[[ -n $ref_run && -n $ref_w ]] || { echo "FAIL no reference metrics"; exit 1; }

# Damaged variants of FILE into DIR: truncations, bit flips, zeroed blocks (seeded).
/usr/bin/python3 - <<'PYEOF'
import json, os, random
rng = random.Random(20261206)
def variants(src, out, n_trunc=8, n_flip=10, n_zero=5):
    data = open(src, "rb").read()
    os.makedirs(out, exist_ok=True)
    k = 0
    for i in range(n_trunc):
        cut = rng.randrange(0, len(data))
        open(f"{out}/{k:02d}-truncated-{cut}", "wb").write(data[:cut]); k += 1
    for i in range(n_flip):
        b = bytearray(data)
        for _ in range(rng.choice([1, 2, 8])):
            p = rng.randrange(len(b)); b[p] ^= 1 << rng.randrange(8)
        open(f"{out}/{k:02d}-bitflip", "wb").write(b); k += 1
    for i in range(n_zero):
        b = bytearray(data); p = rng.randrange(len(b)); b[p:p + 4096] = bytes(len(b[p:p + 4096]))
        open(f"{out}/{k:02d}-zeroed-{p}", "wb").write(b); k += 1
variants("run/last.pt", "bad/checkpoint")
variants("w.pt", "bad/weights")
# The sidecar and config: JSON with wrong types, NaN, missing keys, garbage.
side = json.load(open("w.pt.json"))
os.makedirs("bad/sidecar", exist_ok=True)
cases = {"truncated": json.dumps(side)[:40], "garbage": "\x00\xff not json",
         "array": "[1, 2, 3]", "empty": ""}
for key in list(side)[:6]:
    for name, value in (("string", "x"), ("nan", float("nan")), ("null", None), ("huge", 1e308)):
        bad = dict(side); bad[key] = value
        cases[f"{key}-{name}"] = json.dumps(bad)
for name, text in cases.items():
    open(f"bad/sidecar/{name}", "w").write(text)
conf = json.load(open("run/config.json"))
os.makedirs("bad/config", exist_ok=True)
cases = {"truncated": json.dumps(conf)[:50], "garbage": "\x00\xff", "empty": ""}
for key in ("width", "inputs", "anchor", "epochs", "batch_size", "dataset"):
    for name, value in (("string", "x"), ("negative", -3), ("null", None), ("huge", 10**12)):
        bad = dict(conf); bad[key] = value
        cases[f"{key}-{name}"] = json.dumps(bad)
for name, text in cases.items():
    open(f"bad/config/{name}", "w").write(text)
PYEOF

refused=0 same=0 other=0 silent=0 crashed=0 hung=0 runs=0
# classify NAME REFERENCE-METRICS WANT-NAME CMD...: run it and count the outcome.
classify() {
  local name=$1 reference=$2 want=$3; shift 3
  local out rc
  out=$(timeout 60 "$@" 2>&1); rc=$?
  ((runs++))
  if ((rc == 124)); then ((hung++)); echo "HANG  $name"; return; fi
  if ((rc >= 128)); then ((crashed++)); echo "CRASH $name (exit $rc): $(tail -2 <<<"$out")"; return; fi
  if ((rc == 0)); then
    if [[ -z $reference ]] || [[ $(metrics "$out") == "$reference" ]]; then ((same++)); else ((other++)); fi
    return
  fi
  if grep -q -- "$want" <<<"$out"; then ((refused++)); else
    ((silent++)); echo "NO MESSAGE naming $want: $name (exit $rc): $(tail -2 <<<"$out")"
  fi
}

for f in bad/checkpoint/*; do
  v=$(basename "$f")
  rm -rf r && cp -r run r && cp "$f" r/last.pt && cp "$f" r/best.pt
  classify "evaluate checkpoint $v" "$ref_run" "r/best.pt" "$DRIFTLAB" evaluate r data.h5 --split val --threads 2
  classify "export-weights checkpoint $v" "" "r/best.pt" "$DRIFTLAB" export-weights r -o r/x.pt
  classify "rollout checkpoint $v" "" "r/best.pt" "$DRIFTLAB" rollout r data.h5 --release 5 -o r/roll.h5 --threads 2
  classify "train --resume checkpoint $v" "" "r/last.pt" "$DRIFTLAB" train --resume r --epochs 2 --threads 2
done
for f in bad/weights/*; do
  v=$(basename "$f")
  rm -rf wd && mkdir wd && cp "$f" wd/w.pt && cp w.pt.json wd/w.pt.json
  classify "evaluate weights $v" "$ref_w" "wd/w.pt" "$DRIFTLAB" evaluate wd/w.pt data.h5 --split val --threads 2
  classify "import weights $v" "" "wd/w.pt" "$DRIFTLAB" export-weights --import wd/w.pt --dataset data.h5 -o wd/run
done
for f in bad/sidecar/*; do
  v=$(basename "$f")
  rm -rf wd && mkdir wd && cp w.pt wd/w.pt && cp "$f" wd/w.pt.json
  classify "evaluate sidecar $v" "$ref_w" "w.pt.json" "$DRIFTLAB" evaluate wd/w.pt data.h5 --split val --threads 2
done
for f in bad/config/*; do
  v=$(basename "$f")
  rm -rf r && cp -r run r && cp "$f" r/config.json && rm -f r/last.pt r/best.pt
  classify "train --resume config $v" "" "config.json" "$DRIFTLAB" train --resume r --epochs 2 --threads 2
done
# A run folder's other damage: a folder where last.pt should be, a broken history.csv.
rm -rf r && cp -r run r && rm r/last.pt && mkdir r/last.pt
classify "train --resume, last.pt a folder" "" "r/last.pt" "$DRIFTLAB" train --resume r --epochs 2 --threads 2
classify "evaluate, best.pt a folder" "" "r/best.pt" bash -c "rm -rf r/best.pt && mkdir r/best.pt && '$DRIFTLAB' evaluate r data.h5 --split val"
rm -rf r && cp -r run r && printf 'epoch,train_loss\n1,abc,\n\x00\n' > r/history.csv
classify "train --resume, broken history.csv" "" "history.csv" "$DRIFTLAB" train --resume r --epochs 2 --threads 2

echo "damaged models: $runs runs: $refused refused naming the file, $same accepted with the same numbers, $other accepted with other numbers, $silent refusals without the file's name, $crashed crashes, $hung hangs"
((crashed == 0 && hung == 0 && silent == 0))
