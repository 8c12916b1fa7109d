#!/usr/bin/python3
"""Checks a DriftLab import of a real producer's file against the source itself, computed here
independently of DriftLab's importer: the level nearest the surface, destaggered from the C-grid
faces to the rho / T points, rotated to east / north by the grid's own angle (ROMS `angle`, or
NEMO's from the T points' coordinates), and compared at the rho / T points with the import
interpolated there (bilinear, cells that are ocean only).

    compare_real.py roms IMPORT.h5 HIS.nc [GRID.nc]        (ROMS, CROCO)
    compare_real.py nemo IMPORT.h5 GRID_U.nc GRID_V.nc MESH_MASK.nc
        [--min-corr C] [--max-rms-ratio R] [--max-direction-deg D]

Prints the correlation (u and v together), the rms difference, the rms speed and the median
direction error, for the import and for the same source left unrotated (what a missed rotation
would give); exits 1 when the import is outside the bounds."""
import argparse
import sys

import numpy as np
from netCDF4 import Dataset

ap = argparse.ArgumentParser()
ap.add_argument("kind", choices=["roms", "nemo"])
ap.add_argument("imported")
ap.add_argument("files", nargs="+")
ap.add_argument("--min-corr", type=float, default=0.95)
ap.add_argument("--max-rms-ratio", type=float, default=0.35)
ap.add_argument("--max-direction-deg", type=float, default=10.0)
ap.add_argument("--step", type=int, default=-1, help="source time step (default the last: CROCO's "
                "first is its initial state at rest)")
a = ap.parse_args()


def var(name, files):
    for f in files:
        if name in f.variables:
            v = f.variables[name]
            v.set_auto_mask(False)
            return v
    raise KeyError(name)


def to_centres(x, shape, axis):
    """Face values to the centres between them (one fewer face than centres, or as many with the
    face east / north of its centre); NaN where a centre lacks a face on either side."""
    out = np.full(shape, np.nan)
    n = shape[axis]
    if x.shape[axis] == n - 1:
        mid = 0.5 * (np.take(x, range(0, n - 2), axis) + np.take(x, range(1, n - 1), axis))
        idx = slice(1, n - 1)
    else:
        mid = 0.5 * (np.take(x, range(0, n - 1), axis) + np.take(x, range(1, n), axis))
        idx = slice(1, n)
    if axis == 1:
        out[:, idx] = mid
    else:
        out[idx, :] = mid
    return out


files = [Dataset(p) for p in a.files]
if a.kind == "roms":
    u = var("u", files)
    v = var("v", files)
    s = var("s_rho", files)[:]
    k = int(np.argmax(s))  # positive up: the level nearest the surface
    lon = var("lon_rho", files)[:].astype(float)
    lat = var("lat_rho", files)[:].astype(float)
    angle = var("angle", files)[:].astype(float)
    mask = var("mask_rho", files)[:].astype(float)
    umask = var("mask_u", files)[:].astype(float) if any("mask_u" in f.variables and f.variables["mask_u"].shape == u.shape[2:] for f in files) else None
    vmask = var("mask_v", files)[:].astype(float) if any("mask_v" in f.variables and f.variables["mask_v"].shape == v.shape[2:] for f in files) else None
    tv = "ocean_time" if "ocean_time" in files[0].variables else "time"
    t = var(tv, files)[:].astype(float)
    step = a.step % len(t)
    uf = u[step, k].astype(float)
    vf = v[step, k].astype(float)
else:
    u = var("uoce", files) if any("uoce" in f.variables for f in files) else var("vozocrtx", files)
    v = var("voce", files) if any("voce" in f.variables for f in files) else var("vomecrty", files)
    lon = np.squeeze(var("glamt", files)[:]).astype(float)
    lat = np.squeeze(var("gphit", files)[:]).astype(float)
    mask = np.squeeze(var("tmask", files)[:])[0].astype(float)
    umask = np.squeeze(var("umask", files)[:])[0].astype(float)
    vmask = np.squeeze(var("vmask", files)[:])[0].astype(float)
    t = var("time_counter", files)[:].astype(float)
    step = a.step % len(t)
    uf = u[step, 0].astype(float)
    vf = v[step, 0].astype(float)
    # The grid's own angle: the T points' i direction, centred differences.
    dlon = np.gradient(lon, axis=1) * np.cos(np.radians(lat))
    dlat = np.gradient(lat, axis=1)
    angle = np.arctan2(dlat, dlon)
