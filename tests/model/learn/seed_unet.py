#!/usr/bin/python3
"""The seed's UNet (../shared/seed/000_*.txt), written out in plain PyTorch.

The seed imports DoubleConv, Down, Up and OutConv from milesial's Pytorch-UNet (unet_parts.py);
they are reproduced here with the same attribute names (`double_conv`, `maxpool_conv`, `up`,
`conv`) so that state-dict keys match what a PyTorch user's checkpoint holds, and so DriftLab's
C++ UNet can be checked against this one key for key and number for number.

`width` scales every channel count (64 = the seed: 64, 128, 256, 512, 1024//2) so tests and
benchmarks can use small nets with the same structure.

Self-check: /usr/bin/python3 seed_unet.py --check
"""
import argparse
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


class DoubleConv(nn.Module):
    """(conv 3x3 without bias => BatchNorm => ReLU) * 2; BatchNorm makes the conv bias redundant."""

    def __init__(self, in_channels, out_channels, mid_channels=None):
        super().__init__()
        if not mid_channels:
            mid_channels = out_channels
        self.double_conv = nn.Sequential(
            nn.Conv2d(in_channels, mid_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(mid_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(mid_channels, out_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(inplace=True),
        )

    def forward(self, x):
        return self.double_conv(x)


class Down(nn.Module):
    """Downscaling with maxpool then DoubleConv (the pool takes index 0 of `maxpool_conv`)."""

    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.maxpool_conv = nn.Sequential(nn.MaxPool2d(2), DoubleConv(in_channels, out_channels))

    def forward(self, x):
        return self.maxpool_conv(x)


class Up(nn.Module):
    """Upscaling then DoubleConv. Bilinear (the seed's default) keeps the channel count on
    upsampling and halves it in the DoubleConv's middle; otherwise a transposed conv."""

    def __init__(self, in_channels, out_channels, bilinear=True):
        super().__init__()
        if bilinear:
            self.up = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=True)
            self.conv = DoubleConv(in_channels, out_channels, in_channels // 2)
        else:
            self.up = nn.ConvTranspose2d(in_channels, in_channels // 2, kernel_size=2, stride=2)
            self.conv = DoubleConv(in_channels, out_channels)

    def forward(self, x1, x2):
        x1 = self.up(x1)
        # Inputs whose sides are not multiples of 16 give odd sizes on the way down: pad the
        # upsampled map to the skip connection's size (extra row/column at the bottom/right).
        diff_y = x2.size()[2] - x1.size()[2]
        diff_x = x2.size()[3] - x1.size()[3]
        x1 = F.pad(x1, [diff_x // 2, diff_x - diff_x // 2, diff_y // 2, diff_y - diff_y // 2])
        x = torch.cat([x2, x1], dim=1)
        return self.conv(x)


class OutConv(nn.Module):
    """1x1 convolution to the output classes (with bias)."""

    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=1)

    def forward(self, x):
        return self.conv(x)


class UNet(nn.Module):
    """The seed's UNet; `width` = channels of the first level (64 in the seed)."""

    def __init__(self, n_channels, n_classes, bilinear=True, width=64):
        super().__init__()
        self.n_channels = n_channels
        self.n_classes = n_classes
        self.bilinear = bilinear
        w = width
        self.inc = DoubleConv(n_channels, w)
        self.down1 = Down(w, 2 * w)
        self.down2 = Down(2 * w, 4 * w)
        self.down3 = Down(4 * w, 8 * w)
        factor = 2 if bilinear else 1
        self.down4 = Down(8 * w, 16 * w // factor)
        self.up1 = Up(16 * w, 8 * w // factor, bilinear)
        self.up2 = Up(8 * w, 4 * w // factor, bilinear)
        self.up3 = Up(4 * w, 2 * w // factor, bilinear)
        self.up4 = Up(2 * w, w, bilinear)
        self.outc = OutConv(w, n_classes)

    def forward(self, x):
        x1 = self.inc(x)
        x2 = self.down1(x1)
        x3 = self.down2(x2)
        x4 = self.down3(x3)
        x5 = self.down4(x4)
        x = self.up1(x5, x4)
        x = self.up2(x, x3)
        x = self.up3(x, x2)
        x = self.up4(x, x1)
        return self.outc(x)


def _reference_keys(path):
    """Parse the seed's key list: lines 'name (d0, d1, ...)', '#' comments."""
    keys = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, shape = line.split(" ", 1)
            dims = tuple(int(d) for d in shape.strip("()").replace(" ", "").split(",") if d)
            keys.append((name, dims))
    return keys


def check(keys_file):
    """Parameter count and state-dict keys/shapes of width 64 against the seed's list."""
    model = UNet(3, 1, width=64)
    n_params = sum(p.numel() for p in model.parameters())
    ok = True
    if n_params != 17_262_977:
        print(f"FAIL: {n_params:,} parameters, want 17,262,977", file=sys.stderr)
        ok = False
    got = [(k, tuple(v.shape)) for k, v in model.state_dict().items()]
    want = _reference_keys(keys_file)
    if got != want:
        ok = False
        for g, w in zip(got, want):
            if g != w:
                print(f"FAIL: first difference: got {g}, want {w}", file=sys.stderr)
                break
        else:
            print(f"FAIL: {len(got)} keys, want {len(want)}", file=sys.stderr)
    # Small widths must run on sizes that are not multiples of 16 (the padding path).
    small = UNet(3, 1, width=8).eval()
    with torch.no_grad():
        out = small(torch.randn(2, 3, 45, 83))
    if tuple(out.shape) != (2, 1, 45, 83):
        print(f"FAIL: width 8 output shape {tuple(out.shape)} on a 45x83 input", file=sys.stderr)
        ok = False
    if ok:
        print(f"seed_unet: width 64 has {n_params:,} parameters and the seed's {len(want)} "
              f"state-dict keys and shapes; odd sizes pass through")
    return ok


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_keys = os.path.normpath(
        os.path.join(here, "..", "..", "..", "shared", "seed", "unet-state-dict-keys.txt"))
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true",
                    help="check parameter count and state-dict keys against the seed's list")
    ap.add_argument("--keys", default=default_keys,
                    help="the seed's key list (default: %(default)s)")
    args = ap.parse_args()
    if not args.check:
        ap.print_help()
        return 0
    return 0 if check(args.keys) else 1


if __name__ == "__main__":
    sys.exit(main())
