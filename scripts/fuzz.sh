#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan + UBSan) and runs each for
# SECONDS (default 60) on a copy of its seed corpus (tests/fuzz/corpus/TARGET). Fails on the first
# crash, leak, timeout or sanitizer report, and says how to reproduce it (docs/testing.md).
# Usage: bash scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(tile_decoder chunk_btree npy ordered_dict_pickle weights_sidecar dataset_open)
cmake --preset fuzz > /dev/null
cmake --build --preset fuzz -j "$(nproc)"
out=build/fuzz/runs
rm -rf "$out" && mkdir -p "$out"
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=0
for t in "${targets[@]}"; do
  mkdir -p "$out/$t/corpus" "$out/$t/crashes"
  cp tests/fuzz/corpus/"$t"/* "$out/$t/corpus/"
  # Dataset files are larger than libFuzzer's default 4 kB inputs.
  maxlen=4096
  [[ $t == chunk_btree || $t == dataset_open ]] && maxlen=65536
  start=$SECONDS
  if build/fuzz/tests/fuzz/fuzz_"$t" "$out/$t/corpus" tests/fuzz/corpus/"$t" \
      -seed=20261206 -max_total_time="$seconds" -max_len="$maxlen" -timeout=20 -rss_limit_mb=2048 \
      -artifact_prefix="$out/$t/crashes/" -print_final_stats=1 > "$out/$t/log" 2>&1; then
    runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$out/$t/log" | tail -1 | grep -oE '[0-9]+$' || echo "?")
    echo "fuzz $t: ok, $runs inputs in $((SECONDS - start)) s, corpus $(ls "$out/$t/corpus" | wc -l) files"
  else
    failed=1
    crash=$(ls "$out/$t/crashes" | head -1)
    echo "fuzz $t: FAILED after $((SECONDS - start)) s; the log: $out/$t/log"
    grep -E "ERROR|runtime error|SUMMARY" "$out/$t/log" | head -5
    [[ -n $crash ]] && echo "  reproduce: build/fuzz/tests/fuzz/fuzz_$t $out/$t/crashes/$crash" &&
      echo "  then add it to tests/fuzz/corpus/$t/ once fixed (a regression input)"
  fi
done
exit $failed
