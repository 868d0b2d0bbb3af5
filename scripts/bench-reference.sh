#!/usr/bin/env bash
# CifarLab against PyTorch-Python on the same machine, the same LibTorch (Debian's python3-torch is
# LibTorch 1.13 underneath) and the same settings:
#   bash scripts/bench-reference.sh [--arch a,b] [--modes fp32-nchw,fp32-cl,bf16-cl] [--batch-size N] [--steps N]
#                                   [--threads N] [--rounds N]
#       per-architecture training and inference images/s of both, and the CifarLab / PyTorch ratios;
#       the two sides take turns on each architecture and mode, and each side's fastest round counts
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

# Both sides measure each architecture and mode in turn, alternating which goes first, for --rounds
# rounds (default 2); each side's fastest round counts. Run one after the other, the two halves of a
# table saw different moments of a shared machine, whose pace can swing 2-3x within minutes.
"$python" - "$cli" "$python" "$root/scripts/bench_reference.py" "$@" <<'PY'
import json, subprocess, sys

cli, python, reference, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
options = {"--arch": None, "--modes": "fp32-nchw,fp32-cl,bf16-cl", "--rounds": "2"}
passed = []
i = 0
while i < len(args):
    if args[i] in options and i + 1 < len(args):
        options[args[i]] = args[i + 1]
        i += 2
    elif args[i] in ("--batch-size", "--steps", "--threads") and i + 1 < len(args):
        passed += args[i:i + 2]
        i += 2
    else:
        sys.exit(f"bench-reference: unknown or incomplete option {args[i]}")
try:
    rounds = int(options["--rounds"])
    assert rounds >= 1
except (ValueError, AssertionError):
    sys.exit(f"bench-reference: --rounds needs a whole number of at least 1, not {options['--rounds']}")


def run(command):
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"bench-reference: {' '.join(command)} failed with exit status {done.returncode}:\n"
                 + done.stderr[-2000:])
    return json.loads(done.stdout)


if options["--arch"]:
    archs = options["--arch"].split(",")
else:
    archs = run([python, reference, "--list"])["architectures"]
modes = options["--modes"].split(",")
sides = {"CifarLab": [cli, "bench", "--json"], "PyTorch": [python, reference]}
rows = []
meta = {}
for arch in archs:
    for mode in modes:
        seen = {name: [] for name in sides}
        for r in range(rounds):
            order = list(sides) if r % 2 == 0 else list(reversed(list(sides)))
            for name in order:
                out = run(sides[name] + ["--arch", arch, "--modes", mode] + passed)
                meta[name] = out
                seen[name].append(out["architectures"][0])
        rows.append((arch, mode, seen))
        print(f"measured {arch} {mode}", file=sys.stderr, flush=True)

ours, ref = meta["CifarLab"], meta["PyTorch"]
print(f"threads: CifarLab {ours['threads']}, PyTorch {ref['threads']} (torch {ref['torch']}); batch {ours['batch_size']}; "
      f"each side's fastest of {rounds} alternating round{'s' if rounds != 1 else ''}")
print()
print("| architecture | mode | CifarLab train img/s | PyTorch train img/s | ratio | CifarLab infer img/s | PyTorch infer img/s | ratio |")
print("|---|---|---|---|---|---|---|---|")
worst = None
best = lambda runs, k: max(x[k] for x in runs)
for arch, mode, seen in rows:
    o = {k: best(seen["CifarLab"], k) for k in ("train_images_per_second", "infer_images_per_second")}
    t = {k: best(seen["PyTorch"], k) for k in ("train_images_per_second", "infer_images_per_second")}
    tr = o["train_images_per_second"] / t["train_images_per_second"]
    ir = o["infer_images_per_second"] / t["infer_images_per_second"]
    worst = tr if worst is None else min(worst, tr)
    print(f"| {arch} | {mode} | {o['train_images_per_second']:.1f} | {t['train_images_per_second']:.1f} | "
          f"{tr:.2f} | {o['infer_images_per_second']:.1f} | {t['infer_images_per_second']:.1f} | {ir:.2f} |")
if worst is not None:
    print(f"\nlowest training ratio: {worst:.2f}")
if rounds > 1:
    print("\ntraining img/s in each round (how steady the machine was):\n")
    print("| architecture | mode | CifarLab | PyTorch |")
    print("|---|---|---|---|")
    for arch, mode, seen in rows:
        each = lambda name: ", ".join(f"{x['train_images_per_second']:.1f}" for x in seen[name])
        print(f"| {arch} | {mode} | {each('CifarLab')} | {each('PyTorch')} |")
PY
