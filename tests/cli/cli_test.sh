#!/usr/bin/env bash
# The command line as a user meets it: exit codes, messages, files that appear only when
# complete. Usage: DRIFTLAB=path/to/driftlab cli_test.sh WORKDIR
set -uo pipefail
: "${DRIFTLAB:?set DRIFTLAB to the driftlab executable}"
work=${1:?work folder}
source "$(dirname "${BASH_SOURCE[0]}")/../support/isolated_home.sh" "$work"
source "$(dirname "${BASH_SOURCE[0]}")/../support/expect.sh"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
PY=/usr/bin/python3
tiny=(--resolution 0.25 --releases 12 --particles 200 --days 3 --current-days 10 --threads 2)

expect "help" 0 "generate OUT.h5" -- "$DRIFTLAB" --help
expect "version names the libraries" 0 "LibTorch" -- "$DRIFTLAB" --version
expect "generate a tiny dataset" 0 "12 releases" -- "$DRIFTLAB" generate tiny.h5 "${tiny[@]}"
[[ -f tiny.h5 ]] && ok "file is there" || bad "file is there"
ls -a | grep -q partial && bad "no temporary file left" || ok "no temporary file left"
expect "info summarises it" 0 "train: 10 releases, 30 pairs" -- "$DRIFTLAB" info tiny.h5
expect "info shows provenance" 0 "generator_seed: 1" -- "$DRIFTLAB" info tiny.h5
expect "refuses to overwrite" 1 "exists; use --force" -- "$DRIFTLAB" generate tiny.h5 "${tiny[@]}"
expect "overwrites with --force" 0 "" -- "$DRIFTLAB" generate tiny.h5 "${tiny[@]}" --force --seed 2
expect "unknown command" 2 "unknown command" -- "$DRIFTLAB" frobnicate
expect "unknown option" 2 "unknown option '--colour'" -- "$DRIFTLAB" generate x.h5 --colour red
expect "not a number" 2 "whole number, got 'many'" -- "$DRIFTLAB" generate x.h5 --releases many
expect "out of range" 2 "must be between" -- "$DRIFTLAB" generate x.h5 --threads 0
expect "resolution must divide the region" 2 "whole cells" -- "$DRIFTLAB" generate x.h5 --resolution 0.07
expect "unknown preset" 2 "unknown preset 'huge'" -- "$DRIFTLAB" generate x.h5 --preset huge
expect "missing output" 2 "exactly one output file" -- "$DRIFTLAB" generate
expect "too short currents" 2 "no release day" -- "$DRIFTLAB" generate x.h5 "${tiny[@]}" --days 20
expect "folder that does not exist" 1 "does not exist" -- "$DRIFTLAB" generate no/such/dir/x.h5 "${tiny[@]}"
# Exit codes by kind (app/CliJob.h): a value the command line reads but the simulation rejects is
# a bad value (1), not a bad command line (2); so is a file that cannot be used.
expect "a step that does not divide a day" 1 "time step \(5.0+ h\) must divide 24 h" -- "$DRIFTLAB" generate x.h5 "${tiny[@]}" --dt-hours 5
expect "fractions that leave no training" 1 "sum to less than 1" -- "$DRIFTLAB" generate x.h5 "${tiny[@]}" --val-fraction 0.6 --test-fraction 0.5
expect "generate: missing currents file" 1 "--currents nothing.nc: no such file" -- "$DRIFTLAB" generate x.h5 "${tiny[@]}" --currents nothing.nc
echo "hello" > notnc.nc
expect "generate: corrupt currents file" 1 "--currents notnc.nc: .*not a NetCDF file" -- "$DRIFTLAB" generate x.h5 "${tiny[@]}" --currents notnc.nc
expect "merge: unknown option" 2 "unknown option '--colour'" -- "$DRIFTLAB" merge y.h5 tiny.h5 --colour red
expect "info: unknown option" 2 "unknown option '--verbose'" -- "$DRIFTLAB" info tiny.h5 --verbose
[[ ! -e x.h5 ]] && ok "no file after errors" || bad "no file after errors"

