#!/usr/bin/env bash
# Builds DriftLab (release preset) and launches it on the built-in default dataset, from a fresh
# Debian 12 machine:
#   bash scripts/run.sh [driftlab arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release
cmake --build --preset release -j "$(nproc)"
exec ./build/release/app/driftlab "$@"
