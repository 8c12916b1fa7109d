#!/usr/bin/env bash
# Remakes DriftLab's coastline resources from the real GSHHG shoreline with GMT.
# Needs: scripts/install-deps.sh --dev (gmt, gmt-gshhg-full) and Debian's /usr/bin/python3 (h5py, numpy).
# DriftLab itself never runs GMT: the outputs are committed under resources/coast/.
#
#   nwmed_land_128.pbm  land mask, 1/128 degree, cell-registered, 2-10 E x 41-45 N,
#                       1024 x 512 cells, row 0 = northernmost, PBM (1 = land, 0 = ocean)
#   nwmed_coastline.txt shoreline polylines (GSHHG high resolution), "> segment" headers,
#                       then "lon lat" lines
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/resources/coast"
region=2/10/41/45
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# -Df full-resolution shoreline, -r pixel (cell) registration, -N ocean/land/lake/island/pond:
# ocean=0 and everything else 1 (lakes count as land: the drift is marine).
gmt grdlandmask -R$region -I0.0078125 -r -Df -N0/1/1/1/1 -G"$tmp/land.nc"
/usr/bin/python3 - "$tmp/land.nc" "$out/nwmed_land_128.pbm" <<'PY'
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    z = np.asarray(f["z"][...])
    lat = np.asarray(f["lat"][...])
if lat[0] < lat[-1]:
    z = z[::-1]            # PBM row 0 is the north edge
land = (z > 0.5).astype(np.uint8)
rows, cols = land.shape
assert (rows, cols) == (512, 1024), land.shape
packed = np.packbits(land, axis=1)
with open(sys.argv[2], "wb") as o:
    o.write(b"P4\n# DriftLab land mask from GSHHG (LGPL) via GMT grdlandmask -Df; "
            b"lon 2..10 E, lat 41..45 N, 1/128 deg cells, row 0 north, 1=land\n")
    o.write(f"{cols} {rows}\n".encode())
    o.write(packed.tobytes())
print(f"land mask {cols}x{rows}, ocean fraction {1 - land.mean():.3f}")
PY
gmt coast -R$region -Dh -W -M -A5 > "$tmp/coast.txt" 2>/dev/null || gmt pscoast -R$region -Dh -W -M -A5 > "$tmp/coast.txt"
{
  echo "# DriftLab coastline: GSHHG high-resolution shoreline (LGPL) via GMT coast -Dh -A5, lon lat"
  grep -v '^#' "$tmp/coast.txt"
} > "$out/nwmed_coastline.txt"
echo "coastline: $(grep -c '^>' "$out/nwmed_coastline.txt") segments, $(grep -vc '^[#>]' "$out/nwmed_coastline.txt") points"
