#!/usr/bin/python3
"""Python half of the UNet weight-interop test between DriftLab (LibTorch) and PyTorch 1.13.

DriftLab must exchange weights with what PyTorch users have, so a ctest script runs both halves:

  check-export WEIGHTS.pt INPUT.pt OUTPUT.pt --width W
      C++ -> Python. DriftLab wrote WEIGHTS.pt (a plain dict of named parameters and buffers,
      torch::pickle_save), INPUT.pt and OUTPUT.pt (tensors, torch::pickle_save; OUTPUT is its
      eval-mode forward of INPUT). Load the weights strictly into the seed's UNet, run INPUT in
      eval mode, and compare: exit 0 if max |diff| < 1e-5, else 1.

  make-import OUT_DIR --width W --seed S
      Python -> C++. Write what users usually have: weights_ordered.pt = torch.save(
      model.state_dict()) (an OrderedDict), weights_plain.pt = torch.save(dict(state_dict)),
      input.pt and output.pt (eval-mode forward). A few training steps first, so BatchNorm's
      running statistics and num_batches_tracked are not the defaults a bug could hide behind.
      The C++ side loads and compares.

Run with /usr/bin/python3 (Debian's python3-torch).
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "model", "learn"))
from seed_unet import UNet  # noqa: E402

TOLERANCE = 1e-5


def check_export(args):
    """Load C++-written weights strictly and compare the forward pass with C++'s output."""
    weights = torch.load(args.weights, map_location="cpu")
    if not isinstance(weights, dict):
        print(f"check-export: {args.weights} holds a {type(weights).__name__}, not a dict of "
              f"tensors", file=sys.stderr)
        return 1
    model = UNet(3, 1, width=args.width)
    try:
        model.load_state_dict(weights, strict=True)
    except RuntimeError as e:
        lines = str(e).splitlines()  # one line per tensor: a wrong width would print 100 lines
        more = f"\n\t... and {len(lines) - 6} more" if len(lines) > 6 else ""
        print(f"check-export: {args.weights} does not load into UNet(3, 1, width={args.width}) "
              f"with strict=True:\n" + "\n".join(lines[:6]) + more, file=sys.stderr)
        return 1
    model.eval()
    x = torch.load(args.input, map_location="cpu")
    want = torch.load(args.output, map_location="cpu")
    with torch.no_grad():
        got = model(x)
    if got.shape != want.shape:
        print(f"check-export: output shape {tuple(got.shape)} from PyTorch, "
              f"{tuple(want.shape)} from DriftLab", file=sys.stderr)
        return 1
    diff = (got - want).abs().max().item()
    print(f"check-export: {len(weights)} tensors loaded (strict), input {tuple(x.shape)}, "
          f"max abs diff {diff:.3e}")
    if not diff < TOLERANCE:  # also catches NaN
        print(f"check-export: FAIL: PyTorch and DriftLab outputs differ by {diff:.3e} "
              f"(tolerance {TOLERANCE:g})", file=sys.stderr)
        return 1
    return 0


def make_import(args):
    """Write a trained-a-little UNet's weights (OrderedDict and plain dict), an input and the
    eval-mode output, all with torch.save (zip format, PyTorch's default since 1.6)."""
    torch.manual_seed(args.seed)
    model = UNet(3, 1, width=args.width)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    model.train()
    for _ in range(args.train_steps):
        x = torch.randn(4, 3, args.height, args.width_px)
        y = torch.randn(4, 1, args.height, args.width_px)
        loss = (model(x) - y).abs().mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    x = torch.randn(2, 3, args.height, args.width_px)
    with torch.no_grad():
        y = model(x)
    os.makedirs(args.out_dir, exist_ok=True)
    sd = model.state_dict()
    torch.save(sd, os.path.join(args.out_dir, "weights_ordered.pt"))
    torch.save(dict(sd), os.path.join(args.out_dir, "weights_plain.pt"))
    torch.save(x, os.path.join(args.out_dir, "input.pt"))
    torch.save(y, os.path.join(args.out_dir, "output.pt"))
    nbt = int(sd["inc.double_conv.1.num_batches_tracked"])
    print(f"make-import: width {args.width}, {len(sd)} tensors, num_batches_tracked {nbt}, "
          f"input {tuple(x.shape)}, written to {args.out_dir}")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)

    ce = sub.add_parser("check-export", help="C++ -> Python: load DriftLab's weights, compare")
    ce.add_argument("weights", help="plain dict of tensors from torch::pickle_save")
    ce.add_argument("input", help="input tensor [N,3,H,W] from torch::pickle_save")
    ce.add_argument("output", help="DriftLab's eval-mode output [N,1,H,W]")
    ce.add_argument("--width", type=int, default=64, help="UNet width (default %(default)s)")
    ce.set_defaults(func=check_export)

    mi = sub.add_parser("make-import", help="Python -> C++: write weights, input and output")
    mi.add_argument("out_dir", help="folder for weights_ordered.pt, weights_plain.pt, "
                                    "input.pt, output.pt")
    mi.add_argument("--width", type=int, default=64, help="UNet width (default %(default)s)")
    mi.add_argument("--seed", type=int, default=1, help="torch.manual_seed (default %(default)s)")
    mi.add_argument("--height", type=int, default=48, help="input height (default %(default)s)")
    mi.add_argument("--width-px", type=int, default=80, help="input width (default %(default)s)")
    mi.add_argument("--train-steps", type=int, default=3,
                    help="training steps before eval, so BatchNorm stats move "
                         "(default %(default)s)")
    mi.set_defaults(func=make_import)

    args = ap.parse_args()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
