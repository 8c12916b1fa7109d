#!/usr/bin/env bash
# Benchmarks `driftlab mean` against h5py + NumPy streaming the same maps and against a raw
# sequential read of the file (cat > /dev/null), in the same run, alternately, round after
# round, on the demo preset and on 300 releases of the research preset. Figures go in
# docs/performance.md ("Mean-density heatmap").
#
# Usage: tests/bench/mean_benchmark.sh [BUILD_DIR] [DATASET.h5 ...]
#   Without datasets it generates the two in a temporary folder (about a minute and a half).
#   ROUNDS (default 5) sets the rounds; THREADS (default 2) the threads of `driftlab mean`.
#   COLD=1 drops the file from the page cache (posix_fadvise DONTNEED, no root needed) before
#   each of the four measurements: every tool then reads it from the disk, as on the first
#   opening of a dataset or with one larger than memory.
#
# Throughput: MB/s of the stored density chunks (the compressed bytes actually read, what
# `driftlab mean` reports and h5py's get_storage_size() gives), and MB/s of the file size (the
# unit of cat, which reads it all; the mean reads only the density, so this flatters it).
# Times: `driftlab mean`'s own compute time (it prints it; the whole process, Qt and VTK loaded,
# is shown apart), the Python loop's time (not Python's start), cat's wall time. By default the
# page cache is warm for all three: each file is read once before the first round and every
# round reads it again (so cat measures a memory copy); see COLD above.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build/dev}
shift || true
driftlab=$build/app/driftlab
rounds=${ROUNDS:-5}
threads=${THREADS:-2}
cold=${COLD:-0}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=("$@")
if ((${#files[@]} == 0)); then
  echo "== generating the demo preset and 300 releases of the research preset"
  "$driftlab" generate "$tmp/demo.h5" 2>/dev/null
  "$driftlab" generate "$tmp/research300.h5" --preset research --releases 300 2>/dev/null
  files=("$tmp/demo.h5" "$tmp/research300.h5")
fi
median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
now() { date +%s.%N; }
drop() {
  [[ $cold == 1 ]] || return 0
  /usr/bin/python3 -c "import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY); os.fdatasync(fd)
os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)" "$1"
}
for file in "${files[@]}"; do
  size=$(stat -c %s "$file")
  cat "$file" > /dev/null
  echo "== $file ($size bytes)"
  "$driftlab" mean "$file" --no-cache --threads 1 --npy "$tmp/mean.npy" 2>/dev/null | head -2
  /usr/bin/python3 "$here/peer_mean.py" "$file" "$tmp/mean.npy" | tail -1
  : > "$tmp/d1"; : > "$tmp/dn"; : > "$tmp/wall"; : > "$tmp/py"; : > "$tmp/cat"
  [[ $cold == 1 ]] && echo "(cold: the file is dropped from the page cache before each measurement)"
  for ((round = 1; round <= rounds; round++)); do
    drop "$file"
    t0=$(now)
    out=$("$driftlab" mean "$file" --no-cache --threads "$threads" 2>/dev/null)
    t1=$(now)
    sn=$(sed -n 's/.*computed in \([0-9.]*\) s.*/\1/p' <<<"$out")
    stored=$(sed -n 's/.* \([0-9]*\) bytes read.*/\1/p' <<<"$out")
    drop "$file"
    s1=$("$driftlab" mean "$file" --no-cache --threads 1 2>/dev/null |
         sed -n 's/.*computed in \([0-9.]*\) s.*/\1/p')
    drop "$file"
    py=$(/usr/bin/python3 "$here/peer_mean.py" "$file" | sed -n 's/.* maps in \([0-9.]*\) s.*/\1/p')
    drop "$file"
    t2=$(now)
    cat "$file" > /dev/null
    t3=$(now)
    sc=$(awk -v a="$t2" -v b="$t3" 'BEGIN {print b - a}')
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')
    echo "$s1" >> "$tmp/d1"; echo "$sn" >> "$tmp/dn"; echo "$wall" >> "$tmp/wall"
    echo "$py" >> "$tmp/py"; echo "$sc" >> "$tmp/cat"
    printf "round %d: driftlab mean %.4f s (1 thread), %.4f s (%d threads; process %.2f s); h5py+numpy %.3f s; cat %.4f s\n" \
      "$round" "$s1" "$sn" "$threads" "$wall" "$py" "$sc"
  done
  m1=$(median < "$tmp/d1"); mn=$(median < "$tmp/dn"); mw=$(median < "$tmp/wall")
  mp=$(median < "$tmp/py"); mc=$(median < "$tmp/cat")
  awk -v s="$stored" -v z="$size" -v m1="$m1" -v mn="$mn" -v mw="$mw" -v mp="$mp" -v mc="$mc" \
      -v t="$threads" 'BEGIN {
    printf "medians of %s rounds; MB/s of stored chunks (%.1f MB) | of the file (%.1f MB)\n", "'"$rounds"'", s / 1e6, z / 1e6
    printf "  driftlab mean, 1 thread    %8.4f s  %8.1f | %8.1f MB/s\n", m1, s / m1 / 1e6, z / m1 / 1e6
    printf "  driftlab mean, %d threads   %8.4f s  %8.1f | %8.1f MB/s  (whole process %.2f s)\n", t, mn, s / mn / 1e6, z / mn / 1e6, mw
    printf "  h5py + numpy               %8.4f s  %8.1f | %8.1f MB/s\n", mp, s / mp / 1e6, z / mp / 1e6
    printf "  cat > /dev/null            %8.4f s  %8s | %8.1f MB/s\n", mc, "", z / mc / 1e6
    printf "  driftlab / h5py: %.1fx (1 thread), %.1fx (%d threads); driftlab / cat (file MB/s): %.2f (%d threads)\n", mp / m1, mp / mn, t, mc / mn, t
  }'
done
