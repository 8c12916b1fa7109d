#!/usr/bin/env bash
# import-currents on real producers' files (tests/importing/real, provenance in its SOURCE.txt):
# ROMS Nordic-4km (zero staggered coordinates, u / v cut to the rho shape, ubar / vbar beside
# them), CROCO (time in seconds since initialisation, no date), NEMO GYRE 4.2 (a C-grid turned
# 45 degrees), and the Arctic20 layout (polar stereographic, x/y velocities). Each import is
# compared with its source by tests/importing/compare_real.py (destaggered, rotated by the
# grid's own angle, the surface level), then the whole way on a real file: generate on its
# currents, train one epoch, evaluate.
# Usage: DRIFTLAB=path/to/driftlab import_real_test.sh WORKDIR
set -uo pipefail
: "${DRIFTLAB:?set DRIFTLAB to the driftlab executable}"
work=${1:?work folder}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
real="$here/../importing/real"
source "$here/../support/isolated_home.sh" "$work"
source "$here/../support/expect.sh"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
PY=/usr/bin/python3
$PY "$here/../importing/make_fixtures.py" fx > /dev/null || { echo "FAIL fixtures"; exit 1; }
nordic="$real/roms-nordic/Nordic_subset_day1.nc"
croco=("$real/croco/croco_his.nc" "$real/croco/croco_grd.nc")
nemo=("$real/nemo-gyre-4.2/GYRE_1y_00010101_00011230_grid_U.nc"
      "$real/nemo-gyre-4.2/GYRE_1y_00010101_00011230_grid_V.nc" "$real/nemo-gyre-4.2/mesh_mask.nc")

# compare NAME KIND IMPORT FILES...: the import against its source, numbers printed.
compare() {
  local name=$1; shift
  local out
  if out=$($PY "$here/../importing/compare_real.py" "$@" 2>&1); then ok "$name: $(head -1 <<<"$out")"
  else bad "$name: $out"; fi
}

# What is taken, and why, before anything is written.
expect "Nordic: the 3-D u, not ubar" 0 "ubar / vbar \(depth-averaged\) are also in the files and not used" -- "$DRIFTLAB" import-currents "$nordic" --dry-run
expect "Nordic: positions from the rho points" 0 "half a cell east of the lon_rho/lat_rho points" -- "$DRIFTLAB" import-currents "$nordic" --dry-run
expect "Nordic: rotated by its angle" 0 "rotated to east/north with angle in Nordic_subset_day1.nc" -- "$DRIFTLAB" import-currents "$nordic" --dry-run
expect "CROCO: the time origin is said" 0 "origin 2000-01-01 00:00:00 from a default" -- "$DRIFTLAB" import-currents "${croco[@]}" --dry-run
expect "CROCO: --time-origin sets it" 0 "2016-05-01 .. 2016-05-04" -- "$DRIFTLAB" import-currents "${croco[@]}" --dry-run --time-origin 2016-05-01
expect "a bad --time-origin is a usage error" 2 "--time-origin May: a date" -- "$DRIFTLAB" import-currents "${croco[@]}" --dry-run --time-origin May
expect "a bad --direction is a usage error" 2 "--direction north: grid" -- "$DRIFTLAB" import-currents "$nordic" --dry-run --direction north
expect "Arctic20 layout: x/y velocities rotated" 0 "polar_stereographic grid_mapping" -- "$DRIFTLAB" import-currents fx/roms_polar.nc --dry-run
expect "Arctic20 layout: rotated when named by --u/--v" 0 "rotated to east/north .*standard_name x_sea_water_velocity" -- "$DRIFTLAB" import-currents fx/roms_polar.nc --dry-run --u u --v v
expect "Arctic20 layout: --u ubar is said to be depth-averaged" 0 "--u ubar is a depth-averaged" -- "$DRIFTLAB" import-currents fx/roms_polar.nc --dry-run --u ubar --v vbar

# Each real file imports, and matches its source.
expect "import Nordic" 0 "1 daily fields" -- "$DRIFTLAB" import-currents "$nordic" -o nordic.h5
compare "Nordic matches its source" roms nordic.h5 "$nordic"
expect "import CROCO" 0 "4 daily fields" -- "$DRIFTLAB" import-currents "${croco[@]}" -o croco.h5
compare "CROCO matches its source" roms croco.h5 "${croco[@]}"
expect "import NEMO GYRE" 0 "1 daily fields" -- "$DRIFTLAB" import-currents "${nemo[@]}" -o nemo.h5
compare "NEMO GYRE matches its source" nemo nemo.h5 "${nemo[@]}"
# The check can fail: the Nordic currents imported unrotated are refused by it.
expect "import Nordic unrotated (--direction east-north)" 0 "east / north \(--direction\)" -- "$DRIFTLAB" import-currents "$nordic" -o nordic_unrotated.h5 --direction east-north
$PY "$here/../importing/compare_real.py" roms nordic_unrotated.h5 "$nordic" > unrotated.txt 2>&1
if [[ $? -eq 1 ]] && grep -q "^FAIL .*direction error" unrotated.txt; then
  ok "the comparison refuses an unrotated import: $(head -1 unrotated.txt)"
else bad "the comparison refuses an unrotated import: $(cat unrotated.txt)"; fi

# The whole way on a real file: CROCO's 4 days, releases on its currents, one epoch, evaluate.
expect "generate on the CROCO currents" 0 "24 releases" -- "$DRIFTLAB" generate croco_ds.h5 --currents croco.h5 --releases 24 --particles 200 --days 3 --threads 2
expect "train one epoch on it" 0 "finished 1 epochs" -- "$DRIFTLAB" train croco_ds.h5 --out run --epochs 1 --width 4 --batch 4 --threads 2
expect "evaluate it" 0 "evaluated on [0-9]+ (test|val) pairs" -- "$DRIFTLAB" evaluate run croco_ds.h5 --split val --threads 2

echo "$passed passed, $failed failed"
((failed == 0))
