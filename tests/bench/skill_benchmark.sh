#!/usr/bin/env bash
# The model-skill benchmark: does the UNet learn the drift? Generates the demo dataset, trains
# the default recipe (hybrid) and the research recipe at the defaults, evaluates both on the
# held-out test split and rolls them out over the test releases, and prints one table beside
# persistence (tomorrow = today) and the numerical-advection baseline, all from the same run.
# A benchmark, not a test: it takes about 15 minutes on 2 cores. Figures go in
# docs/training.md and docs/performance.md ("Model skill").
# Usage: tests/bench/skill_benchmark.sh [BUILD_DIR] [WORKDIR]
#   RECIPES (default "hybrid research anchor"; "anchor" is the hybrid's anchor alone, the sharp
#   advection without the network: a hybrid whose last layer stays at zero), TRAIN_ARGS (extra `driftlab train` options, e.g.
#   "--epochs 3"), THREADS (evaluation and rollout threads, default 2), NOISE (1: also the
#   particle-noise floor, the same releases with 10 times the particles; 0: not).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build/dev}" && pwd)
driftlab=$build/app/driftlab
work=${2:-$(mktemp -d -t driftlab-skill.XXXXXX)}
recipes=${RECIPES:-hybrid research anchor}
threads=${THREADS:-2}
py=/usr/bin/python3
mkdir -p "$work"
cd "$work"
echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); work folder $work"
if [[ ! -f demo.h5 ]]; then
  echo "== generating the demo dataset"
  "$driftlab" generate demo.h5 > /dev/null 2>&1
fi
# The particle-noise floor: the same releases (same seed) with 10 times the particles, taken as
# the forecast of the 2,000-particle truth. No method can be expected below it.
if [[ ${NOISE:-1} == 1 && ! -f demo-x10.h5 ]]; then
  echo "== generating the same releases with 10 times the particles (the noise floor)"
  start=$(date +%s.%N)
  "$driftlab" generate demo-x10.h5 --particles 20000 > /dev/null 2>&1
  end=$(date +%s.%N)
  echo "$start $end" | awk '{printf "   %.0f s\n", $2 - $1}'
fi
for recipe in $recipes; do
  rm -rf "run-$recipe"
  if [[ $recipe == anchor ]]; then echo "== the hybrid's anchor alone (the sharp advection)"
  else echo "== training the $recipe recipe at the defaults ${TRAIN_ARGS:-}"; fi
  start=$(date +%s.%N)
  if [[ $recipe == anchor ]]; then
    # The flux form's last layer starts at zero: a learning rate of 1e-9 for one batch leaves
    # the model its anchor, the sharp advection of the map.
    "$driftlab" train demo.h5 --out "run-$recipe" --epochs 1 --max-pairs 16 --lr 1e-9 \
      > "train-$recipe.log" 2> "train-$recipe.err"
  else
    # shellcheck disable=SC2086
    "$driftlab" train demo.h5 --out "run-$recipe" --recipe "$recipe" ${TRAIN_ARGS:-} \
      > "train-$recipe.log" 2> "train-$recipe.err"
  fi
  end=$(date +%s.%N)
  echo "$start $end" | awk '{printf "%.1f\n", $2 - $1}' > "train-$recipe.seconds"
  "$driftlab" evaluate "run-$recipe" demo.h5 --split test --threads "$threads" \
    -o "eval-$recipe.csv" > "eval-$recipe.txt" 2> /dev/null
  "$driftlab" rollout "run-$recipe" demo.h5 --split test --threads "$threads" \
    -o "rollout-$recipe.h5" > "rollout-$recipe.txt" 2> /dev/null
done
RECIPES="$recipes" $py - <<'PY'
import os, re
recipes = os.environ["RECIPES"].split()
num = r"([-+0-9.eE]+)"
row = re.compile(r"^\s+(model|persistence|advection)\s*: MSE " + num + ", MAE " + num +
                 ", IoU50 " + num + ", IoU90 " + num + ", mass error " + num)
day = re.compile(r"^\s+day (\d+): MSE " + num + ", MAE " + num + r".*\(persistence: MAE " + num +
                 r".*advection: MAE " + num)
def evaluation(recipe):
    out = {}
    for line in open(f"eval-{recipe}.txt"):
        m = row.match(line)
        if m: out[m.group(1)] = [float(x) for x in m.groups()[1:]]
    return out
def rollout(recipe):
    out = {}
    for line in open(f"rollout-{recipe}.txt"):
        m = day.match(line)
        if m: out[int(m.group(1))] = [float(x) for x in m.groups()[1:]]
    return out
km = re.compile(r"^\s+(model|persistence|advection)\s*: centre " + num + " km, spread error " + num +
                r" km, spread ratio " + num + r" \(median " + num + r"\), transport " + num +
                r" km, far mass " + num + r" % \(p99 " + num + r" %\), Liu-Weisberg skill " + num)
dayk = re.compile(r"^\s+centre " + num + r" km, spread ratio " + num + r", transport " + num +
                  r" km.*advection: centre " + num + r" km, spread ratio " + num)
def kilometres(recipe):
    out = {}
    for line in open(f"eval-{recipe}.txt"):
        m = km.match(line)
        if m: out[m.group(1)] = [float(x) for x in m.groups()[1:]]
    return out
def rollout_km(recipe):
    out, d = {}, 0
    for line in open(f"rollout-{recipe}.txt"):
        m = re.match(r"^\s+day (\d+):", line)
        if m: d = int(m.group(1))
        m = dayk.match(line)
        if m: out[d] = [float(x) for x in m.groups()]
    return out
