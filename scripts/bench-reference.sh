#!/usr/bin/env bash
# CifarLab against PyTorch-Python on the same machine, the same LibTorch (Debian's python3-torch is
# LibTorch 1.13 underneath) and the same settings:
#   bash scripts/bench-reference.sh [--arch a,b] [--modes fp32-nchw,fp32-cl,bf16-cl] [--batch-size N] [--steps N]
#       per-architecture training and inference images/s of both, and the CifarLab / PyTorch ratios
#   bash scripts/bench-reference.sh --fast DATA.zip [--seed N]
#       the airbench `fast` recipe end to end (process start to final test accuracy) in both
# Installs python3-torch and python3-pil with apt-get when missing; builds nothing (run
# `bash scripts/cifarlab.sh test` or `start` first).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${CIFARLAB_BUILD_DIR:-$root/build}"
cli="$build/app/cifarlab-cli"
python=/usr/bin/python3 # Debian's interpreter: python3-torch is installed for it

if [ ! -x "$cli" ]; then
  echo "bench-reference: $cli not found; build first with: bash scripts/cifarlab.sh test" >&2
  exit 2
fi

missing=()
for p in python3-torch python3-pil python3-numpy; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "bench-reference: installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [ "${1:-}" = "--fast" ]; then
  data="${2:?usage: bench-reference.sh --fast DATA.zip [--seed N]}"
  shift 2
  seed=0
  if [ "${1:-}" = "--seed" ]; then seed="${2:?--seed needs a value}"; fi
  echo "== CifarLab: cifarlab-cli train --arch airbench --preset fast --seed $seed"
  start=$(date +%s.%N)
  "$cli" train --arch airbench --preset fast --seed "$seed" --data "$data" --store "$tmp/store" 2>/dev/null | grep -E "test accuracy|wall time"
  cifarlab=$(echo "$(date +%s.%N) - $start" | bc)
  echo "== PyTorch-Python: scripts/airbench_reference.py"
  start=$(date +%s.%N)
  "$python" "$root/scripts/airbench_reference.py" --data "$data" --seed "$seed" | grep -E "test accuracy"
  reference=$(echo "$(date +%s.%N) - $start" | bc)
  printf "\nend to end: CifarLab %.1f s, PyTorch-Python %.1f s, speed-up %.2fx\n" "$cifarlab" "$reference" \
    "$(echo "$reference / $cifarlab" | bc -l)"
  exit 0
fi

"$cli" bench --json "$@" > "$tmp/cifarlab.json"
"$python" "$root/scripts/bench_reference.py" "$@" > "$tmp/pytorch.json"
"$python" - "$tmp/cifarlab.json" "$tmp/pytorch.json" <<'PY'
import json, sys
ours = json.load(open(sys.argv[1]))
ref = json.load(open(sys.argv[2]))
key = lambda r: (r["architecture"], r["mode"])
theirs = {key(r): r for r in ref["architectures"]}
print(f"threads: CifarLab {ours['threads']}, PyTorch {ref['threads']} (torch {ref['torch']}); batch {ours['batch_size']}")
print()
print("| architecture | mode | CifarLab train img/s | PyTorch train img/s | ratio | CifarLab infer img/s | PyTorch infer img/s | ratio |")
print("|---|---|---|---|---|---|---|---|")
worst = None
for r in ours["architectures"]:
    t = theirs.get(key(r))
    if not t:
        continue
    tr = r["train_images_per_second"] / t["train_images_per_second"]
    ir = r["infer_images_per_second"] / t["infer_images_per_second"]
    worst = tr if worst is None else min(worst, tr)
    print(f"| {r['architecture']} | {r['mode']} | {r['train_images_per_second']:.1f} | {t['train_images_per_second']:.1f} | "
          f"{tr:.2f} | {r['infer_images_per_second']:.1f} | {t['infer_images_per_second']:.1f} | {ir:.2f} |")
if worst is not None:
    print(f"\nlowest training ratio: {worst:.2f}")
PY