# Files that are not datasets.
echo "hello" > text.h5
expect "info: text file" 1 "not an HDF5 file" -- "$DRIFTLAB" info text.h5
expect "info: missing file" 1 "no such file" -- "$DRIFTLAB" info nothing.h5
$PY -c "import h5py; h5py.File('plain.h5','w')['x'] = [1, 2]"
expect "info: foreign HDF5" 1 "not a DriftLab dataset" -- "$DRIFTLAB" info plain.h5
cp tiny.h5 nodensity.h5 && $PY -c "import h5py; f = h5py.File('nodensity.h5','a'); del f['density']"
expect "info: missing variable" 1 "missing variable 'density'" -- "$DRIFTLAB" info nodensity.h5
cp tiny.h5 shape.h5 && $PY -c "
import h5py, numpy as np
f = h5py.File('shape.h5','a'); del f['mass']; f['mass'] = np.zeros((3, 3), 'f4')"
expect "info: mis-shaped variable" 1 "'mass' has shape 3 x 3, expected 12 x 4" -- "$DRIFTLAB" info shape.h5
cp tiny.h5 future.h5 && $PY -c "import h5py; h5py.File('future.h5','a').attrs['driftlab_format_version'] = 99"
expect "info: newer format" 1 "version 99 is not supported" -- "$DRIFTLAB" info future.h5
expect "info: two files" 2 "exactly one" -- "$DRIFTLAB" info a.h5 b.h5
expect "merge: a corrupt part" 1 "text.h5: not an HDF5 file" -- "$DRIFTLAB" merge y.h5 text.h5 tiny.h5
[[ ! -e y.h5 ]] && ok "merge: no file after errors" || bad "merge: no file after errors"

# The mean density map: every map or a subset, checked against h5py + NumPy; the cache.
# check_mean FILE NPY SPLIT DAY: the .npy equals the mean of the maps read with h5py, to 1e-6.
check_mean() {
  $PY - "$@" <<'EOF'
import sys
import h5py
import numpy as np
path, npy, split, day = sys.argv[1:5]
f = h5py.File(path, "r")
d, s = f["density"], f["split"][...]
code = {"train": 0, "val": 1, "test": 2}
releases = [r for r in range(d.shape[0]) if split == "all" or s[r] == code[split]]
days = range(d.shape[1]) if day == "all" else [int(day)]
acc, n = np.zeros(d.shape[2:], "f8"), 0
for r in releases:
    for k in days:
        acc += d[r, k]
        n += 1
acc /= n
m = np.load(npy)
assert m.dtype == np.float64 and m.shape == acc.shape, (m.dtype, m.shape)
assert f["lat"][0] < f["lat"][-1]  # row 0 = the southernmost latitude in both
assert acc.max() > 0
assert (np.abs(m - acc) <= 1e-6 * np.abs(acc)).all(), np.abs(m - acc).max()
EOF
}
meanenv=(env XDG_CACHE_HOME="$work/cache")
expect "mean of every map" 0 "mean density of tiny.h5: 48 maps \(all splits, all days\)" -- "${meanenv[@]}" "$DRIFTLAB" mean tiny.h5 --npy all.npy --no-cache
[[ ! -e cache ]] && ok "--no-cache stores nothing" || bad "--no-cache stores nothing"
check_mean tiny.h5 all.npy all all && ok "mean equals h5py's" || bad "mean equals h5py's"
expect "mean of a subset" 0 "10 maps \(train, day 2\)" -- "${meanenv[@]}" "$DRIFTLAB" mean tiny.h5 --split train --day 2 --threads 1 --npy sub.npy --no-cache
check_mean tiny.h5 sub.npy train 2 && ok "subset mean equals h5py's" || bad "subset mean equals h5py's"
expect "mean: computed" 0 "computed in" -- "${meanenv[@]}" "$DRIFTLAB" mean tiny.h5
expect "mean: from the cache" 0 "from the cache" -- "${meanenv[@]}" "$DRIFTLAB" mean tiny.h5 --npy cached.npy
cmp -s all.npy cached.npy && ok "cached mean is the computed one" || bad "cached mean is the computed one"
touch tiny.h5
expect "mean: a touched file is computed again" 0 "computed in" -- "${meanenv[@]}" "$DRIFTLAB" mean tiny.h5
[[ $(ls -A cache/driftlab | wc -l) -eq 1 ]] && ok "one cache entry per file" || bad "one cache entry per file: $(ls -A cache/driftlab)"
cp tiny.h5 relaid.h5 && $PY -c "
import h5py
f = h5py.File('relaid.h5', 'a', libver='latest')
data = f['density'][...]
del f['density']
f.create_dataset('density', data=data, chunks=(1, 1, 8, 8), compression='gzip')"
expect "mean: another layout is read through HDF5" 0 "through HDF5" -- "$DRIFTLAB" mean relaid.h5 --npy relaid.npy --no-cache
check_mean relaid.h5 relaid.npy all all && ok "mean of another layout equals h5py's" || bad "mean of another layout equals h5py's"
"$DRIFTLAB" generate noval.h5 "${tiny[@]}" --val-fraction 0 2>/dev/null
expect "mean: empty split" 1 "has no val releases" -- "$DRIFTLAB" mean noval.h5 --split val --no-cache
expect "mean: day out of range" 2 "day 9 is not an output day.*days 0..3" -- "$DRIFTLAB" mean tiny.h5 --day 9 --no-cache
expect "mean: day not a number" 2 "whole number, got 'last'" -- "$DRIFTLAB" mean tiny.h5 --day last
expect "mean: unknown split" 2 "unknown split 'validation'" -- "$DRIFTLAB" mean tiny.h5 --split validation
expect "mean: no threads" 2 "must be between" -- "$DRIFTLAB" mean tiny.h5 --threads 0
expect "mean: no file" 2 "exactly one dataset file" -- "$DRIFTLAB" mean
expect "mean: unknown option" 2 "unknown option '--png'" -- "$DRIFTLAB" mean tiny.h5 --png x.png
expect "mean: text file" 1 "not an HDF5 file" -- "$DRIFTLAB" mean text.h5 --no-cache
expect "mean: foreign HDF5" 1 "not a DriftLab dataset" -- "$DRIFTLAB" mean plain.h5 --no-cache
expect "mean: missing density" 1 "missing variable 'density'" -- "$DRIFTLAB" mean nodensity.h5 --no-cache
expect "mean: output folder missing" 1 "does not exist" -- "$DRIFTLAB" mean tiny.h5 --npy no/such/dir/m.npy
[[ ! -e no ]] && ! ls -a | grep -q "npy.partial" && ok "mean: no stray output" || bad "mean: no stray output"

