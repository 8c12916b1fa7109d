#!/usr/bin/env bash
# Remakes the pictures of README.md and docs/ (docs/images/*.png):
#
#   tools/make-doc-images.sh [BUILD_DIR] [--dataset DEMO.h5] [--model RUN] [--out DIR]
#                            [--work DIR] [--only NAME ...]
#
# BUILD_DIR (default build/dev) holds app/driftlab and tools/doc-images/driftlab_doc_images.
# Without --dataset it generates the demo (driftlab generate --preset demo), without --model it
# trains the default run on it (driftlab train, about 7 minutes on 2 cores), both kept in the
# work folder (default ${TMPDIR:-/tmp}/driftlab-doc-images) for the next time. The map pictures
# come from the CLI (render, mean), the window's from driftlab_doc_images; both under xvfb-run,
# with a fresh HOME. --out defaults to docs/images. --only takes picture names (density.png ...)
# or driftlab_doc_images's groups (its --help lists them, with the pictures the docs do not show:
# the windows, the map layout at two sizes, a run trained live); default: every picture README.md
# and docs/*.md show. LOOK at the pictures before committing them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build/dev"
dataset="" model="" out="$root/docs/images" work="${TMPDIR:-/tmp}/driftlab-doc-images"
only=()
if [[ $# -gt 0 && $1 != --* ]]; then
  build=$(cd "$1" && pwd)
  shift
fi
while [[ $# -gt 0 ]]; do
  case $1 in
    --dataset) dataset=$(realpath "$2"); shift 2 ;;
    --model) model=$(realpath "$2"); shift 2 ;;
    --out) out=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --only)
      shift
      while [[ $# -gt 0 && $1 != --* ]]; do only+=("$1"); shift; done ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "make-doc-images.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
driftlab="$build/app/driftlab"
tool="$build/tools/doc-images/driftlab_doc_images"
for exe in "$driftlab" "$tool"; do
  [[ -x $exe ]] || { echo "make-doc-images.sh: no $exe (build first)" >&2; exit 1; }
done
mkdir -p "$out" "$work"
out=$(cd "$out" && pwd)
home=$(mktemp -d -t driftlab-doc-images-home.XXXXXX)
trap 'rm -rf "$home"' EXIT

# A program under Xvfb with an empty HOME: no user's settings, caches or data in the pictures.
on_display() {
  env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" \
      XDG_DATA_HOME="$home/.local/share" QT_QPA_PLATFORM=xcb \
      xvfb-run -a -s "-screen 0 1920x1200x24" "$@"
}
wanted() {  # wanted NAME: --only names NAME
  local n
  for n in "${only[@]}"; do [[ $n == "$1" ]] && return 0; done
  return 1
}

# By default, the pictures the docs show.
if [[ ${#only[@]} -eq 0 ]]; then
  mapfile -t only < <(grep -ho 'images/[A-Za-z0-9_.-]*\.png' "$root/README.md" "$root"/docs/*.md |
                      sed 's|images/||' | sort -u)
fi

if [[ -z $dataset ]]; then
  dataset="$work/demo.h5"
  [[ -f $dataset ]] || "$driftlab" generate "$dataset" --preset demo
fi
if [[ -z $model ]]; then
  model="$work/run-hybrid"  # the name the pictures show ("Model: run-hybrid: ...")
  [[ -f $model/best.pt ]] || "$driftlab" train "$dataset" --out "$model"
fi

# The CLI's pictures (README.md, docs/predictions.md).
cli=(density.png speed.png vorticity.png streamlines.png mean.png side-by-side.png)
render() {  # render NAME ARGS...: driftlab render DATASET ARGS -o OUT/NAME, if wanted
  local name=$1
  shift
  if wanted "$name"; then
    on_display "$driftlab" render "$dataset" "$@" -o "$out/$name"
  fi
}
for layer in density speed vorticity; do
  render "$layer.png" --release 120 --day 10 --layer "$layer" --width 1100 --height 640
done
render streamlines.png --release 120 --day 10 --layer speed --streamlines --no-arrows
render side-by-side.png --release 3 --day 4 --model "$model" --side-by-side --width 1600 --height 600
if wanted mean.png; then
  on_display "$driftlab" mean "$dataset" -o "$out/mean.png" --width 1100 --height 640
fi

# The window's pictures, and the latencies measured on the way.
gui=()
for n in "${only[@]}"; do
  [[ " ${cli[*]} " == *" $n "* ]] || gui+=("$n")
done
if [[ ${#gui[@]} -gt 0 ]]; then
  on_display "$tool" --dataset "$dataset" --model "$model" --out "$out" --only "${gui[@]}"
fi
