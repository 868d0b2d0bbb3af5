# Recipe search for ResNet-18 (kuangliu CIFAR variant, as models/resnet.cpp) mirroring CifarLab's
# trainer: SGD nesterov, wd on all params, per-step one-cycle (base/25 -> base linear warm-up,
# cosine to base/1e4), label smoothing, random crop (zero pad 4) + flip, dataset normalization,
# bf16 autocast, channels-last, BN in eval for test. It answers "which recipe, how many epochs" in
# seconds per run on a GPU, before spending CPU hours in CifarLab itself (docs/results.md).
#
#   CIFAR10_ZIP=../shared/datasets/cifar10-jpeg.zip python3 scripts/resnet18_recipe_study.py [budget_s]
#
# Needs PyTorch with CUDA, numpy and opencv-python; writes tune.log into $OUT (default /tmp).
import math, os, sys, time, zipfile
import numpy as np, cv2, torch, torch.nn as nn, torch.nn.functional as F
from concurrent.futures import ThreadPoolExecutor
t0 = time.time()
OUT = os.environ.get("OUT", "/tmp")
log = open(os.path.join(OUT, "tune.log"), "w")
def say(*a):
    s = " ".join(str(x) for x in a); print(s, flush=True); log.write(s + "\n"); log.flush()
z = zipfile.ZipFile(os.environ.get("CIFAR10_ZIP", "../shared/datasets/cifar10-jpeg.zip"))
names = [n for n in z.namelist() if n.endswith(".jpg")]
classes = sorted({n.split("/")[1] for n in names})
blobs = {n: z.read(n) for n in names}
def dec2(n):
    a = cv2.imdecode(np.frombuffer(blobs[n], np.uint8), cv2.IMREAD_COLOR)
    return cv2.cvtColor(a, cv2.COLOR_BGR2RGB)
def load(split):
    ns = sorted(n for n in names if n.startswith(split + "/"))
    with ThreadPoolExecutor(16) as ex: imgs = list(ex.map(dec2, ns))
    x = torch.from_numpy(np.stack(imgs)).permute(0, 3, 1, 2).contiguous()
    y = torch.tensor([classes.index(n.split("/")[1]) for n in ns])
    return x, y
xtr, ytr = load("train"); xte, yte = load("test")
say("data", xtr.shape, xte.shape, "%.1fs" % (time.time() - t0))
dev = "cuda"
xtr, ytr, xte, yte = xtr.to(dev), ytr.to(dev), xte.to(dev), yte.to(dev)
mean = (xtr.float() / 255).mean((0, 2, 3)).view(1, 3, 1, 1)
std = (xtr.float() / 255).std((0, 2, 3)).view(1, 3, 1, 1)

class Block(nn.Module):
    def __init__(s, i, p, st):
        super().__init__()
        s.conv1 = nn.Conv2d(i, p, 3, st, 1, bias=False); s.bn1 = nn.BatchNorm2d(p)
        s.conv2 = nn.Conv2d(p, p, 3, 1, 1, bias=False); s.bn2 = nn.BatchNorm2d(p)
        s.shortcut = nn.Sequential()
        if st != 1 or i != p: s.shortcut = nn.Sequential(nn.Conv2d(i, p, 1, st, bias=False), nn.BatchNorm2d(p))
    def forward(s, x):
        o = F.relu(s.bn1(s.conv1(x))); o = s.bn2(s.conv2(o)); return F.relu(o + s.shortcut(x))
class R18(nn.Module):
    def __init__(s):
        super().__init__()
        s.conv1 = nn.Conv2d(3, 64, 3, 1, 1, bias=False); s.bn1 = nn.BatchNorm2d(64)
        L = []; i = 64
        for k, p in enumerate([64, 128, 256, 512]):
            L.append(nn.Sequential(Block(i, p, 1 if k == 0 else 2), Block(p, p, 1))); i = p
        s.layers = nn.Sequential(*L); s.linear = nn.Linear(512, 10)
    def forward(s, x):
        x = s.layers(F.relu(s.bn1(s.conv1(x)))); return s.linear(F.adaptive_avg_pool2d(x, 1).flatten(1))

def lr_at(step, total, base, warm):
    t = min(max(step / max(1, total), 0), 1); ini = base / 25; fin = base / 1e4
    if t < warm: return ini + (base - ini) * t / warm
    u = (t - warm) / max(1e-9, 1 - warm); return fin + (base - fin) * 0.5 * (1 + math.cos(math.pi * u))

def augment(xb, crop, flip, cutout):
    B = xb.shape[0]
    if crop:
        p = F.pad(xb, (4, 4, 4, 4))
        dy = torch.randint(0, 9, (B,), device=dev); dx = torch.randint(0, 9, (B,), device=dev)
        ar = torch.arange(32, device=dev)
        rows = (dy[:, None] + ar)[:, :, None]; cols = (dx[:, None] + ar)[:, None, :]
        xb = p[torch.arange(B, device=dev)[:, None, None], :, rows, cols].permute(0, 3, 1, 2)
    if flip:
        m = torch.rand(B, device=dev) < 0.5
        xb = torch.where(m[:, None, None, None], xb.flip(3), xb)
    if cutout:
        cy = torch.randint(0, 32, (B,), device=dev); cx = torch.randint(0, 32, (B,), device=dev)
        ar = torch.arange(32, device=dev)
        my = ((ar[None] - cy[:, None]).abs() < 4); mx = ((ar[None] - cx[:, None]).abs() < 4)
        xb = xb * (~(my[:, :, None] & mx[:, None, :]))[:, None].to(xb.dtype)
    return xb

