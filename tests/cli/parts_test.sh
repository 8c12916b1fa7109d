#!/usr/bin/env bash
# Split generation (docs/scaling.md): `generate --part K/N` on N processes, then `merge`, gives
# the very bytes of one `generate` with the same options; parts that do not belong together are
# refused. Usage: DRIFTLAB=path/to/driftlab parts_test.sh WORKDIR
set -uo pipefail
: "${DRIFTLAB:?set DRIFTLAB to the driftlab executable}"
work=${1:?work folder}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../support/isolated_home.sh" "$work"
source "$here/../support/expect.sh"
rm -rf "$work" && mkdir -p "$work/single" "$work/parts" "$work/other" && cd "$work" || exit 1
opts=(--resolution 0.25 --releases 25 --particles 200 --days 3 --current-days 10 --kh 1 --seed 4)

(cd single && "$DRIFTLAB" generate x.h5 "${opts[@]}" --threads 2 > /dev/null 2>&1) || bad "single run"
cd parts
# Three parts, as three Slurm array tasks would run them (in any order, one thread each).
for k in 2 0 1; do
  expect "part $k/3" 0 "" -- "$DRIFTLAB" generate "p$k.h5" "${opts[@]}" --threads 2 --part "$k/3"
done
expect "a part is a dataset of its releases" 0 "9 releases" -- "$DRIFTLAB" info p0.h5
expect "merge in any order" 0 "25 releases from 3 parts" -- "$DRIFTLAB" merge x.h5 p1.h5 p2.h5 p0.h5
cmp -s x.h5 ../single/x.h5 && ok "merged = single run, byte for byte" || bad "merged = single run, byte for byte"
expect "a missing part" 1 "part 1/3 is missing" -- "$DRIFTLAB" merge y.h5 p0.h5 p2.h5
expect "a part given twice" 1 "given twice" -- "$DRIFTLAB" merge y.h5 p0.h5 p0.h5 p1.h5
expect "not a part file" 1 "not a part file" -- "$DRIFTLAB" merge y.h5 ../single/x.h5
(cd ../other && "$DRIFTLAB" generate q1.h5 "${opts[@]}" --seed 5 --part 1/3 > /dev/null 2>&1)
expect "a part of another run" 1 "another run" -- "$DRIFTLAB" merge y.h5 p0.h5 ../other/q1.h5 p2.h5
expect "--part out of range" 2 "K from 0 to N - 1" -- "$DRIFTLAB" generate z.h5 "${opts[@]}" --part 3/3
expect "--part malformed" 2 "K from 0 to N - 1" -- "$DRIFTLAB" generate z.h5 "${opts[@]}" --part half
expect "merge refuses to overwrite" 1 "exists; use --force" -- "$DRIFTLAB" merge x.h5 p0.h5 p1.h5 p2.h5
ls -a | grep -qE "^y.h5|^z.h5|partial" && bad "no file after refusals" || ok "no file after refusals"
# One part of one is the whole run.
expect "part 0/1" 0 "" -- "$DRIFTLAB" generate w0.h5 "${opts[@]}" --threads 2 --part 0/1
expect "merge one part" 0 "25 releases from 1 parts" -- "$DRIFTLAB" merge w.h5 w0.h5
cmp -s w.h5 ../single/x.h5 && bad "different names, different history" || ok "the history names the merged file"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
