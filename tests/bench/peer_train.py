#!/usr/bin/python3
"""PyTorch peer for DriftLab's training benchmarks: the same UNet step and the same epoch over a
dataset file, written the way a PyTorch user would write them, so DriftLab's LibTorch engine
has an honest figure to be compared with (same machine, same thread count, run alternately).

  step:  N timed training steps on fixed random inputs (forward, MAE over an ocean mask,
         backward, clip_grad_norm_(1.0), AdamW). Measures the compute of one step.
  epoch: one epoch over the training pairs of a DriftLab dataset (docs/dataset-format.md),
         a torch.utils.data Dataset reading the file with h5py behind a shuffled DataLoader,
         plus a separate pass that only iterates the DataLoader (the loader's own speed).

Each mode prints one line of JSON. Run with /usr/bin/python3 (Debian's python3-torch 1.13).
The seed's UNet is tests/model/learn/seed_unet.py.
"""
import argparse
import json
import os
import statistics
import sys
import time

import h5py
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "model", "learn"))
from seed_unet import UNet  # noqa: E402

LEARNING_RATE = 1e-3
CLIP_NORM = 1.0


def masked_mae(pred, target, mask):
    """Mean absolute error over ocean cells only (mask: [1,1,H,W] of 0/1, broadcast on batch):
    land cells carry no signal and must not dilute the loss."""
    return ((pred - target).abs() * mask).sum() / (mask.sum() * pred.shape[0])


def train_step(model, opt, x, y, mask):
    """One optimiser step as in DriftLab's engine: forward, masked MAE, backward, clip, AdamW."""
    opt.zero_grad(set_to_none=True)
    loss = masked_mae(model(x), y, mask)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP_NORM)
    opt.step()
    return loss


def run_step(args):
    """Time N steps on fixed random tensors (no data loading): the compute peer."""
    torch.manual_seed(args.seed)
    model = UNet(3, 1, width=args.width).train()
    opt = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE)
    x = torch.randn(args.batch, 3, args.height, args.width_px)
    y = torch.randn(args.batch, 1, args.height, args.width_px)
    # About the demo grid's ocean fraction (55 %); the mask's values do not change the cost.
    mask = (torch.rand(1, 1, args.height, args.width_px) > 0.45).float()
    for _ in range(args.warmup):  # oneDNN builds its primitives on the first calls
        train_step(model, opt, x, y, mask)
    times = []
    for _ in range(args.steps):
        start = time.perf_counter()
        train_step(model, opt, x, y, mask)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    return {"mode": "step", "median_s": median, "mean_s": statistics.fmean(times),
            "samples_per_s": args.batch / median,
            "width": args.width, "batch": args.batch, "height": args.height,
            "width_px": args.width_px, "threads": torch.get_num_threads(), "steps": args.steps}


