#!/usr/bin/env bash
# The dataset file opens with the real tools people use: ncdump (netcdf-bin), xarray and h5py
# (Debian's python3 packages, /usr/bin/python3). Usage: DRIFTLAB=... interop_test.sh WORKDIR
set -euo pipefail
: "${DRIFTLAB:?set DRIFTLAB to the driftlab executable}"
work=${1:?work folder}
source "$(dirname "${BASH_SOURCE[0]}")/../support/isolated_home.sh" "$work"
rm -rf "$work" && mkdir -p "$work" && cd "$work"
"$DRIFTLAB" generate small.h5 --resolution 0.125 --releases 10 --particles 500 --days 3 --current-days 12 2>/dev/null

echo "--- ncdump -h"
ncdump -h small.h5 > header.txt
cat header.txt | head -40
for want in "lon = 64 ;" "lat = 32 ;" "time = 12 ;" "release = 10 ;" "day = 4 ;" \
            "float density(release, day, lat, lon) ;" "float u(time, lat, lon) ;" \
            "ubyte mask(lat, lon) ;" ":driftlab_format = \"driftlab-drift-dataset\" ;" \
            "time:units = \"days since 1970-01-01 00:00:00\" ;"; do
  grep -qF -- "$want" header.txt || { echo "FAIL: ncdump header lacks: $want"; exit 1; }
done
ncdump -v lat small.h5 > /dev/null

echo "--- xarray and h5py"
/usr/bin/python3 - <<'PY'
import h5py, numpy as np, xarray as xr
ds = xr.open_dataset("small.h5")
print(ds)
assert ds.density.dims == ("release", "day", "lat", "lon"), ds.density.dims
assert ds.u.dims == ("time", "lat", "lon")
assert ds.sizes["lon"] == 64 and ds.sizes["lat"] == 32
assert np.issubdtype(ds.time.dtype, np.datetime64), ds.time.dtype
assert str(ds.time.values[0])[:10] == "2021-01-01"
assert np.issubdtype(ds.release_time.dtype, np.datetime64)
assert abs(float(ds.lon[0]) - (2.0 + 0.0625)) < 1e-12
with h5py.File("small.h5", "r") as f:
    dens = f["density"][...]
    assert f.attrs["driftlab_format_version"] == 1
    np.testing.assert_array_equal(dens, ds.density.values)
    mass = f["mass"][...]
    # Every map sums to its recorded mass; day 0 holds all particles.
    np.testing.assert_allclose(dens.sum(axis=(2, 3)), mass, atol=2e-5)
    np.testing.assert_allclose(mass[:, 0], 1.0, atol=1e-6)
    # No mass on land.
    assert (dens[:, :, f["mask"][...] == 0] == 0).all()
    # Density is stored in compressed tiles, only where the cloud is.
    d = f["density"]
    assert d.chunks == (1, 1, 16, 16) and d.compression == "gzip", (d.chunks, d.compression)
    stored = d.id.get_num_chunks()
    assert stored < 10 * 4 * 4 * 2, stored
print("xarray and h5py agree;", stored, "of", 10 * 4 * 4 * 2, "tiles stored")
PY
echo "1 passed, 0 failed"
