#!/usr/bin/env bash
# A year of real-size currents, as CMEMS delivers them (one file a day): 365 daily NetCDF-4
# files of a MEDSEA-sized grid (1016 x 380 points at 1/24 deg, float32 uo/vo with a 1e20 fill on
# land, deflate level 1), written by a script; then `import-currents` on all of them, `generate
# --currents` on the result and `mean` of that dataset, each timed with its peak memory
# (/usr/bin/time -v). A benchmark, not a test: figures go in docs/importing.md.
# Usage: tests/bench/import_year_benchmark.sh [BUILD_DIR] [WORKDIR]   (DAYS, default 365)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build/dev}" && pwd)
driftlab=$build/app/driftlab
work=${2:-$(mktemp -d -t driftlab-year.XXXXXX)}
days=${DAYS:-365}
mkdir -p "$work/in" && cd "$work"
echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); work folder $work"
if [[ ! -f in/done ]]; then
  echo "== writing $days daily files"
  start=$SECONDS
  /usr/bin/python3 - "$days" <<'PY'
import sys
import numpy as np
from netCDF4 import Dataset
days = int(sys.argv[1])
lon = -5.5 + np.arange(1016) / 24.0
lat = 30.2 + np.arange(380) / 24.0
LO, LA = np.meshgrid(lon, lat)
# Land: a northern coast, an African one, and islands (about a third of the points).
land = (LA > 44.0 + 1.5 * np.sin(np.radians(LO * 9))) | (LA < 31.5 + 1.2 * np.cos(np.radians(LO * 7)))
for cx, cy, r in ((9.0, 40.0, 1.0), (14.0, 37.5, 0.8), (24.5, 35.2, 0.6), (33.0, 35.0, 0.5)):
    land |= (LO - cx) ** 2 + (LA - cy) ** 2 < r * r
for d in range(days):
    t = 2 * np.pi * d / 365.0
    # Gyres that drift and breathe with the season.
    psi = np.sin(np.radians((LO + 3 * np.sin(t)) * 12)) * np.sin(np.radians((LA - 30) * 24))
    u = (0.25 + 0.1 * np.cos(t)) * np.cos(np.radians((LA - 30) * 24)) * np.sin(np.radians(LO * 12))
    v = -(0.25 + 0.1 * np.cos(t)) * np.cos(np.radians((LO + 3 * np.sin(t)) * 12)) * psi
    with Dataset("in/MED_%03d.nc" % d, "w", format="NETCDF4") as f:
        f.createDimension("time", None)
        f.createDimension("depth", 1)
        f.createDimension("lat", lat.size)
        f.createDimension("lon", lon.size)
        tv = f.createVariable("time", "f8", ("time",))
        tv.units = "days since 1970-01-01 00:00:00"
        tv.standard_name = "time"
        tv[:] = [18628.5 + d]  # 2021-01-01 12:00, daily means
        dv = f.createVariable("depth", "f4", ("depth",))
        dv.units = "m"
        dv.positive = "down"
        dv[:] = [1.0182]
        for name, units, vals, sn in (("lat", "degrees_north", lat, "latitude"),
                                      ("lon", "degrees_east", lon, "longitude")):
            c = f.createVariable(name, "f4", (name,))
            c.units = units
            c.standard_name = sn
            c[:] = vals
        for name, sn, field in (("uo", "eastward_sea_water_velocity", u),
                                ("vo", "northward_sea_water_velocity", v)):
            x = f.createVariable(name, "f4", ("time", "depth", "lat", "lon"), zlib=True,
                                 complevel=1, fill_value=np.float32(1e20))
            x.standard_name = sn
            x.units = "m s-1"
            x[0, 0] = np.where(land, np.float32(1e20), field.astype(np.float32))
PY
  touch in/done
  echo "   $((SECONDS - start)) s, $(du -sh in | cut -f1)"
fi
timed() {  # NAME command...: wall time and peak memory
  local name=$1; shift
  /usr/bin/time -v "$@" > "$name.out" 2> "$name.err" || { echo "FAIL $name"; tail -5 "$name.err"; exit 1; }
  printf "%-40s %8s s  %8s MB\n" "$name" \
    "$(grep 'Elapsed (wall' "$name.err" | awk -F': ' '{print $2}')" \
    "$(( $(grep 'Maximum resident' "$name.err" | awk -F': ' '{print $2}') / 1024 ))"
}
rm -f year.h5 year_ds.h5
echo "== timing (wall clock h:mm:ss or m:ss, peak resident memory)"
timed "import-currents, $days files" "$driftlab" import-currents in/MED_*.nc -o year.h5
timed "generate --currents (200 releases x 1000)" "$driftlab" generate year_ds.h5 --currents year.h5 --releases 200 --particles 1000 --days 10 --threads "$(nproc)"
timed "mean (no cache)" "$driftlab" mean year_ds.h5 --no-cache --npy year_mean.npy
ls -la year.h5 year_ds.h5 | awk '{printf "   %s %.0f MB\n", $9, $5 / 1048576}'
grep -E "daily fields|releases" import-currents*.out generate*.out 2> /dev/null | head -3 || true