# Ctrl-C while generating: exit 130, nothing that looks like a dataset.
big=(--resolution 1/16 --releases 4000 --particles 4000 --days 10 --threads 2)
"$DRIFTLAB" generate interrupted.h5 "${big[@]}" 2> interrupted.log &
pid=$!
sleep 2
kill -INT $pid
wait $pid; rc=$?
[[ $rc -eq 130 ]] && ok "Ctrl-C exits 130" || bad "Ctrl-C exits 130 (got $rc): $(cat interrupted.log)"
[[ ! -e interrupted.h5 ]] && ! ls -a | grep -q "interrupted.h5.partial" && ok "Ctrl-C leaves no file" || bad "Ctrl-C leaves no file"
grep -q "interrupted; no file written" interrupted.log && ok "Ctrl-C says so" || bad "Ctrl-C says so"

# A hard kill cannot clean up, but what it leaves is not taken for a dataset.
"$DRIFTLAB" generate killed.h5 "${big[@]}" 2>/dev/null &
pid=$!
sleep 2
kill -KILL $pid
wait $pid 2>/dev/null
[[ ! -e killed.h5 ]] && ok "kill -9 leaves no killed.h5" || bad "kill -9 leaves no killed.h5"
partial=$(ls -a | grep "killed.h5.partial" | head -1)
if [[ -n $partial ]]; then
  expect "the partial file is refused" 1 "" -- "$DRIFTLAB" info "$partial"
fi

# Training from the command line: the engine of the GUI's training panel (docs/training.md).
trainset=(--resolution 0.125 --releases 40 --particles 300 --days 3 --current-days 20 --seed 3 --threads 2)
"$DRIFTLAB" generate train.h5 "${trainset[@]}" > /dev/null 2>&1
small=(--width 4 --batch 8 --threads 2)
expect "train: a short run" 0 "finished 2 epochs; best epoch" -- "$DRIFTLAB" train train.h5 --out run1 --epochs 2 "${small[@]}"
for f in config.json history.csv batches.csv last.pt best.pt; do
  [[ -s run1/$f ]] && ok "train: run1/$f written" || bad "train: run1/$f written"
