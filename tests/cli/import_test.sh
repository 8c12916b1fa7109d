#!/usr/bin/env bash
# Real data in, from the command line (docs/importing.md): import-currents on files in the
# layouts of CMEMS, HYCOM, NEMO and ROMS, import-trajectories on OpenDrift and OceanParcels
# output, and the whole way through: import, generate on the currents, train one short epoch,
# evaluate. Bad files: a clear message, exit 1, no output file.
# Usage: DRIFTLAB=path/to/driftlab import_test.sh WORKDIR
set -uo pipefail
: "${DRIFTLAB:?set DRIFTLAB to the driftlab executable}"
work=${1:?work folder}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../support/isolated_home.sh" "$work"
source "$here/../support/expect.sh"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
PY=/usr/bin/python3
$PY "$here/../importing/make_fixtures.py" fx > /dev/null || { echo "FAIL fixtures"; exit 1; }

# Detection, as a user reads it (--dry-run writes nothing).
expect "dry run: CMEMS MED found by standard_name" 0 "uo \(standard_name eastward_sea_water_velocity\)" -- "$DRIFTLAB" import-currents fx/cmems_med.nc --dry-run
expect "dry run: HYCOM by name, surface level" 0 "level 0 of 2" -- "$DRIFTLAB" import-currents fx/hycom.nc --dry-run
expect "dry run: NEMO C-grid, mesh mask" 0 "Arakawa C" -- "$DRIFTLAB" import-currents fx/nemo_grid_U.nc fx/nemo_grid_V.nc fx/nemo_mesh_mask.nc --dry-run
expect "dry run: ROMS rotated with its angle" 0 "rotated to east/north with angle" -- "$DRIFTLAB" import-currents fx/roms_his.nc --dry-run
expect "dry run: an hourly step is kept" 0 "time step 1 h kept: 24 fields a day" -- "$DRIFTLAB" import-currents fx/hourly.nc --dry-run
expect "dry run: --daily-mean averages it" 0 "averaged to daily means" -- "$DRIFTLAB" import-currents fx/hourly.nc --dry-run --daily-mean
ls ./*.h5 > /dev/null 2>&1 && bad "dry runs write nothing" || ok "dry runs write nothing"

# Every layout imports.
expect "import CMEMS MED" 0 "6 daily fields on 48 x 32 cells" -- "$DRIFTLAB" import-currents fx/cmems_med.nc -o med.h5
expect "import CMEMS GLO (packed)" 0 "4 daily fields" -- "$DRIFTLAB" import-currents fx/cmems_glo.nc -o glo.h5
expect "import HYCOM across Greenwich" 0 "lon -2.88 .. 2.88" -- "$DRIFTLAB" import-currents fx/hycom.nc -o hycom.h5 --lon-range -3 3
expect "import NEMO" 0 "3 daily fields" -- "$DRIFTLAB" import-currents fx/nemo_grid_U.nc fx/nemo_grid_V.nc fx/nemo_mesh_mask.nc -o nemo.h5
expect "import ROMS" 0 "3 daily fields" -- "$DRIFTLAB" import-currents fx/roms_his.nc -o roms.h5
expect "import NetCDF-3 classic" 0 "NetCDF-3 classic" -- "$DRIFTLAB" import-currents fx/classic.nc -o classic.h5
expect "import noleap, the missing day said" 0 "interpolated in time" -- "$DRIFTLAB" import-currents fx/noleap.nc -o noleap.h5
expect "import hourly, kept" 0 "49 fields every 1 h over 3 days" -- "$DRIFTLAB" import-currents fx/hourly.nc -o hourly.h5
expect "import hourly as daily means" 0 "3 daily fields" -- "$DRIFTLAB" import-currents fx/hourly.nc -o hourly_daily.h5 --daily-mean
expect "info on hourly currents" 0 "49 fields every 1 h over 3 days" -- "$DRIFTLAB" info hourly.h5
expect "generate on hourly currents" 0 "10 releases" -- "$DRIFTLAB" generate hourly_ds.h5 --currents hourly.h5 --releases 10 --particles 100 --days 2 --threads 2
expect "the hourly dataset is format version 2" 0 "format version 2" -- "$DRIFTLAB" info hourly_ds.h5
if $PY - hourly.h5 <<'PYEOF'
import sys, numpy as np, xarray as xr
ds = xr.open_dataset(sys.argv[1])
t = ds.time.values
assert len(t) == 49 and str(t[1])[:16] == "2020-06-01T01:00", t[:2]
assert np.allclose(ds.u.values[30, 5, 5], 0.06)
PYEOF
then ok "xarray decodes the hourly axis"; else bad "xarray decodes the hourly axis"; fi
expect "import two overlapping files" 0 "first was kept" -- "$DRIFTLAB" import-currents fx/part1.nc fx/part2.nc -o parts.h5
expect "import with a box, a time range and a resolution" 0 "32 x 16 cells" -- "$DRIFTLAB" import-currents fx/cmems_med.nc -o box.h5 --lon-range 4.5 5.5 --lat-range 42.5 43 --resolution 1/32 --time-range 2022-01-09 2022-01-11
expect "refuses to overwrite" 1 "exists; use --force" -- "$DRIFTLAB" import-currents fx/cmems_med.nc -o med.h5
expect "info on a currents file" 0 "currents only" -- "$DRIFTLAB" info med.h5

# The currents file is NetCDF-4 that xarray decodes: dates, east/north names, land = 0.
if $PY - med.h5 <<'PYEOF'
import sys, numpy as np, xarray as xr
ds = xr.open_dataset(sys.argv[1])
assert str(ds.time.values[0])[:10] == "2022-01-08", ds.time.values[0]
assert ds.u.attrs["standard_name"] == "eastward_sea_water_velocity"
ocean = ds.mask.values == 1
assert np.allclose(ds.u.values[:, ocean], 0.3) and np.all(ds.u.values[:, ~ocean] == 0)
assert ocean.sum() == 48 * 32 - 120
PYEOF
then ok "xarray reads the currents file"; else bad "xarray reads the currents file"; fi
header=$(ncdump -h med.h5)
grep -q 'driftlab_content = "currents"' <<<"$header" && ok "ncdump shows it" || bad "ncdump shows it"

# Ctrl-C during an import: exit 130, no file under the final name, no partial file left.
$PY "$here/../importing/make_uniform.py" slow.nc 800 400 60
"$DRIFTLAB" import-currents slow.nc -o slow.h5 > int.log 2>&1 &
pid=$!
# Interrupt once the import reports its first fields (it is then reading and regridding).
for _ in $(seq 1 500); do grep -q "% currents" int.log 2> /dev/null && break; sleep 0.01; done
kill -INT $pid
wait $pid; rc=$?
if [[ $rc -eq 130 && ! -e slow.h5 ]] && ! ls -a | grep -q partial; then ok "Ctrl-C leaves no file (exit 130)"
else bad "Ctrl-C leaves no file: exit $rc, $(ls -a | tr '\n' ' '): $(tail -c 300 int.log)"; fi

# Bad input: a message, exit 1, no file.
expect "no velocity" 1 "no velocity found.*thetao" -- "$DRIFTLAB" import-currents fx/no_velocity.nc -o bad.h5
expect "one component" 1 "only one velocity component" -- "$DRIFTLAB" import-currents fx/one_component.nc -o bad.h5
expect "mismatched grids" 1 "mismatched grids" -- "$DRIFTLAB" import-currents fx/grid_a.nc fx/grid_b.nc -o bad.h5
expect "non-monotonic time" 1 "not increasing" -- "$DRIFTLAB" import-currents fx/non_monotonic.nc -o bad.h5
expect "all NaN" 1 "missing \(all NaN or fill\)" -- "$DRIFTLAB" import-currents fx/all_nan.nc -o bad.h5
expect "Zarr" 1 "to_netcdf" -- "$DRIFTLAB" import-currents fx/parcels_output.zarr -o bad.h5
expect "damaged file" 1 "truncated.nc: cannot open" -- "$DRIFTLAB" import-currents fx/truncated.nc -o bad.h5
expect "missing file" 1 "no such file" -- "$DRIFTLAB" import-currents fx/nothing.nc -o bad.h5
expect "unknown --u" 1 "--u speed: no such variable" -- "$DRIFTLAB" import-currents fx/cmems_med.nc -o bad.h5 --u speed --v vo
expect "--depth on s-levels" 1 "choose a level with --depth-level" -- "$DRIFTLAB" import-currents fx/roms_his.nc -o bad.h5 --depth 10
expect "empty time range" 1 "no time step in" -- "$DRIFTLAB" import-currents fx/cmems_med.nc -o bad.h5 --time-range 2030-01-01 2030-02-01
expect "a box without the grid" 1 "holds no point" -- "$DRIFTLAB" import-currents fx/cmems_med.nc -o bad.h5 --lon-range 20 21
expect "a range needs two values" 2 "needs two values" -- "$DRIFTLAB" import-currents fx/cmems_med.nc -o bad.h5 --lon-range 4
ls -a | grep -qE "bad.h5|partial" && bad "no bad file left" || ok "no bad file left"

# The whole way: generate on the imported currents, train a short epoch, evaluate.
expect "generate on imported currents" 0 "40 releases" -- "$DRIFTLAB" generate med_ds.h5 --currents med.h5 --releases 40 --particles 300 --days 3 --threads 2
expect "generate straight from NetCDF" 0 "20 releases" -- "$DRIFTLAB" generate roms_ds.h5 --currents fx/roms_his.nc --releases 20 --particles 100 --days 2 --threads 2
expect "the dataset remembers where its currents came from" 0 "import_u: uo" -- "$DRIFTLAB" info med_ds.h5
expect "too few days of currents" 2 "output days need at least" -- "$DRIFTLAB" generate x.h5 --currents med.h5 --days 8
expect "train one short epoch on it" 0 "finished 1 epochs" -- "$DRIFTLAB" train med_ds.h5 --out run --epochs 1 --width 4 --batch 8 --threads 2
expect "evaluate it" 0 "evaluated on [0-9]+ (test|val) pairs" -- "$DRIFTLAB" evaluate run med_ds.h5 --split val --threads 2

# Trajectories in.
expect "OpenDrift with --grid" 0 "OpenDrift: 200 particles in 2 releases, days 0..3" -- "$DRIFTLAB" import-trajectories fx/opendrift.nc -o od.h5 --grid med.h5
expect "OceanParcels" 0 "OceanParcels: 100 particles in 2 releases" -- "$DRIFTLAB" import-trajectories fx/parcels.nc -o pc.h5 --grid med.h5 --sigma 0.5
expect "without currents it says so" 0 "no --grid" -- "$DRIFTLAB" import-trajectories fx/opendrift.nc -o od_free.h5 --resolution 0.05
expect "UncertainDrift density maps" 0 "UncertainDrift maps: .* 2 releases" -- "$DRIFTLAB" import-trajectories fx/uncertaindrift_maps.nc -o ud.h5
expect "trajectories: info" 0 "import_kind: OpenDrift" -- "$DRIFTLAB" info od.h5
expect "trajectories: mean" 0 "maps" -- "$DRIFTLAB" mean od.h5 --no-cache
expect "trajectories: a currents file is not trajectories" 1 "no particle positions" -- "$DRIFTLAB" import-trajectories fx/cmems_med.nc -o bad.h5
expect "trajectories: --grid with --resolution" 2 "do not apply" -- "$DRIFTLAB" import-trajectories fx/opendrift.nc -o bad.h5 --grid med.h5 --resolution 0.1
expect "trajectories: a Zarr store" 1 "Zarr" -- "$DRIFTLAB" import-trajectories fx/parcels_output.zarr -o bad.h5
ls -a | grep -qE "bad.h5|partial" && bad "no bad file left (trajectories)" || ok "no bad file left (trajectories)"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
