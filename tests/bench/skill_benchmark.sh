#!/usr/bin/env bash
# The model-skill benchmark: does the UNet learn the drift? Generates the demo dataset, trains
# the default recipe (hybrid) and the research recipe at the defaults, evaluates both on the
# held-out test split and rolls them out over the test releases, and prints one table beside
# persistence (tomorrow = today) and the numerical-advection baseline, all from the same run.
# A benchmark, not a test: it takes about 15 minutes on 2 cores. Figures go in
# docs/training.md and docs/performance.md ("Model skill").
# Usage: tests/bench/skill_benchmark.sh [BUILD_DIR] [WORKDIR]
#   RECIPES (default "hybrid research"), TRAIN_ARGS (extra `driftlab train` options, e.g.
#   "--epochs 3"), THREADS (evaluation and rollout threads, default 2).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build/dev}" && pwd)
driftlab=$build/app/driftlab
work=${2:-$(mktemp -d -t driftlab-skill.XXXXXX)}
recipes=${RECIPES:-hybrid research}
threads=${THREADS:-2}
py=/usr/bin/python3
mkdir -p "$work"
cd "$work"
echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); work folder $work"
if [[ ! -f demo.h5 ]]; then
  echo "== generating the demo dataset"
  "$driftlab" generate demo.h5 > /dev/null 2>&1
fi
for recipe in $recipes; do
  rm -rf "run-$recipe"
  echo "== training the $recipe recipe at the defaults ${TRAIN_ARGS:-}"
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  "$driftlab" train demo.h5 --out "run-$recipe" --recipe "$recipe" ${TRAIN_ARGS:-} \
    > "train-$recipe.log" 2> "train-$recipe.err"
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
    line(f"model ({recipe})", m, r[1][1] if r else 0, r[max(r)][1] if r else 0, secs)
print()
for recipe in recipes:
    r = rollout(recipe)
    worse = [d for d in sorted(r) if r[d][1] >= r[d][2]]
    print(f"{recipe}: rollout days where the model's MAE is not below persistence's: "
          f"{worse or 'none'}; day 1 below the advection baseline's: {r[1][1] < r[1][3]}")
PY