done
expect "train: refuses to overwrite a run" 1 "already holds a run" -- "$DRIFTLAB" train train.h5 --out run1 --epochs 1
cp -r run1 runx  # a copy: the checks below count run1's epochs
# --or-resume: a launcher's restart continues the run it began; another dataset is refused.
expect "train --or-resume continues an existing run" 0 "continuing a UNet.*" -- "$DRIFTLAB" train train.h5 --out runx --or-resume --epochs 3 "${small[@]}"
grep -c '^3,' runx/history.csv > /dev/null && ok "train --or-resume trained epoch 3" || bad "train --or-resume trained epoch 3: $(cat runx/history.csv)"
expect "train --or-resume starts a new run" 0 "finished 1 epochs" -- "$DRIFTLAB" train train.h5 --out run-or --or-resume --epochs 1 "${small[@]}"
cp train.h5 other-train.h5
expect "train --or-resume on another dataset's run" 1 "holds a run on .*train.h5, not on other-train.h5" -- "$DRIFTLAB" train other-train.h5 --out runx --or-resume
# Devices: Debian's LibTorch has no CUDA; asking for it is refused before anything is written.
expect "train --device cuda without CUDA" 1 "has no CUDA" -- "$DRIFTLAB" train train.h5 --out run-cuda --device cuda "${small[@]}"
[[ ! -e run-cuda ]] && ok "no run folder after the refused device" || bad "no run folder after the refused device"
expect "train --amp on the CPU" 2 "mixed precision .* CUDA only" -- "$DRIFTLAB" train train.h5 --out run-amp --device cpu --amp
expect "train --device gpu" 2 "unknown device 'gpu'" -- "$DRIFTLAB" train train.h5 --out run-gpu --device gpu
expect "train --device auto says where it trains" 0 "training on CPU \(device auto" -- "$DRIFTLAB" train train.h5 --out run-auto --epochs 1 "${small[@]}"
expect "evaluate --device cuda without CUDA" 1 "has no CUDA" -- "$DRIFTLAB" evaluate runx train.h5 --device cuda
expect "resume on this machine's device and threads" 0 "finished 4 epochs" -- "$DRIFTLAB" train --resume runx --epochs 4 --device cpu --threads 1
grep -q '"device": "cpu"' runx/config.json && grep -q '"threads": 1,' runx/config.json && ok "the resumed run keeps this machine's settings" || bad "the resumed run keeps this machine's settings: $(cat runx/config.json)"
expect "train: unknown loss" 2 "unknown loss 'huber'" -- "$DRIFTLAB" train train.h5 --out x --loss huber
expect "train: no dataset" 2 "needs a dataset" -- "$DRIFTLAB" train --out x
expect "train: no run folder" 2 "needs --out" -- "$DRIFTLAB" train train.h5
expect "train: not a dataset" 1 "not an HDF5 file" -- "$DRIFTLAB" train text.h5 --out x
expect "train: --resume keeps its settings" 2 "only --epochs" -- "$DRIFTLAB" train --resume run1 --width 8
expect "train: more epochs on a finished run" 0 "finished 3 epochs" -- "$DRIFTLAB" train --resume run1 --epochs 3
[[ $(wc -l < run1/history.csv) -eq 4 ]] && ok "train: history.csv has 3 epochs" || bad "train: history.csv has 3 epochs"
expect "export-weights" 0 "wrote w.pt" -- "$DRIFTLAB" export-weights run1 -o w.pt
[[ -s w.pt && -s w.pt.json ]] && ok "export-weights: w.pt and w.pt.json" || bad "export-weights: w.pt and w.pt.json"
expect "export-weights: nothing there" 1 "does not exist" -- "$DRIFTLAB" export-weights nowhere -o w2.pt
expect "export-weights: no output" 2 "needs -o" -- "$DRIFTLAB" export-weights run1