def noise_floor():
    """The 20,000-particle maps as the forecast of the 2,000-particle truth, one day ahead, on
    the test split: computed here with numpy, independently of DriftLab's metric code."""
    import h5py, numpy as np
    if not os.path.exists("demo-x10.h5"): return None
    a, b = h5py.File("demo.h5", "r"), h5py.File("demo-x10.h5", "r")
    test = np.nonzero(a["split"][:] == 2)[0]
    ocean = a["mask"][:] > 0
    lat, lon = np.radians(a["lat"][:]), np.radians(a["lon"][:])
    LA, LO = np.meshgrid(lat, lon, indexing="ij")
    xyz = np.stack([np.cos(LA) * np.cos(LO), np.cos(LA) * np.sin(LO), np.sin(LA)])
    def cloud(m):
        m = np.where(ocean, np.clip(m, 0, None), 0)
        s = (xyz * m).reshape(3, -1).sum(1)
        c = s / np.linalg.norm(s)
        d = 2 * 6371 * np.arcsin(np.clip(np.linalg.norm(xyz - c[:, None, None], axis=0) / 2, 0, 1))
        return c, np.sqrt((m * d * d).sum() / m.sum())
    def top(m, f):
        v = np.where(ocean, np.clip(m, 0, None), 0).ravel()
        order = np.argsort(-v, kind="stable")
        k = np.searchsorted(np.cumsum(v[order]), f * v.sum() * (1 - 1e-6)) + 1
        r = np.zeros(v.size, bool); r[order[:k]] = True
        return r
    mae, iou50, centre, ratio = [], [], [], []
    for r in test:
        ta, tb = a["density"][r], b["density"][r]
        for d in range(1, ta.shape[0]):
            t, p = ta[d], tb[d]
            if t.sum() <= 0 or p.sum() <= 0: continue
            mae.append(np.abs(p - t)[ocean].mean())
            x, y = top(p, 0.5), top(t, 0.5)
            iou50.append((x & y).sum() / (x | y).sum())
            (cp, sp), (ct, st) = cloud(p), cloud(t)
            centre.append(2 * 6371 * np.arcsin(min(1, np.linalg.norm(cp - ct) / 2)))
            ratio.append(sp / st)
    return np.mean(mae), np.mean(iou50), np.mean(centre), np.median(ratio)
def label(recipe):
    return "sharp advection alone" if recipe == "anchor" else f"model ({recipe})"
base = evaluation(recipes[0])
roll = rollout(recipes[0])
print()
print("one-day forecast of the demo test split (driftlab evaluate), rollout of the test releases "
      "(driftlab rollout)")
print(f"{'':24s} {'MAE':>9s} {'x pers.':>7s} {'MSE':>9s} {'IoU50':>6s} {'IoU90':>6s} "
      f"{'mass err':>9s} {'roll d1 MAE':>11s} {'roll d10 MAE':>12s} {'train s':>8s}")
def line(name, m, d1, d10, secs):
    print(f"{name:24s} {m[1]:9.3e} {m[1] / base['persistence'][1]:7.3f} {m[0]:9.3e} {m[2]:6.3f} "
          f"{m[3]:6.3f} {m[4]:9.2e} {d1:11.3e} {d10:12.3e} {secs:>8s}")
last = max(roll) if roll else 0
line("persistence", base["persistence"], roll[1][2] if roll else 0, roll[last][2] if roll else 0, "-")
line("advection baseline", base["advection"], roll[1][3] if roll else 0, roll[last][3] if roll else 0, "-")
for recipe in recipes:
    m = evaluation(recipe)["model"]
    r = rollout(recipe)
    secs = open(f"train-{recipe}.seconds").read().strip()
    line(label(recipe), m, r[1][1] if r else 0, r[max(r)][1] if r else 0, secs)
floor = noise_floor()
if floor:
    print(f"{'noise floor (x10 particles)':24s} {floor[0]:9.3e} {floor[0] / base['persistence'][1]:7.3f}"
          f" {'':9s} {floor[1]:6.3f}")
print()
print("the same, in kilometres (one day ahead; rollout day 1 and day 10 centre separation)")
print(f"{'':24s} {'centre km':>9s} {'spread err':>10s} {'ratio':>6s} {'median':>6s} "
      f"{'transport':>9s} {'far %':>6s} {'far p99':>7s} {'L&W':>5s} {'roll d1':>7s} {'roll d10':>8s}")
kb = kilometres(recipes[0])
rk = rollout_km(recipes[0])
def kline(name, k, d1, d10):
    print(f"{name:24s} {k[0]:9.2f} {k[1]:10.2f} {k[2]:6.3f} {k[3]:6.3f} {k[4]:9.2f} {k[5]:6.2f} "
          f"{k[6]:7.2f} {k[7]:5.3f} {d1:7.2f} {d10:8.2f}")
if kb:
    last = max(rk) if rk else 0
    kline("persistence", kb["persistence"], 0, 0)
    kline("advection baseline", kb["advection"], rk[1][3] if rk else 0, rk[last][3] if rk else 0)
    for recipe in recipes:
        k, r = kilometres(recipe), rollout_km(recipe)
        if "model" in k:
            kline(label(recipe), k["model"], r[1][0] if r else 0, r[max(r)][0] if r else 0)
    if floor:
        print(f"{'noise floor (x10 particles)':24s} {floor[2]:9.2f} {'':10s} {'':6s} {floor[3]:6.3f}")
print()
for recipe in recipes:
    r = rollout(recipe)
    worse = [d for d in sorted(r) if r[d][1] >= r[d][2]]
    print(f"{recipe}: rollout days where the model's MAE is not below persistence's: "
          f"{worse or 'none'}; day 1 below the advection baseline's: {r[1][1] < r[1][3]}")
PY