def run(name, epochs=5, bs=256, lr=0.1, warm=0.15, wd=5e-4, ls=0.1, crop=True, flip=True, cutout=False, seed=0, nest=True, adamw=False):
    torch.manual_seed(seed)
    net = R18().to(dev).to(memory_format=torch.channels_last)
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=wd) if adamw else torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, nesterov=nest, weight_decay=wd)
    N = xtr.shape[0]; spe = (N + bs - 1) // bs; total = int(epochs * spe); step = 0; accs = []
    ts = time.time()
    for ep in range(math.ceil(total / spe)):
        net.train(); order = torch.randperm(N, device=dev)
        for b in range(min(spe, total - ep * spe)):
            idx = order[b * bs:(b + 1) * bs]
            xb = augment(xtr[idx].float() / 255, crop, flip, cutout)
            xb = ((xb - mean) / std).contiguous(memory_format=torch.channels_last)
            for g in opt.param_groups: g["lr"] = lr_at(step, total, lr, warm)
            with torch.autocast("cuda", torch.bfloat16):
                out = net(xb)
            loss = F.cross_entropy(out.float(), ytr[idx], label_smoothing=ls)
            opt.zero_grad(set_to_none=True); loss.backward(); opt.step(); step += 1
        net.eval(); c = 0
        with torch.no_grad(), torch.autocast("cuda", torch.bfloat16):
            for b in range(0, xte.shape[0], 1000):
                xb = ((xte[b:b + 1000].float() / 255 - mean) / std).contiguous(memory_format=torch.channels_last)
                c += (net(xb).argmax(1) == yte[b:b + 1000]).sum().item()
        accs.append(c / 100)
    say("%-44s final %.2f best %.2f per-epoch %s  (%.0fs)" % (name, accs[-1], max(accs), accs, time.time() - ts))

torch.backends.cudnn.benchmark = True
grid = [
 ("A prev: bs256 lr0.2 w0.15", dict(bs=256, lr=0.2)),
 ("B std : bs256 lr0.1 w0.15", dict(bs=256, lr=0.1)),
 ("C bs512 lr0.4 w0.25", dict(bs=512, lr=0.4, warm=0.25)),
 ("D bs512 lr0.2 w0.25", dict(bs=512, lr=0.2, warm=0.25)),
 ("E bs256 lr0.4 w0.25", dict(bs=256, lr=0.4, warm=0.25)),
 ("F bs128 lr0.1 w0.15", dict(bs=128, lr=0.1)),
 ("G bs512 lr0.8 w0.3", dict(bs=512, lr=0.8, warm=0.3)),
 ("H bs512 lr0.4 w0.25 wd1e-3", dict(bs=512, lr=0.4, warm=0.25, wd=1e-3)),
 ("I bs512 lr0.4 w0.25 ls0", dict(bs=512, lr=0.4, warm=0.25, ls=0.0)),
 ("J bs256 lr0.2 w0.3 cutout", dict(bs=256, lr=0.2, warm=0.3, cutout=True)),
 ("K bs512 lr0.4 w0.25 seed1", dict(bs=512, lr=0.4, warm=0.25, seed=1)),
 ("a bs128 lr0.05 w0.15", dict(bs=128, lr=0.05)),
 ("b bs128 lr0.1 w0.3", dict(bs=128, lr=0.1, warm=0.3)),
 ("c bs64 lr0.05 w0.15", dict(bs=64, lr=0.05)),
 ("e adamw bs128 lr3e-3 wd0.05", dict(bs=128, lr=3e-3, wd=0.05, adamw=True)),
 ("f bs128 lr0.1 ls0.2", dict(bs=128, lr=0.1, ls=0.2)),
 ("L bs256 lr0.1 w0.15 8ep", dict(bs=256, lr=0.1, epochs=8)),
 ("M bs512 lr0.4 w0.25 8ep", dict(bs=512, lr=0.4, warm=0.25, epochs=8)),
 ("N bs256 lr0.1 w0.15 10ep", dict(bs=256, lr=0.1, epochs=10)),
 ("g bs128 lr0.1 12ep", dict(bs=128, lr=0.1, epochs=12)),
 ("h bs256 lr0.1 15ep", dict(bs=256, lr=0.1, epochs=15)),
]
budget = float(sys.argv[1]) if len(sys.argv) > 1 else 1e9
for name, kw in grid:
    if time.time() - t0 > budget: say("budget reached, skipped", name); continue
    run(name, **kw)
say("total %.0fs" % (time.time() - t0))