if umask is not None:
    uf = np.where(umask > 0, uf, np.nan)
if vmask is not None:
    vf = np.where(vmask > 0, vf, np.nan)
ur = to_centres(uf, lon.shape, 1)
vr = to_centres(vf, lon.shape, 0)
east = ur * np.cos(angle) - vr * np.sin(angle)
north = ur * np.sin(angle) + vr * np.cos(angle)
ok_src = (mask > 0) & np.isfinite(east) & np.isfinite(north)

imp = Dataset(a.imported)
imp.set_auto_mask(False)
ilon = imp.variables["lon"][:].astype(float)
ilat = imp.variables["lat"][:].astype(float)
# The import's daily field of that step: whole days after the first step (both in seconds).
field = int(round((t[step] - t[0]) / 86400.0))
iu = imp.variables["u"][field].astype(float)
iv = imp.variables["v"][field].astype(float)
imask = imp.variables["mask"][:].astype(float)


def sample(field, x, y):
    fx = np.interp(x, ilon, np.arange(len(ilon)), left=np.nan, right=np.nan)
    fy = np.interp(y, ilat, np.arange(len(ilat)), left=np.nan, right=np.nan)
    out = np.full(x.shape, np.nan)
    good = np.isfinite(fx) & np.isfinite(fy)
    i0 = np.clip(np.floor(fx[good]).astype(int), 0, len(ilon) - 2)
    j0 = np.clip(np.floor(fy[good]).astype(int), 0, len(ilat) - 2)
    tx, ty = fx[good] - i0, fy[good] - j0
    wet = (imask[j0, i0] * imask[j0, i0 + 1] * imask[j0 + 1, i0] * imask[j0 + 1, i0 + 1]) > 0
    val = ((1 - tx) * (1 - ty) * field[j0, i0] + tx * (1 - ty) * field[j0, i0 + 1] +
           (1 - tx) * ty * field[j0 + 1, i0] + tx * ty * field[j0 + 1, i0 + 1])
    out[good] = np.where(wet, val, np.nan)
    return out


pu = sample(iu, lon, lat)
pv = sample(iv, lon, lat)
sel = ok_src & np.isfinite(pu) & np.isfinite(pv)
n = int(sel.sum())
print("debug", int(ok_src.sum()), int(np.isfinite(pu).sum()), int(np.isfinite(ur).sum()), int(np.isfinite(vr).sum()), int((mask>0).sum())) if n < 20 else None
if n < 20:
    print("FAIL only %d points to compare" % n)
    sys.exit(1)


def scores(e, nn):
    ref = np.concatenate([e[sel], nn[sel]])
    got = np.concatenate([pu[sel], pv[sel]])
    corr = np.corrcoef(ref, got)[0, 1]
    rms = np.sqrt(np.mean((ref - got) ** 2))
    speed = np.sqrt(np.mean(e[sel] ** 2 + nn[sel] ** 2))
    fast = sel & (np.hypot(e, nn) > 0.02) & (np.hypot(pu, pv) > 0.02)
    d = np.degrees(np.angle(np.exp(1j * (np.arctan2(pv[fast], pu[fast]) -
                                         np.arctan2(nn[fast], e[fast])))))
    return corr, rms, speed, float(np.median(np.abs(d))) if d.size else float("nan")


corr, rms, speed, ddir = scores(east, north)
c0, r0, _, d0 = scores(ur, vr)  # the source unrotated
print("step %d (field %d)  points %d  corr %.3f  rms diff %.4f m/s  rms speed %.4f m/s (ratio %.2f)  "
      "median direction error %.1f deg" % (step, field, n, corr, rms, speed, rms / speed, ddir))
print("unrotated source for comparison: corr %.3f  rms diff %.4f  median direction error %.1f deg"
      % (c0, r0, d0))
fails = []
if not corr >= a.min_corr:
    fails.append("corr %.3f < %.3f" % (corr, a.min_corr))
if not rms / speed <= a.max_rms_ratio:
    fails.append("rms ratio %.2f > %.2f" % (rms / speed, a.max_rms_ratio))
if not ddir <= a.max_direction_deg:
    fails.append("direction error %.1f > %.1f deg" % (ddir, a.max_direction_deg))
if fails:
    print("FAIL " + "; ".join(fails))
    sys.exit(1)
print("ok")