expect "evaluate a run on the test split" 0 "evaluated on [0-9]+ test pairs" -- "$DRIFTLAB" evaluate run1 train.h5 --split test -o metrics.csv --error-npy mae.npy --threads 2
expect "evaluate shows persistence" 0 "persistence: MSE" -- "$DRIFTLAB" evaluate run1/best.pt train.h5 --split val
expect "evaluate shows the advection baseline" 0 "advection  : MSE" -- "$DRIFTLAB" evaluate run1 train.h5 --split val
expect "evaluate gives the MAE against both anchors" 0 "MAE = [0-9.]+ x persistence, [0-9.]+ x advection" -- "$DRIFTLAB" evaluate run1 train.h5 --split val
expect "train: the epoch line names both anchors" 0 "val MAE [0-9.e+-]+ \\(persistence [0-9.e+-]+, advection [0-9.e+-]+\\)" -- "$DRIFTLAB" train train.h5 --out run-anchors --epochs 1 "${small[@]}"
expect "train: the research recipe" 0 "recipe research \\(inputs u,v,u_next,v_next,density; anchor persistence" -- "$DRIFTLAB" train train.h5 --out run-research --recipe research --epochs 1 "${small[@]}"
expect "train: an unknown recipe" 2 "unknown recipe 'magic'" -- "$DRIFTLAB" train train.h5 --out run-x --recipe magic
expect "train: the hybrid on the remap's maps" 0 "recipe custom \\(inputs u,v,u_next,v_next,density,advected; anchor flux; advection remap" -- "$DRIFTLAB" train train.h5 --out run-remap --advection remap --epochs 1 "${small[@]}"
grep -q '"advection": "remap"' run-remap/config.json && ok "train: config.json keeps the advection" || bad "train: config.json keeps the advection"
expect "train: an unknown advection" 2 "unknown advection 'magic' \\(use sharp or remap\\)" -- "$DRIFTLAB" train train.h5 --out run-x --advection magic
expect "train: an unknown input channel" 2 "unknown input channel 'w'" -- "$DRIFTLAB" train train.h5 --out run-x --inputs u,w,density
expect "train: anchor and residual together" 2 "not both" -- "$DRIFTLAB" train train.h5 --out run-x --anchor none --residual
$PY -c "
import csv, numpy as np
rows = list(csv.DictReader(open('metrics.csv')))
assert len(rows) > 0 and set(['release', 'day', 'mae', 'iou50', 'persistence_mae', 'advection_mae', 'advection_iou50']) <= set(rows[0])
assert all(float(r['advection_mae']) < float(r['persistence_mae']) * 10 for r in rows)
m = np.load('mae.npy'); assert m.shape == (32, 64) and (m >= 0).all() and m.max() > 0, m.shape
" && ok "evaluate: metrics.csv and mae.npy" || bad "evaluate: metrics.csv and mae.npy"
expect "evaluate with exported weights" 0 "PyTorch weights, width 4" -- "$DRIFTLAB" evaluate w.pt train.h5 --split val
expect "evaluate: unknown split" 2 "unknown split 'dev'" -- "$DRIFTLAB" evaluate run1 train.h5 --split dev
expect "evaluate: one split, not all" 2 "needs one split" -- "$DRIFTLAB" evaluate run1 train.h5 --split all
expect "evaluate: not a model" 1 "neither a DriftLab checkpoint" -- "$DRIFTLAB" evaluate text.h5 train.h5
expect "evaluate: one argument" 2 "needs a model" -- "$DRIFTLAB" evaluate run1

# The learning module (LibTorch) is loaded only by what needs it (docs/performance.md, cold start).
# loaded NAME LIB yes|no -- command...: the command succeeds, and the dynamic loader opened LIB
# while it ran (yes) or never did (no).
loaded() {
  local name=$1 lib=$2 want=$3; shift 4
  local out rc got=no
  run_retrying "$name" -- env LD_DEBUG=files "$@"
  if [[ $rc -ne 0 ]]; then bad "$name: exit $rc"; return; fi
  grep -q "file=[^ ]*$lib" <<<"$out" && got=yes
  [[ $got == "$want" ]] && ok "$name" || bad "$name: $lib loaded: $got"
}
loaded "info does not load LibTorch" libtorch_cpu no -- "$DRIFTLAB" info tiny.h5
loaded "mean does not load the learning module" libdriftlab_learn no -- "$DRIFTLAB" mean tiny.h5 --npy m.npy --no-cache
loaded "evaluate loads LibTorch" libtorch_cpu yes -- "$DRIFTLAB" evaluate run1 train.h5 --split val
# Without the module beside libdriftlab_model.so: a clear message, and the rest still works.
modellib=$(ldd "$DRIFTLAB" | awk '/libdriftlab_model/ {print $3}')
mkdir -p nolearn && cp "$modellib" nolearn/
expect "no learning module: train says why" 1 "cannot load DriftLab's learning module" -- env LD_LIBRARY_PATH="$PWD/nolearn" "$DRIFTLAB" train train.h5 --out nolearn/run --epochs 1
expect "no learning module: info still works" 0 "train: 10 releases" -- env LD_LIBRARY_PATH="$PWD/nolearn" "$DRIFTLAB" info tiny.h5
expect "no learning module: version says so" 0 "LibTorch not available" -- env LD_LIBRARY_PATH="$PWD/nolearn" "$DRIFTLAB" --version

