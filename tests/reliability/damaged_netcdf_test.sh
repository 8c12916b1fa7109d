#!/usr/bin/env bash
# Damaged model output never crashes or hangs the importers: a seeded corpus of damaged copies
# of the CMEMS-like, NetCDF-3 and OpenDrift fixtures (truncations, bit flips, zeroed blocks,
# garbled header bytes) given to `import-currents` and `import-trajectories`. Each run is
#   crash    killed by a signal                                   -> the test fails
#   hang     still running after 60 s (the importers give up after 10 s here) -> fails
#   refused  exit 1 with a message that names the file            -> as it should be
#   bare     exit 1 without naming the file                       -> counted, reported
#   accepted exit 0 (the damage hit bytes nothing reads, or values NetCDF keeps no checksum
#            of: counted)
# Prints the tally. Usage: DRIFTLAB=path/to/driftlab damaged_netcdf_test.sh WORKDIR [CASES]
set -uo pipefail
: "${DRIFTLAB:?set DRIFTLAB to the driftlab executable}"
work=${1:?work folder}
cases=${2:-60}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../support/isolated_home.sh" "$work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
PY=/usr/bin/python3
$PY "$here/../importing/make_fixtures.py" fx > /dev/null || { echo "FAIL: fixtures"; exit 1; }
$PY - "$cases" <<'PYEOF' || { echo "FAIL: making the corpus"; exit 1; }
import random, sys
random.seed(20261206)
cases = int(sys.argv[1])
for name in ("cmems_med", "classic", "opendrift"):
    data = open("fx/%s.nc" % name, "rb").read()
    for k in range(cases):
        b = bytearray(data)
        kind = k % 4
        if kind == 0:
            b = b[: random.randint(1, len(b) - 1)]
        elif kind == 1:
            for _ in range(random.randint(1, 20)):
                i = random.randrange(len(b))
                b[i] ^= 1 << random.randrange(8)
        elif kind == 2:
            i = random.randrange(len(b))
            n = random.randint(16, 4096)
            b[i:i + n] = bytes(len(b[i:i + n]))
        else:
            i = random.randrange(min(len(b), 4096) - 1)
            b[i] = random.randrange(256)
            b[i + 1] = random.randrange(256)
        open("%s_%03d.nc" % (name, k), "wb").write(bytes(b))
PYEOF
export DRIFTLAB_IMPORT_PROBE_TIMEOUT=10
crash=0 hang=0 refused=0 bare=0 accepted=0
for f in cmems_med_*.nc classic_*.nc opendrift_*.nc; do
  case $f in
    opendrift_*) cmd=(import-trajectories "$f" -o out.h5 --force) ;;
    *) cmd=(import-currents "$f" -o out.h5 --force) ;;
  esac
  out=$(timeout -s KILL 60 "$DRIFTLAB" "${cmd[@]}" 2>&1); rc=$?
  if [[ $rc -eq 137 ]]; then hang=$((hang + 1)); echo "HANG  $f"
  elif [[ $rc -gt 128 ]]; then crash=$((crash + 1)); echo "CRASH $f (signal $((rc - 128)))"
  elif [[ $rc -eq 0 ]]; then accepted=$((accepted + 1))
  elif grep -q -- "$f" <<<"$out"; then refused=$((refused + 1))
  else bare=$((bare + 1)); echo "BARE  $f: $out"
  fi
done
ls -a | grep -q "partial" && { echo "FAIL: a partial file was left"; crash=$((crash + 1)); }
echo "damaged NetCDF files: $((crash + hang + refused + bare + accepted)) runs: $crash crashes, $hang hangs, $refused refused naming the file, $bare refused without naming it, $accepted accepted"
[[ $crash -eq 0 && $hang -eq 0 ]] && echo "1 passed, 0 failed" || { echo "0 passed, 1 failed"; exit 1; }
