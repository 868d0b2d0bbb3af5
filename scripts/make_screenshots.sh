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
for tab in live confusion images weights dataset architecture; do
    extra=()
    [ "$tab" = images ] && extra=(--select-image 0 --grad-cam) # an image with its Grad-CAM map
    xvfb-run -a -s "-screen 0 1600x1000x24" "$build/app/cifarlab" --store "$store" --open-run 1 \
        --tab "$tab" --size 1500x950 --screenshot "$out/$tab.png" "${extra[@]}" "$data"
    echo "make_screenshots: $out/$tab.png"
done
# The Embedding tab: a t-SNE map of the run's test images (a few seconds), one image selected.
xvfb-run -a -s "-screen 0 1600x1000x24" "$build/app/cifarlab" --store "$store" --open-run 1 \
    --tab embedding --compute-embedding tsne --select-image 0 --size 1500x950 --screenshot "$out/embedding.png" "$data"
echo "make_screenshots: $out/embedding.png"
# The learning-rate finder for the same recipe, saved when its sweep ends.
xvfb-run -a -s "-screen 0 1600x1000x24" "$build/app/cifarlab" --store "$store" --arch baseline-plus --preset standard \
    --lr-finder --size 1500x950 --screenshot "$out/lr-finder.png" "$data"
echo "make_screenshots: $out/lr-finder.png"
# Classify Images with the run: three test images per class in folders named after their classes,
# and a truncated PNG to show how an unreadable file is reported.
photos="$store/photos"
python3 - "$data" "$photos" <<'PY'
import os, shutil, sys, zipfile
data, out = sys.argv[1], sys.argv[2]
def save(cls, name, read):
    os.makedirs(os.path.join(out, cls), exist_ok=True)
    with open(os.path.join(out, cls, name), 'wb') as f:
        f.write(read())
if zipfile.is_zipfile(data):
    z = zipfile.ZipFile(data)
    names = sorted(n for n in z.namelist() if '/test/' in '/' + n and not n.endswith('/'))
    taken = {}
    for n in names:
        cls = n.split('/')[-2]
        if taken.setdefault(cls, 0) < 3:
            taken[cls] += 1
            save(cls, os.path.basename(n), lambda n=n: z.read(n))
else:
    test = os.path.join(data, 'test')
    for cls in sorted(os.listdir(test)):
        for name in sorted(os.listdir(os.path.join(test, cls)))[:3]:
            save(cls, name, lambda p=os.path.join(test, cls, name): open(p, 'rb').read())
with open(os.path.join(out, 'broken.png'), 'wb') as f:
    f.write(b'\x89PNG\r\n\x1a\nshort')
PY
xvfb-run -a -s "-screen 0 1600x1000x24" "$build/app/cifarlab" --store "$store" --open-run 1 \
    --classify "$photos" --grad-cam --screenshot "$out/classify.png" "$data"
echo "make_screenshots: $out/classify.png"
# The Log tab: `best` under a 3-minute budget, whose width fit and trimmed epochs its log records
# (the Baseline+ run above is stopped first, so that the budget measures this run alone).
kill "$train_pid" 2>/dev/null || true
wait "$train_pid" 2>/dev/null || true
"$build/app/cifarlab-cli" train --arch airbench --preset best --time-budget 3 --data "$data" \
    --store "$store/budget" --name best-3min >"$store/budget.log" 2>&1 || { cat "$store/budget.log" >&2; exit 1; }
xvfb-run -a -s "-screen 0 1600x1000x24" "$build/app/cifarlab" --store "$store/budget" --open-run 1 \
    --tab log --size 1500x950 --screenshot "$out/log.png" "$data"
echo "make_screenshots: $out/log.png"
