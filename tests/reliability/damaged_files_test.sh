#!/usr/bin/env bash
# Damaged dataset files never crash DriftLab: a seeded corpus of damaged copies of a small
# dataset (bit flips in the metadata and anywhere, zeroed blocks, truncations, NaN and Inf
# currents, a variable of the wrong shape, a folder where the file should be, an empty file),
# each given to `driftlab info` and `driftlab mean --no-cache`, and every fifth one (with the
# special cases) to render, release, export-vti, train, evaluate and rollout. Every run is
# classified:
#   crash    killed by a signal (SIGSEGV, SIGABRT, ...)           -> the test fails
#   hang     still running after 30 s                              -> the test fails
#   refused  exit 1 with a message that names the file             -> as it should be
#   bare     exit 1 without naming the file                       -> counted, reported
#   accepted exit 0; with `mean`, compared with the intact file's mean: the same numbers
#            (the damage hit bytes nothing reads) or "silent" (different numbers: counted)
# Prints the tally. Usage: DRIFTLAB=path/to/driftlab damaged_files_test.sh WORKDIR [CASES]
set -uo pipefail
: "${DRIFTLAB:?set DRIFTLAB to the driftlab executable}"
work=${1:?work folder}
cases=${2:-240}
source "$(dirname "${BASH_SOURCE[0]}")/../support/isolated_home.sh" "$work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
PY=/usr/bin/python3
"$DRIFTLAB" generate intact.h5 --resolution 0.25 --releases 8 --particles 200 --days 3 \
  --current-days 8 --threads 2 > /dev/null 2>&1 || { echo "FAIL: generate"; exit 1; }
"$DRIFTLAB" mean intact.h5 --no-cache --npy intact-mean.npy > /dev/null 2>&1 || { echo "FAIL: mean"; exit 1; }

# The corpus, seeded: the same cases every run.
$PY - "$cases" <<'PY' || { echo "FAIL: making the corpus"; exit 1; }
import os, random, shutil, sys
import h5py, numpy as np
random.seed(20261204)
data = open("intact.h5", "rb").read()
n = len(data)
os.makedirs("cases", exist_ok=True)
def write(name, b):
    open(os.path.join("cases", name), "wb").write(bytes(b))
count = int(sys.argv[1])
for k in range(count):
    b = bytearray(data)
    kind = ["meta-flip", "any-flip", "zero-block", "truncate"][k % 4]
    if kind == "meta-flip":      # the superblock, object headers and attributes live up front
        for _ in range(random.randint(1, 4)):
            i = random.randrange(min(n, 24000)); b[i] ^= 1 << random.randrange(8)
    elif kind == "any-flip":
        for _ in range(random.randint(1, 60)):
            i = random.randrange(n); b[i] ^= 1 << random.randrange(8)
    elif kind == "zero-block":
        i = random.randrange(n); length = random.randint(16, 4096)
        b[i:i + length] = bytes(len(b[i:i + length]))
    else:
        b = b[:random.randrange(n)]
    write(f"{kind}-{k:03d}.h5", b)
# Values and shapes a reader must refuse, written with h5py on copies of the intact file.
for name, fill in (("nan-currents", np.nan), ("inf-currents", np.inf)):
    path = os.path.join("cases", name + ".h5"); shutil.copy("intact.h5", path)
    with h5py.File(path, "r+") as f:
        u = f["u"][...]; u[2, 5, 7] = fill; f["u"][...] = u
path = os.path.join("cases", "wrong-shape.h5"); shutil.copy("intact.h5", path)
with h5py.File(path, "r+") as f:
    attrs = dict(f["mask"].attrs); del f["mask"]; f.create_dataset("mask", data=np.ones((3, 3), "u1"))
    for key, value in attrs.items():
        if key not in ("DIMENSION_LIST", "REFERENCE_LIST"):
            f["mask"].attrs[key] = value
write("empty.h5", b"")
write("text.h5", b"not an HDF5 file\n" * 100)
os.makedirs(os.path.join("cases", "folder.h5"), exist_ok=True)
PY