# Predictions: a new release anywhere (the explorer's click), rollouts, one-step predictions.
read -r slon slat llon llat < <($PY -c "
import h5py, numpy as np
f = h5py.File('train.h5', 'r'); m = f['mask'][...]; lon, lat = f['lon'][...], f['lat'][...]
sea, land = np.argwhere(m == 1), np.argwhere(m == 0)
(sj, si), (lj, li) = sea[len(sea) // 2], land[len(land) // 2]
print(lon[si], lat[sj], lon[li], lat[lj])")
expect "release: a new release with a model" 0 "first day ready after [0-9.]+ ms" -- "$DRIFTLAB" release train.h5 --lon "$slon" --lat "$slat" --day 2 --model run1 --threads 2 -o rel.h5
expect "release: metrics per day" 0 "day 3: MSE .*IoU50" -- "$DRIFTLAB" release train.h5 --lon "$slon" --lat "$slat" --date 2021-01-05 --radius 8 --particles 400 --model w.pt -o rel2.h5
expect "release: no model" 0 "wrote rel3.h5" -- "$DRIFTLAB" release train.h5 --lon "$slon" --lat "$slat" -o rel3.h5
[[ -s rel.h5 && -s rel2.h5 && -s rel3.h5 ]] && ok "release: forecast files written" || bad "release: forecast files written"
expect "release: on land" 1 "is on land" -- "$DRIFTLAB" release train.h5 --lon "$llon" --lat "$llat" -o land.h5
expect "release: outside the domain" 1 "outside the domain \\(lon 2.000 .. 10.000 E" -- "$DRIFTLAB" release train.h5 --lon 12 --lat 43 -o out.h5
expect "release: no --lon" 2 "needs the centre" -- "$DRIFTLAB" release train.h5 --lat 43 -o x.h5
expect "release: too late" 2 "outside what the currents allow" -- "$DRIFTLAB" release train.h5 --lon "$slon" --lat "$slat" --day 17 -o x.h5
expect "release: a bad date" 2 "2021-13-01" -- "$DRIFTLAB" release train.h5 --lon "$slon" --lat "$slat" --date 2021-13-01 -o x.h5
expect "release: --date and --day" 2 "not both" -- "$DRIFTLAB" release train.h5 --lon "$slon" --lat "$slat" --day 1 --date 2021-01-02 -o x.h5
expect "release: no output" 2 "needs -o" -- "$DRIFTLAB" release train.h5 --lon "$slon" --lat "$slat"
expect "release: zero particles" 2 "must be between" -- "$DRIFTLAB" release train.h5 --lon "$slon" --lat "$slat" --particles 0 -o x.h5
expect "release: not a model" 1 "neither a DriftLab checkpoint" -- "$DRIFTLAB" release train.h5 --lon "$slon" --lat "$slat" --model text.h5 -o x.h5
[[ ! -e land.h5 && ! -e out.h5 && ! -e x.h5 ]] && ok "release: no file after refusals" || bad "release: no file after refusals"
expect "rollout: one release" 0 "rolled out 1 release \\(5\\) for 3 days" -- "$DRIFTLAB" rollout run1 train.h5 --release 5 -o roll1.h5 --threads 2
expect "rollout: the test split" 0 "rolled out [0-9]+ releases of the test split" -- "$DRIFTLAB" rollout run1 train.h5 --split test -o roll.h5 --threads 2
expect "rollout: both --release and --split" 2 "not both" -- "$DRIFTLAB" rollout run1 train.h5 --release 1 --split val -o x.h5
expect "rollout: no such release" 2 "release 999 does not exist" -- "$DRIFTLAB" rollout run1 train.h5 --release 999 -o x.h5
expect "rollout: not a model" 1 "neither a DriftLab checkpoint" -- "$DRIFTLAB" rollout text.h5 train.h5 -o x.h5
expect "predict: one-step on the test split" 0 "predicted [0-9]+ one-step pairs" -- "$DRIFTLAB" predict run1 train.h5 --split test -o pred.h5 --threads 2
# The forecast files' cloud tracks (centre, spread, separation in km) against NumPy on their maps.
check_tracks() {
  $PY - "$1" <<'PYEOF'
import sys, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
ocean = f["mask"][:].astype(bool)
lon, lat = np.meshgrid(np.radians(f["lon"][:]), np.radians(f["lat"][:]))
xyz = np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])[:, ocean]
def cloud(m):
    m = np.clip(m[ocean].astype(np.float64), 0, None)
    if m.sum() <= 0: return np.nan, np.nan, np.nan, None
    c = (xyz * m).sum(1); c /= np.linalg.norm(c)
    d = 2 * 6371.0 * np.arcsin(np.minimum(1, np.linalg.norm(xyz - c[:, None], axis=0) / 2))
    return np.degrees(np.arctan2(c[1], c[0])), np.degrees(np.arcsin(c[2])), np.sqrt((m * d * d).sum() / m.sum()), c
checked = 0
for maps, prefix in (("density", ""), ("prediction", "prediction_"), ("advection", "advection_")):
    for r in range(f[maps].shape[0]):
        for d in range(f[maps].shape[1]):
            lo, la, sp, c = cloud(f[maps][r, d])
            got = f[prefix + "centre_lon"][r, d], f[prefix + "centre_lat"][r, d], f[prefix + "spread_km"][r, d]
            assert np.allclose(got, (lo, la, sp), rtol=0, atol=1e-6, equal_nan=True), (maps, r, d, got, (lo, la, sp))
            if prefix:
                _, _, _, t = cloud(f["density"][r, d])
                sep = np.nan if c is None or t is None else 2 * 6371.0 * np.arcsin(min(1, np.linalg.norm(c - t) / 2))
                assert np.allclose(f[prefix + "separation_km"][r, d], sep, atol=1e-6, equal_nan=True), (maps, r, d)
            checked += 1
assert checked > 0
units = f["prediction_spread_km"].attrs["units"]
assert (units.decode() if isinstance(units, bytes) else units) == "km", units
PYEOF
}
check_tracks roll.h5 && ok "rollout file: cloud tracks equal NumPy's" || bad "rollout file: cloud tracks equal NumPy's"
check_tracks pred.h5 && ok "predict file: cloud tracks equal NumPy's" || bad "predict file: cloud tracks equal NumPy's"
expect "predict: needs -o" 2 "needs -o" -- "$DRIFTLAB" predict run1 train.h5
expect "predict: unknown split" 2 "unknown split 'dev'" -- "$DRIFTLAB" predict run1 train.h5 --split dev -o x.h5
expect "info: a forecast is not a dataset" 1 "forecast file" -- "$DRIFTLAB" info roll.h5
expect "export-vti: a sample" 0 "wrote view.vti \\(64 x 32 points, 9 arrays" -- "$DRIFTLAB" export-vti train.h5 --release 1 --day 0 --model run1 -o view.vti
expect "export-vti: last day with a model" 2 "no day t\\+1" -- "$DRIFTLAB" export-vti train.h5 --release 1 --day 3 --model run1 -o x.vti
expect "export-vti: no such day" 2 "day 9 does not exist" -- "$DRIFTLAB" export-vti train.h5 --release 1 --day 9 -o x.vti
[[ ! -e x.h5 && ! -e x.vti ]] && ok "no forecast or image after refusals" || bad "no forecast or image after refusals"
ls -a | grep partial | grep -vq "killed.h5" && bad "forecasts: no temporary file left" || ok "forecasts: no temporary file left"  # (kill -9 above leaves one on purpose)