class DriftPairs(Dataset):
    """Training pairs of a DriftLab dataset (docs/dataset-format.md, "Training pairs"):
    pair (r, d), d < output days, current day t = release_time[r] - time[0] + d (daily fields);
    input  = (u[t], v[t] normalised, density[r, d] * scale)         [3, ny, nx]
    target = density[r, d + 1] * scale                               [1, ny, nx]
    The training loop learns the residual target - input density (as DriftLab's default does).

    Choices, as an efficient user would make them (and as DriftLab's PairLoader does, so both
    sides do the same work):
    - --max-pairs N: a seeded random subset of the split's pairs, kept in file order.
    - u, v are normalised by the mean and std over ocean cells of the current days the pairs
      use, and land is set to 0 after normalisation (u, v are exactly 0 there in the file).
      Those days' normalised fields are read once here and kept in memory (a few MB for the
      demo: 2 x 365 x 64 x 128 float32 at most), shared copy-on-write by forked workers.
    - Density is scaled by 1 / (mean peak of up to 64 of the pairs' input maps), so a map's
      peak is about 1 whatever the grid resolution; the file stores fractions of the release.
    - Density is read per item from the file, one read of the slab density[r, d:d+2] for both
      the input and the target map (HDF5 decompresses each stored tile once; empty tiles are
      not stored and read as 0).
    - The h5py file for density is opened lazily in __getitem__, so each DataLoader worker
      opens its own: HDF5 handles must not be shared across a fork (Linux's workers are
      forked, not pickled), so a handle opened by another process id is replaced, and
      __getstate__ drops it for the spawn start method (h5py objects cannot be pickled).
    """

    def __init__(self, path, split=0, max_pairs=0, seed=1):
        self.path = path
        self._handles = None  # (pid, file, density), opened on first use in a process
        with h5py.File(path, "r") as f:
            if f.attrs.get("driftlab_format") not in ("driftlab-drift-dataset",
                                                      b"driftlab-drift-dataset"):
                raise ValueError(f"{path}: not a DriftLab dataset")
            release_time = f["release_time"][...].astype(np.int64)
            time0 = int(f["time"][0])
            n_time = f["time"].shape[0]
            output_days = f["density"].shape[1] - 1
            releases = np.flatnonzero(f["split"][...] == split)
            pairs = [(int(r), d) for r in releases for d in range(output_days)]
            if 0 < max_pairs < len(pairs):
                keep = np.random.default_rng(seed).choice(len(pairs), max_pairs, replace=False)
                pairs = [pairs[i] for i in np.sort(keep)]  # file order reads faster
            self.pairs = pairs
            self.day_of = [int(release_time[r]) - time0 + d for r, d in pairs]
            if pairs and (min(self.day_of) < 0 or max(self.day_of) >= n_time):
                raise ValueError(f"{path}: a release lies outside the current fields")

            mask = f["mask"][...]
            ocean = mask == 1
            self.mask = torch.from_numpy(mask.astype(np.float32))[None, None]
            days = sorted(set(self.day_of))
            u = f["u"][...][days]  # the whole variable in one read, then the days used
            v = f["v"][...][days]
            uo, vo = u[:, ocean].astype(np.float64), v[:, ocean].astype(np.float64)
            self.u_mean, self.u_std = float(uo.mean()), max(1e-6, float(uo.std()))
            self.v_mean, self.v_std = float(vo.mean()), max(1e-6, float(vo.std()))
            uv = np.stack([(u - self.u_mean) / self.u_std, (v - self.v_mean) / self.v_std], 1)
            uv *= ocean  # land = 0
            self.currents = uv.astype(np.float32)  # [days, 2, ny, nx]
            self.current_index = {k: i for i, k in enumerate(days)}

            samples = min(64, len(pairs))
            peaks = [float(f["density"][pairs[s * len(pairs) // samples]].max())
                     for s in range(samples)]
            mean_peak = sum(peaks) / samples if samples else 0.0
            self.density_scale = 1.0 / mean_peak if mean_peak > 0 else 1.0

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_handles"] = None  # reopen in each worker
        return state

    def __len__(self):
        return len(self.pairs)

    def __getitem__(self, i):
        if self._handles is None or self._handles[0] != os.getpid():
            f = h5py.File(self.path, "r")
            self._handles = (os.getpid(), f, f["density"])
        density = self._handles[2]
        r, d = self.pairs[i]
        slab = density[r, d:d + 2]  # both maps in one read
        slab *= self.density_scale
        x = np.concatenate([self.currents[self.current_index[self.day_of[i]]], slab[:1]])
        return torch.from_numpy(x), torch.from_numpy(slab[1:])


def make_loader(dataset, args, seed):
    """The DataLoader a user writes: shuffled, batch B, K workers (PyTorch defaults otherwise)."""
    gen = torch.Generator()
    gen.manual_seed(seed)
    return DataLoader(dataset, batch_size=args.batch, shuffle=True, num_workers=args.workers,
                      generator=gen)


def run_epoch(args):
    """Loader-only pass, then one training epoch (time includes worker start-up, as a user sees)."""
    torch.manual_seed(args.seed)
    dataset = DriftPairs(args.dataset, max_pairs=args.max_pairs, seed=args.seed)
    n = len(dataset)
    if n == 0:
        raise SystemExit(f"{args.dataset}: no training pairs")

    start = time.perf_counter()
    seen = 0
    for x, _ in make_loader(dataset, args, args.seed):
        seen += x.shape[0]
    loader_seconds = time.perf_counter() - start
    assert seen == n, (seen, n)

    model = UNet(3, 1, width=args.width).train()
    opt = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE)
    mask = dataset.mask
    start = time.perf_counter()
    total = 0.0
    for x, y in make_loader(dataset, args, args.seed + 1):
        residual = y - x[:, 2:3]  # the net predicts the day's change of density
        total += train_step(model, opt, x, residual, mask).item() * x.shape[0]
    seconds = time.perf_counter() - start
    return {"mode": "epoch", "seconds": seconds, "pairs": n, "samples_per_s": n / seconds,
            "loader_only_samples_per_s": n / loader_seconds,
            "mean_loss": total / n, "width": args.width, "batch": args.batch,
            "threads": torch.get_num_threads(), "workers": args.workers}


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True)

    def common(p):
        p.add_argument("--width", type=int, default=16, help="UNet width, 64 = the seed "
                                                             "(default %(default)s)")
        p.add_argument("--batch", type=int, default=16, help="batch size (default %(default)s)")
        p.add_argument("--threads", type=int, default=2,
                       help="torch.set_num_threads (default %(default)s)")
        p.add_argument("--seed", type=int, default=1, help="random seed (default %(default)s)")

    st = sub.add_parser("step", help="time training steps on random tensors")
    common(st)
    st.add_argument("--height", type=int, default=64, help="input height (default %(default)s)")
    st.add_argument("--width-px", type=int, default=128, help="input width (default %(default)s)")
    st.add_argument("--steps", type=int, default=20, help="timed steps (default %(default)s)")
    st.add_argument("--warmup", type=int, default=3, help="untimed steps (default %(default)s)")
    st.set_defaults(func=run_step)

    ep = sub.add_parser("epoch", help="one epoch over a dataset's training pairs")
    ep.add_argument("dataset", help="DriftLab dataset (.h5)")
    common(ep)
    ep.add_argument("--workers", type=int, default=0,
                    help="DataLoader num_workers (default %(default)s)")
    ep.add_argument("--max-pairs", type=int, default=0,
                    help="use a seeded random subset of N training pairs, 0 = all "
                         "(default %(default)s)")
    ep.set_defaults(func=run_epoch)

    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    print(json.dumps(args.func(args)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
