#!/usr/bin/env bash
# Screenshots of every dashboard tab during a real CIFAR-10 run, for the README:
#   bash scripts/make_screenshots.sh [DATA] [OUT_DIR]
# Starts Baseline+ (standard preset, 8 epochs) in the CLI with a temporary store, waits for epoch 4,
# then opens the run in the GUI (which follows it live) once per tab under Xvfb. Needs a build in
# build/ (or CIFARLAB_BUILD_DIR) and xvfb-run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${CIFARLAB_BUILD_DIR:-$root/build}"
data="${1:-$root/../shared/datasets/cifar10-jpeg.zip}"
out="${2:-$root/docs/screenshots}"
[ -f "$data" ] || [ -d "$data" ] || { echo "make_screenshots: no dataset at $data" >&2; exit 2; }
store="$(mktemp -d)"
log="$store/train.log"
trap 'kill "$train_pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$store"' EXIT

stdbuf -oL "$build/app/cifarlab-cli" train --arch baseline-plus --preset standard --epochs 8 --data "$data" \
    --store "$store" --name baseline-plus-standard >"$log" 2>&1 &
train_pid=$!
until grep -q "^epoch 4/8:" "$log"; do
    kill -0 "$train_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 2
done
mkdir -p "$out"
for tab in live confusion images dataset architecture; do
    extra=()
    [ "$tab" = images ] && extra=(--select-image 0 --grad-cam) # an image with its Grad-CAM map
    xvfb-run -a -s "-screen 0 1600x1000x24" "$build/app/cifarlab" --store "$store" --open-run 1 \
        --tab "$tab" --size 1500x950 --screenshot "$out/$tab.png" "${extra[@]}" "$data"
    echo "make_screenshots: $out/$tab.png"
done
# The learning-rate finder for the same recipe, saved when its sweep ends.
xvfb-run -a -s "-screen 0 1600x1000x24" "$build/app/cifarlab" --store "$store" --arch baseline-plus --preset standard \
    --lr-finder --size 1500x950 --screenshot "$out/lr-finder.png" "$data"
echo "make_screenshots: $out/lr-finder.png"