# A training run killed with SIGKILL continues from its last checkpoint.
"$DRIFTLAB" train train.h5 --out run2 --epochs 40 "${small[@]}" > /dev/null 2>&1 &
pid=$!
for _ in $(seq 300); do [[ -e run2/last.pt ]] && break; sleep 0.1; done
sleep 0.3
kill -KILL $pid
wait $pid 2>/dev/null
done_epochs=$(($(wc -l < run2/history.csv) - 1))
[[ $done_epochs -ge 1 && $done_epochs -lt 40 ]] && ok "train: killed after $done_epochs epochs" || bad "train: killed mid-run ($done_epochs epochs)"
expect "train: resumes after kill -9" 0 "continuing at epoch [0-9]+, batch 1" -- "$DRIFTLAB" train --resume run2
[[ $(wc -l < run2/history.csv) -eq 41 ]] && ok "train: the resumed run has 40 epochs" || bad "train: the resumed run has 40 epochs"
grep -q "^40," run2/history.csv && ok "train: epoch 40 recorded" || bad "train: epoch 40 recorded"

# Ctrl-C saves a checkpoint and exits 130.
"$DRIFTLAB" train train.h5 --out run3 --epochs 1000 "${small[@]}" > run3.log 2>&1 &
pid=$!
for _ in $(seq 300); do [[ -e run3/last.pt ]] && break; sleep 0.1; done
kill -INT $pid
wait $pid
rc=$?
[[ $rc -eq 130 ]] && ok "train: Ctrl-C exits 130" || bad "train: Ctrl-C exits 130 (got $rc)"
grep -q "stopped during" run3.log && ok "train: Ctrl-C says where it stopped" || bad "train: Ctrl-C says where it stopped: $(cat run3.log)"

