#!/usr/bin/env bash
# Remakes the seed corpus in tests/fuzz/corpus/TARGET from real files: a small dataset made by
# DriftLab, its stored tiles, a mean map as .npy (DriftLab's and NumPy's own), PyTorch's pickle
# of a state dict (Debian's python3-torch), a weights sidecar. Checked in; rerun only when a
# format changes. Usage: DRIFTLAB=path/to/driftlab tests/fuzz/make_corpus.sh
set -euo pipefail
: "${DRIFTLAB:?set DRIFTLAB to the driftlab executable}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
corpus=$here/corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$DRIFTLAB" generate small.h5 --resolution 0.25 --releases 3 --particles 200 --days 2 \
  --current-days 4 --threads 1 --seed 5 > /dev/null 2>&1
"$DRIFTLAB" mean small.h5 --no-cache --npy mean.npy > /dev/null 2>&1
"$DRIFTLAB" generate train.h5 --resolution 0.25 --releases 12 --particles 200 --days 3 \
  --current-days 10 --threads 1 --seed 5 > /dev/null 2>&1
"$DRIFTLAB" train train.h5 --out run --epochs 1 --width 1 --threads 1 > /dev/null 2>&1
"$DRIFTLAB" export-weights run -o w.pt > /dev/null 2>&1
rm -rf "$corpus" && mkdir -p "$corpus"/{tile_decoder,chunk_btree,npy,dataset_open,ordered_dict_pickle,weights_sidecar}
cp small.h5 "$corpus/dataset_open/small.h5"
cp mean.npy "$corpus/npy/driftlab-mean.npy"
cp w.pt.json "$corpus/weights_sidecar/sidecar.json"
/usr/bin/python3 - "$corpus" <<'PYEOF'
import io, sys, zipfile, collections
import h5py, numpy as np, torch
corpus = sys.argv[1]
with h5py.File("small.h5", "r") as f:
    d = f["density"]
    # The dataset's object header address, then the file: what fuzz_chunk_btree expects.
    header = h5py.h5o.get_info(d.id).addr
    open(f"{corpus}/chunk_btree/small.bin", "wb").write(header.to_bytes(8, "little") + open("small.h5", "rb").read())
    n = 0
    for r in range(d.shape[0]):
        for day in range(d.shape[1]):
            for ty in range(d.shape[2] // d.chunks[2]):
                for tx in range(d.shape[3] // d.chunks[3]):
                    try:
                        mask, data = d.id.read_direct_chunk((r, day, ty * d.chunks[2], tx * d.chunks[3]))
                    except Exception:
                        continue  # a tile never written
                    if n < 8:
                        open(f"{corpus}/tile_decoder/tile{n}.bin", "wb").write(bytes([mask & 3]) + data)
                    n += 1
np.save(f"{corpus}/npy/numpy-f8.npy", np.arange(12, dtype="<f8").reshape(3, 4))
np.save(f"{corpus}/npy/numpy-f4-fortran.npy", np.asfortranarray(np.ones((2, 5), dtype="<f4")))
# torch.save of a state dict (an OrderedDict): the pickle inside the zip is what the rewriter reads.
model = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3), torch.nn.BatchNorm2d(2))
buf = io.BytesIO()
torch.save(model.state_dict(), buf)
with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
    name = next(n for n in z.namelist() if n.endswith("data.pkl"))
    open(f"{corpus}/ordered_dict_pickle/state_dict.pkl", "wb").write(z.read(name))
plain = io.BytesIO()
torch.save({k: v for k, v in model.state_dict().items()}, plain)
with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as z:
    name = next(n for n in z.namelist() if n.endswith("data.pkl"))
    open(f"{corpus}/ordered_dict_pickle/plain_dict.pkl", "wb").write(z.read(name))
PYEOF
du -sh "$corpus"/*
