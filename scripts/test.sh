#!/usr/bin/env bash
# Builds DriftLab and runs every test, from a fresh Debian 12 machine:
#   bash scripts/test.sh
# Installs the Debian packages it needs (scripts/install-deps.sh), configures with the `dev`
# preset (warnings as errors), builds, and runs ctest under Xvfb (GUI and rendering tests need
# an X display; see docs/testing.md) with a fresh, empty HOME and XDG folders: a test that
# depends on the developer's settings, caches or data fails here, not on a user's machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)
cmake --preset dev
cmake --build --preset dev -j "$jobs"
home=$(mktemp -d -t driftlab-test-home.XXXXXX)
trap 'rm -rf "$home"' EXIT
# The display: the first free number from a random start (xvfb-run's default :99 is the one any
# other X server on a shared machine most likely holds); the X server's own messages are kept
# and shown when a test fails, so a refused connection in CI says why.
xvfb_log="$home/xvfb-run.log"
set +e
env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" \
    XDG_DATA_HOME="$home/.local/share" XDG_STATE_HOME="$home/.local/state" \
    xvfb-run -n $((100 + RANDOM % 800)) -a -e "$xvfb_log" -s "-screen 0 1280x1024x24" \
    ctest --preset dev -j "$jobs" "$@"
status=$?
set -e
if ((status != 0)) && [[ -s $xvfb_log ]]; then
  echo "--- the X server's messages (xvfb-run -e):"
  cat "$xvfb_log"
fi
exit "$status"
