#!/usr/bin/env bash
# The sanitizer stage of CI (docs/testing.md, "Sanitizers"):
#  1. AddressSanitizer + UndefinedBehaviorSanitizer (the `sanitize` preset) over every model test
#     (the model library: readers, writers, importers, simulator, loaders; no Torch, no GUI);
#  2. ThreadSanitizer (the `tsan` preset) over the tests of the threaded code below the GUI: the
#     generator's workers, the mean's workers and raw tile scan, the pair loader's threads, the
#     child-process probe.
# Any report fails the stage. Suppressions: tests/sanitizers/*.supp (third-party code only,
# each with its reason).
# Usage: bash scripts/sanitize.sh [asan|tsan]   (both by default)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
stages=("$@")
((${#stages[@]})) || stages=(asan tsan)
home=$(mktemp -d -t driftlab-sanitize-home.XXXXXX)
trap 'rm -rf "$home"' EXIT
isolated=(env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache"
          XDG_DATA_HOME="$home/.local/share" DRIFTLAB_TEST_TMP="$home/tmp")
for stage in "${stages[@]}"; do
  start=$SECONDS
  case $stage in
    asan)
      cmake --preset sanitize > /dev/null
      cmake --build --preset sanitize -j "$jobs" --target driftlab_model_tests
      "${isolated[@]}" \
        ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1" \
        UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp" \
        build/sanitize/tests/driftlab_model_tests --gtest_brief=1
      ;;
    tsan)
      cmake --preset tsan > /dev/null
      cmake --build --preset tsan -j "$jobs" --target driftlab_model_tests
      "${isolated[@]}" \
        TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:suppressions=$PWD/tests/sanitizers/tsan.supp" \
        build/tsan/tests/driftlab_model_tests --gtest_brief=1 \
        --gtest_filter='DatasetGenerator*:MeanDensity*:MeanCache*:RawTileScan*:PairLoader*:Simulator*:ChildProbe*'
      ;;
    *) echo "unknown stage $stage (asan or tsan)"; exit 2 ;;
  esac
  echo "sanitize $stage: passed in $((SECONDS - start)) s"
done