declare -A tally
crashes=() hangs=() silent=()
verdict() {  # verdict RC OUTPUT CASE
  local rc=$1 out=$2 base
  base=$(basename "$3")
  if [[ $rc -eq 124 ]]; then echo hang; return; fi
  if [[ $rc -gt 128 ]]; then echo crash; return; fi
  if [[ $rc -eq 0 ]]; then echo accepted; return; fi
  if grep -qF -- "$base" <<<"$out"; then echo refused; else echo bare; fi
}
for file in cases/*; do
  for cmd in info mean; do
    if [[ $cmd == info ]]; then
      out=$(timeout 30 "$DRIFTLAB" info "$file" 2>&1); rc=$?
    else
      rm -f got.npy
      out=$(timeout 30 "$DRIFTLAB" mean "$file" --no-cache --npy got.npy 2>&1); rc=$?
    fi
    v=$(verdict "$rc" "$out" "$file")
    [[ $v == crash ]] && crashes+=("$cmd $(basename "$file") (signal $((rc - 128)))")
    [[ $v == hang ]] && hangs+=("$cmd $(basename "$file")")
    [[ $v == bare ]] && echo "no file name in the refusal: $cmd $(basename "$file"): $out"
    if [[ $v == accepted && $cmd == mean ]]; then
      if $PY -c "import numpy as np, sys; sys.exit(0 if np.array_equal(np.load('got.npy'), np.load('intact-mean.npy')) else 1)" 2> /dev/null; then
        v=accepted-same
      else
        v=accepted-silent; silent+=("mean $(basename "$file")")
      fi
    fi
    tally[$cmd:$v]=$(( ${tally[$cmd:$v]:-0} + 1 ))
  done
done
# Every other command that opens a dataset, on every fifth case (and the special ones): the same
# door (DriftDataset::open), so the same refusals, and no crash in what each reads next.
"$DRIFTLAB" train intact.h5 --out model --epochs 1 --width 4 --batch 4 --max-pairs 16 \
  --max-val-pairs 8 --threads 2 > /dev/null 2>&1 || { echo "FAIL: train on the intact file"; exit 1; }
read -r rlon rlat < <($PY -c "import h5py; f = h5py.File('intact.h5'); print(f['release_lon'][0], f['release_lat'][0])")
runs=0
k=0
for file in cases/*; do
  k=$((k + 1))
  case $(basename "$file") in *-[0-9][0-9][0-9].h5) (( k % 5 == 0 )) || continue ;; esac
  for cmd in render release export-vti train evaluate rollout; do
    rm -rf out.* run
    case $cmd in
      render) args=(render "$file" --release 0 --day 1 --layer speed -o out.png --width 200 --height 120) ;;
      release) args=(release "$file" --lon "$rlon" --lat "$rlat" --day 0 --particles 50 -o out.h5) ;;
      export-vti) args=(export-vti "$file" --release 0 --day 1 -o out.vti) ;;
      train) args=(train "$file" --out run --epochs 1 --width 4 --batch 4 --max-pairs 8 --max-val-pairs 4 --threads 1) ;;
      evaluate) args=(evaluate model "$file" --split test --threads 1) ;;
      rollout) args=(rollout model "$file" --release 0 -o out.h5) ;;
    esac
    out=$(timeout 60 "$DRIFTLAB" "${args[@]}" 2>&1); rc=$?
    v=$(verdict "$rc" "$out" "$file")
    [[ $v == crash ]] && crashes+=("$cmd $(basename "$file") (signal $((rc - 128)))")
    [[ $v == hang ]] && hangs+=("$cmd $(basename "$file")")
    [[ $v == bare ]] && echo "no file name in the refusal: $cmd $(basename "$file"): $out"
    tally[$cmd:$v]=$(( ${tally[$cmd:$v]:-0} + 1 ))
    runs=$((runs + 1))
  done
done
echo "--- tally ($(ls cases | wc -l) damaged files x info, mean; $((runs / 6)) of them x render, release, export-vti, train, evaluate, rollout)"
for key in $(printf '%s\n' "${!tally[@]}" | sort); do printf '  %-24s %d\n' "$key" "${tally[$key]}"; done
for c in "${crashes[@]}"; do echo "CRASH $c"; done
for h in "${hangs[@]}"; do echo "HANG  $h"; done
for s in "${silent[@]}"; do echo "silent wrong answer: $s"; done
failed=$(( ${#crashes[@]} + ${#hangs[@]} ))
passed=$(( $(ls cases | wc -l) * 2 + runs - failed ))
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
