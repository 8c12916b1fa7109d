#!/usr/bin/env bash
# Forecast files (driftlab release / rollout / predict) and VTK images (driftlab export-vti)
# open with the real tools: ncdump (netcdf-bin), xarray, h5py and Python's vtk (Debian's
# python3 packages, /usr/bin/python3), and hold what the dataset holds.
# Usage: DRIFTLAB=... forecast_test.sh WORKDIR
set -euo pipefail
: "${DRIFTLAB:?set DRIFTLAB to the driftlab executable}"
work=${1:?work folder}
source "$(dirname "${BASH_SOURCE[0]}")/../support/isolated_home.sh" "$work"
rm -rf "$work" && mkdir -p "$work" && cd "$work"
PY=/usr/bin/python3
"$DRIFTLAB" generate small.h5 --resolution 0.125 --releases 20 --particles 500 --days 3 --current-days 12 --threads 2 2>/dev/null
"$DRIFTLAB" train small.h5 --out run --epochs 1 --width 4 --batch 8 --threads 2 > /dev/null 2>&1

echo "--- forecasts"
"$DRIFTLAB" rollout run small.h5 --split test -o rollout.h5 --threads 2 2>/dev/null
"$DRIFTLAB" predict run small.h5 --split test -o onestep.h5 --threads 2 2>/dev/null
# An ocean cell centre for the new release.
read -r lon lat < <($PY -c "
import h5py, numpy as np
f = h5py.File('small.h5', 'r'); m = f['mask'][...]
j, i = np.argwhere(m == 1)[len(np.argwhere(m == 1)) // 2]
print(f['lon'][i], f['lat'][j])")
"$DRIFTLAB" release small.h5 --lon "$lon" --lat "$lat" --day 4 --radius 12 --particles 800 --model run -o release.h5 --threads 2
"$DRIFTLAB" release small.h5 --lon "$lon" --lat "$lat" --day 4 --radius 12 --particles 800 -o plain.h5 > /dev/null

echo "--- ncdump -h"
ncdump -h rollout.h5 > header.txt
head -50 header.txt
for want in "lon = 64 ;" "lat = 32 ;" "day = 4 ;" "release = UNLIMITED ;" \
            "float density(release, day, lat, lon) ;" "float prediction(release, day, lat, lon) ;" \
            "float advection(release, day, lat, lon) ;" \
            "float mass(release, day) ;" "int release_time(release) ;" "int source_release(release) ;" \
            "ubyte mask(lat, lon) ;" ":driftlab_format = \"driftlab-forecast\" ;" \
            ":forecast_kind = \"rollout\" ;" "release_time:units = \"days since 1970-01-01 00:00:00\" ;"; do
  grep -qF -- "$want" header.txt || { echo "FAIL: ncdump header lacks: $want"; exit 1; }
done
ncdump -h plain.h5 | grep -q "float prediction" && { echo "FAIL: a forecast without a model has a prediction"; exit 1; }
ncdump -v release_lon release.h5 > /dev/null

echo "--- xarray and h5py"
$PY - "$lon" "$lat" <<'PY'
import sys
import h5py, numpy as np, xarray as xr
lon, lat = float(sys.argv[1]), float(sys.argv[2])
src = h5py.File("small.h5", "r")
test = np.flatnonzero(src["split"][...] == 2)
assert len(test) > 0
ro, os_ = h5py.File("rollout.h5", "r"), h5py.File("onestep.h5", "r")
for f, kind in ((ro, "rollout"), (os_, "one-step")):
    assert f.attrs["driftlab_format"] == b"driftlab-forecast" or f.attrs["driftlab_format"] == "driftlab-forecast"
    assert f.attrs["driftlab_format_version"] == 1
    k = f.attrs["forecast_kind"]; k = k.decode() if isinstance(k, bytes) else k
    assert k == kind, k
    s = f.attrs["source_dataset"]; s = s.decode() if isinstance(s, bytes) else s
    assert s.endswith("/small.h5"), s
    assert "width 4" in (f.attrs["forecast_model"].decode() if isinstance(f.attrs["forecast_model"], bytes) else f.attrs["forecast_model"])
    assert f["density"].shape == (len(test), 4, 32, 64), f["density"].shape
    assert f["prediction"].shape == f["density"].shape
    assert f["density"].dtype == np.float32 and f["density"].compression == "gzip"
    # The simulated maps, mass and table are the dataset's own.
    np.testing.assert_array_equal(f["density"][...], src["density"][test])
    np.testing.assert_array_equal(f["mass"][...], src["mass"][test])
    np.testing.assert_array_equal(f["source_release"][...], test)
    for name in ("release_time", "release_lon", "release_lat", "release_radius_km", "release_particles", "split"):
        np.testing.assert_array_equal(f[name][...], src[name][test], err_msg=name)
    np.testing.assert_array_equal(f["mask"][...], src["mask"][...])
    np.testing.assert_array_equal(f["lon"][...], src["lon"][...])
    p = f["prediction"][...]
    # Day 0 is the initial state; predictions are densities: >= 0, nothing on land.
    np.testing.assert_array_equal(p[:, 0], f["density"][:, 0])
    assert (p >= 0).all() and (p[:, :, src["mask"][...] == 0] == 0).all()
    np.testing.assert_allclose(f["prediction_mass"][...], p.sum(axis=(2, 3)), rtol=1e-5, atol=1e-6)
    assert f.attrs["simulation_dt_hours"] == 6.0
    # The numerical-advection baseline's forecast beside the model's: day 0 the simulated map,
    # densities that keep the mass on the ocean (nothing on land, never negative).
    a = f["advection"][...]
    assert a.shape == f["density"].shape
    np.testing.assert_array_equal(a[:, 0], f["density"][:, 0])
    assert (a >= 0).all() and (a[:, :, src["mask"][...] == 0] == 0).all()
    assert (a.sum(axis=(2, 3)) <= a[:, :1].sum(axis=(2, 3)) + 1e-5).all()
# Day 1 of the advection is the same in both: one step from the simulated day 0.
np.testing.assert_allclose(ro["advection"][:, 1], os_["advection"][:, 1], atol=1e-7)
# Day 1 of a rollout and of one-step predictions are the same: both from the simulated day 0.
np.testing.assert_allclose(ro["prediction"][:, 1], os_["prediction"][:, 1], atol=1e-7)
# Later days differ: the rollout is fed its own output.
assert np.abs(ro["prediction"][:, 3] - os_["prediction"][:, 3]).max() > 0

ds = xr.open_dataset("rollout.h5")
assert ds.density.dims == ("release", "day", "lat", "lon"), ds.density.dims
assert np.issubdtype(ds.release_time.dtype, np.datetime64), ds.release_time.dtype
assert ds.sizes["release"] == len(test)

rel, plain = h5py.File("release.h5", "r"), h5py.File("plain.h5", "r")
k = rel.attrs["forecast_kind"]; k = k.decode() if isinstance(k, bytes) else k
assert k == "release"
assert rel["density"].shape == (1, 4, 32, 64) and "prediction" in rel and "prediction" not in plain
assert abs(rel["release_lon"][0] - lon) < 1e-9 and abs(rel["release_lat"][0] - lat) < 1e-9
assert rel["source_release"][0] == -1 and rel["release_radius_km"][0] == 12.0
assert 0 < rel["release_particles"][0] <= 800
t0 = int(src["time"][0]); assert rel["release_time"][0] == t0 + 4
# Same release, same seed: the same simulated maps with or without a model.
np.testing.assert_array_equal(rel["density"][...], plain["density"][...])
np.testing.assert_allclose(rel["density"][0].sum(axis=(1, 2)), rel["mass"][0], atol=2e-5)
assert abs(rel["mass"][0, 0] - 1.0) < 1e-6
np.testing.assert_array_equal(rel["prediction"][0, 0], rel["density"][0, 0])
assert "advection" in rel and "advection" not in plain
np.testing.assert_array_equal(rel["advection"][0, 0], rel["density"][0, 0])
print("forecast files agree with the dataset:", len(test), "test releases")
PY

echo "--- VTK image"
"$DRIFTLAB" export-vti small.h5 --release 3 --day 1 --model run -o view.vti
"$DRIFTLAB" export-vti small.h5 --release 3 --day 3 -o last.vti
head -c 400 view.vti; echo
grep -q 'format="appended"' view.vti && grep -q 'compressor="vtkZLibDataCompressor"' view.vti \
  || { echo "FAIL: not appended zlib-compressed data"; exit 1; }
$PY <<'PY'
import h5py, numpy as np
from vtkmodules.vtkIOXML import vtkXMLImageDataReader
from vtkmodules.util.numpy_support import vtk_to_numpy
src = h5py.File("small.h5", "r")
def read(path):
    r = vtkXMLImageDataReader(); r.SetFileName(path); r.Update()
    return r.GetOutput()
img = read("view.vti")
assert img.GetDimensions() == (64, 32, 1), img.GetDimensions()
assert abs(img.GetOrigin()[0] - src["lon"][0]) < 1e-9 and abs(img.GetOrigin()[1] - src["lat"][0]) < 1e-9
assert abs(img.GetSpacing()[0] - 0.125) < 1e-12 and abs(img.GetSpacing()[1] - 0.125) < 1e-12
pd = img.GetPointData()
names = [pd.GetArrayName(k) for k in range(pd.GetNumberOfArrays())]
assert names == ["u", "v", "speed", "vorticity", "ocean_mask", "density", "density_next", "prediction", "difference"], names
a = {n: vtk_to_numpy(pd.GetArray(n)).reshape(32, 64) for n in names}
mask = src["mask"][...]
day = int(src["release_time"][3]) - int(src["time"][0]) + 1
np.testing.assert_array_equal(a["density"], src["density"][3, 1])
np.testing.assert_array_equal(a["density_next"], src["density"][3, 2])
np.testing.assert_array_equal(a["u"][mask == 1], src["u"][day][mask == 1])
assert np.isnan(a["u"][mask == 0]).all() and np.isnan(a["vorticity"][mask == 0]).all()
np.testing.assert_array_equal(a["ocean_mask"], mask)
np.testing.assert_allclose(a["speed"][mask == 1], np.hypot(src["u"][day], src["v"][day])[mask == 1], rtol=1e-6)
np.testing.assert_allclose(a["difference"], a["prediction"] - a["density_next"], atol=1e-9)
assert (a["prediction"] >= 0).all() and a["prediction"].sum() > 0.1
last = read("last.vti").GetPointData()
lnames = [last.GetArrayName(k) for k in range(last.GetNumberOfArrays())]
assert lnames == ["u", "v", "speed", "vorticity", "ocean_mask", "density"], lnames
print("VTK image: 64 x 32 points,", len(names), "arrays, values as in the dataset")
PY
echo "1 passed, 0 failed"
