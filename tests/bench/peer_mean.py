#!/usr/bin/python3
"""Peer for `driftlab mean`: the mean density map the usual way in Python, h5py + NumPy,
streaming the maps one at a time (memory stays at a map, like DriftLab):
    for r in releases: for d in days: acc += density[r, d]
Prints one line: maps, seconds (the loop only, not Python's start or the imports), and MB/s
of the stored density chunks and of the whole file. With a .npy from `driftlab mean --npy`,
also checks that both means agree to 1e-6 (relative, per cell).
Usage: /usr/bin/python3 peer_mean.py DATASET.h5 [MEAN.npy]"""
import os
import sys
import time

import h5py
import numpy as np

path = sys.argv[1]
with h5py.File(path, "r") as f:
    density = f["density"]  # bound once: the loop measures reading, not name lookups
    releases, days = density.shape[:2]
    stored = density.id.get_storage_size()  # bytes of the stored (compressed) chunks
    start = time.perf_counter()
    acc = np.zeros(density.shape[2:], np.float64)
    for r in range(releases):
        for d in range(days):
            acc += density[r, d]
    seconds = time.perf_counter() - start
acc /= releases * days
size = os.path.getsize(path)
print(f"h5py+numpy: {releases * days} maps in {seconds:.3f} s, "
      f"{stored / seconds / 1e6:.1f} MB/s of stored chunks ({stored} bytes), "
      f"{size / seconds / 1e6:.1f} MB/s of file ({size} bytes)")
if len(sys.argv) > 2:
    mean = np.load(sys.argv[2])
    assert mean.shape == acc.shape, (mean.shape, acc.shape)
    worst = np.max(np.abs(mean - acc) / np.maximum(np.abs(acc), 1e-300))
    assert worst <= 1e-6, worst
    print(f"h5py+numpy: same mean as driftlab (worst relative difference {worst:.1e})")
