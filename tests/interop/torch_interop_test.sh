#!/usr/bin/env bash
# UNet weights move between DriftLab (LibTorch) and PyTorch (Debian's python3-torch), both ways,
# with the seed's Python UNet (tests/model/learn/seed_unet.py) and the seed's width 64:
#   C++ -> Python: DriftLab's state dict loads with load_state_dict(strict=True), same outputs
#   Python -> C++: torch.save(model.state_dict()) (an OrderedDict) and a plain dict load in
#                  DriftLab, same outputs; `driftlab export-weights --import` makes a run of them
#   CLI round trip: `driftlab export-weights RUN -o W.pt` loads strictly in PyTorch.
# Usage: TOOL=driftlab_torch_interop DRIFTLAB=driftlab torch_interop_test.sh WORKDIR
set -euo pipefail
: "${TOOL:?set TOOL}" "${DRIFTLAB:?set DRIFTLAB}"
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
work=${1:?work folder}
source "$(dirname "${BASH_SOURCE[0]}")/../support/isolated_home.sh" "$work"
rm -rf "$work" && mkdir -p "$work/cpp" "$work/py" && cd "$work"

echo "--- C++ -> Python (width 64)"
"$TOOL" export cpp --width 64
"$py" "$here/torch_interop.py" check-export cpp/weights.pt cpp/input.pt cpp/output.pt --width 64

echo "--- Python -> C++ (width 64)"
"$py" "$here/torch_interop.py" make-import py --width 64 --seed 3
"$TOOL" check-import py --width 64

echo "--- driftlab export-weights, both ways"
"$DRIFTLAB" generate small.h5 --resolution 0.125 --releases 12 --particles 300 --days 2 --current-days 10 2>/dev/null
"$DRIFTLAB" export-weights --import py/weights_ordered.pt --dataset small.h5 -o imported > import.txt
cat import.txt
grep -q "width 64" import.txt
"$DRIFTLAB" export-weights imported -o back.pt
test -s back.pt.json
"$py" - <<PY
import sys, torch
sys.path.insert(0, "$here/../model/learn")
from seed_unet import UNet
m = UNet(3, 1, width=64)
m.load_state_dict(torch.load("back.pt"), strict=True)
orig = torch.load("py/weights_plain.pt")
back = torch.load("back.pt")
diff = max((orig[k].double() - back[k].double()).abs().max().item() for k in orig)
print("export-weights round trip: max abs diff", diff)
assert diff == 0.0, diff
PY
# A hybrid run (the default recipe, six input channels) exports weights that PyTorch's seed UNet
# with n_channels=6 loads strictly; the sidecar names the channels and the anchor.
"$DRIFTLAB" train small.h5 --out hybrid --epochs 1 --width 4 --batch 4 --threads 2 > /dev/null 2>&1
"$DRIFTLAB" export-weights hybrid -o hybrid.pt
"$py" - <<PY
import json, sys, torch
sys.path.insert(0, "$here/../model/learn")
from seed_unet import UNet
side = json.load(open("hybrid.pt.json"))
channels = side["input_channels"].split(",")
assert channels == ["u", "v", "u_next", "v_next", "density", "advected"], channels
assert side["anchor"] == "flux" and len(side["inputs"]) == 6, side
assert side["advection"] == "sharp" and "Richardson-Lucy" in side["inputs"][5], side
assert "n_classes=2" in side["model"], side["model"]  # the east and north face fluxes
m = UNet(len(channels), 2, width=4)
m.load_state_dict(torch.load("hybrid.pt"), strict=True)
print("hybrid weights load in PyTorch:", side["model"], side["output"])
PY
# Bad input: a file that is no weights file, and weights of another width.
if "$DRIFTLAB" export-weights --import small.h5 --dataset small.h5 -o bad 2> err.txt; then
  echo "FAIL: importing an HDF5 file as weights succeeded"; exit 1
fi
grep -q "small.h5" err.txt && cat err.txt
echo "torch interop: all checks passed"
