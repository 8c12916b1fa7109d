#!/usr/bin/python3
"""A plain CF file of a uniform 0.1 m/s current (uo, vo on 1-D lon / lat at 1/24 degree, daily),
big enough that importing it takes a while: for the tests that interrupt or kill an import.
    make_uniform.py OUT.nc NX NY NT"""
import sys

import numpy as np
from netCDF4 import Dataset

out, nx, ny, nt = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
with Dataset(out, "w") as f:
    for d, n in (("time", nt), ("lat", ny), ("lon", nx)):
        f.createDimension(d, n)
    t = f.createVariable("time", "f8", ("time",))
    t.units = "days since 2020-01-01"
    t[:] = np.arange(nt)
    la = f.createVariable("lat", "f8", ("lat",))
    la.units = "degrees_north"
    la[:] = 30 + np.arange(ny) / 24
    lo = f.createVariable("lon", "f8", ("lon",))
    lo.units = "degrees_east"
    lo[:] = np.arange(nx) / 24
    for n in ("uo", "vo"):
        f.createVariable(n, "f4", ("time", "lat", "lon"))[:] = np.full((nt, ny, nx), 0.1, np.float32)