# Pictures from the command line (need an X display: ctest runs under xvfb-run).
if [[ -n ${DISPLAY:-} ]]; then
  expect "render a view" 0 "wrote view.png" -- "$DRIFTLAB" render tiny.h5 --release 2 --day 1 --layer speed -o view.png --width 640 --height 400
  $PY -c "
import struct
w, h = struct.unpack('>II', open('view.png', 'rb').read()[16:24])
assert (w, h) == (640, 400), (w, h)" && ok "the view is a 640 x 400 PNG" || bad "the view is a 640 x 400 PNG"
  loaded "render without a model does not load LibTorch" libtorch_cpu no -- "$DRIFTLAB" render tiny.h5 --layer density -o view2.png
  loaded "the explorer starts without LibTorch" libtorch_cpu no -- env HOME="$PWD/home" DRIFTLAB_EXIT_AFTER_FIRST_FRAME=1 "$DRIFTLAB" tiny.h5
  expect "render streamlines" 0 "wrote lines.png" -- "$DRIFTLAB" render tiny.h5 --release 2 --day 1 --layer density --streamlines --no-arrows -o lines.png
  expect "render: unknown layer" 2 "unknown layer 'salinity'" -- "$DRIFTLAB" render tiny.h5 --layer salinity -o x.png
  expect "render: no such release" 2 "release 99 does not exist" -- "$DRIFTLAB" render tiny.h5 --release 99 -o x.png
  expect "render: not a dataset" 1 "not an HDF5 file" -- "$DRIFTLAB" render text.h5 -o x.png
  expect "render a prediction" 0 "wrote pred.png" -- "$DRIFTLAB" render train.h5 --release 1 --day 1 --layer difference --model run1 -o pred.png --width 500 --height 300
  [[ -s pred.png ]] && ok "pred.png written" || bad "pred.png written"
  expect "render: prediction needs a model" 2 "need --model" -- "$DRIFTLAB" render train.h5 --layer prediction -o x.png
  expect "render: no day after the last" 2 "no day t\+1" -- "$DRIFTLAB" render train.h5 --release 1 --day 3 --layer prediction --model run1 -o x.png
  expect "render: not a model" 1 "neither a DriftLab checkpoint" -- "$DRIFTLAB" render train.h5 --layer prediction --model text.h5 -o x.png
  expect "mean as a picture" 0 "wrote mean.png" -- "${meanenv[@]}" "$DRIFTLAB" mean tiny.h5 -o mean.png --width 500 --height 300
  [[ -s mean.png ]] && ok "mean.png written" || bad "mean.png written"
else
  echo "skip render / mean -o: no X display"
fi
expect "render without a display says so" 1 "no X display" -- env -u DISPLAY "$DRIFTLAB" render tiny.h5 -o y.png
expect "the GUI without a display says so" 1 "no X display" -- env -u DISPLAY "$DRIFTLAB" tiny.h5
expect "offscreen Qt is refused, not a crash" 1 "cannot host OpenGL" -- env QT_QPA_PLATFORM=offscreen "$DRIFTLAB" render tiny.h5 -o y.png

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
