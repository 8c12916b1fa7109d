#!/usr/bin/env bash
# Installs every Debian 12 package DriftLab needs to build, test and run.
# The single source of truth for dependencies: README commands and .ci/run both call it.
# Usage: scripts/install-deps.sh [--dev]   (--dev adds GMT, only needed to remake the coast masks)
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config clang-format git
  # the fuzz preset (scripts/fuzz.sh): clang and its libFuzzer / sanitizer runtimes
  clang libclang-rt-14-dev
  # libraries
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev libqt6openglwidgets6
  libgl-dev libgl1-mesa-dri libx11-dev
  libtorch-dev libgloo-dev libvtk9-dev libhdf5-dev libnetcdf-dev libdeflate-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # display for GUI and rendering tests
  xvfb xauth x11-utils
  # interop checks with real tools (Debian's python at /usr/bin/python3)
  python3-numpy python3-h5py python3-xarray python3-netcdf4 python3-torch python3-vtk9 netcdf-bin
)
if [[ "${1:-}" == "--dev" ]]; then
  packages+=(gmt gmt-gshhg-full gmt-gshhg-high)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
