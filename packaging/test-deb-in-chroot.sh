#!/usr/bin/env bash
# Checks that the .deb installs and works on a Debian 12 system that has only Debian's runtime
# packages: a fresh minbase chroot (no compiler, no -dev package), the .deb installed with apt
# (which pulls its Depends), then `driftlab --version`, a side-by-side render with a model
# (Qt, VTK, GL under Xvfb, LibTorch) and a click-to-release from the command line (HDF5 in and
# out, the simulator, the model), and the explorer's window up to its first painted frame. Needs root, debootstrap and Debian's mirror.
# Usage: packaging/test-deb-in-chroot.sh DRIFTLAB.deb DATASET.h5 RUN_FOLDER [CHROOT_DIR]
set -euo pipefail
deb=$(realpath "$1")
dataset=$(realpath "$2")
run=$(realpath "$3")
root=${4:-/tmp/driftlab-runtime-chroot}

if [[ ! -x "$root/bin/bash" ]]; then
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian
fi
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
mkdir -p "$root/root/check/run"
cp "$deb" "$root/root/check/driftlab.deb"
cp "$dataset" "$root/root/check/data.h5"
cp "$run"/config.json "$run"/*.pt "$root/root/check/run/"
# xvfb and xauth only to have a display for the render; they are not DriftLab's dependencies.
chroot "$root" /bin/bash -c "export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends ./root/check/driftlab.deb xvfb xauth >/dev/null"
chroot "$root" /bin/bash -c '
  set -e
  cd /root/check
  if dpkg -l | grep -E "^ii +(build-essential|g\+\+|[a-z0-9.-]+-dev)(:| )"; then
    echo "FAIL: development packages in the runtime chroot"; exit 1
  fi
  driftlab --version
  # The explorer opens the dataset and paints its first frame (then quits, as the start-up
  # benchmark does).
  HOME=/root/check DRIFTLAB_EXIT_AFTER_FIRST_FRAME=1 xvfb-run -a driftlab data.h5 2>/dev/null | grep "first frame at"
  xvfb-run -a driftlab render data.h5 --release 3 --day 4 --model run --side-by-side -o view.png
  driftlab release data.h5 --lon 5.0 --lat 42.8 --model run -o release.h5 | tail -2
  test -s view.png && test -s release.h5
  echo "OK: the .deb works on a runtime-only Debian 12 ($(dpkg -l | grep -c "^ii") packages)"'
