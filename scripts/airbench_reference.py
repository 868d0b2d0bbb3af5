#!/usr/bin/env python3
"""PyTorch-Python port of CifarLab's airbench recipes for timing against `cifarlab-cli train --arch
airbench --preset fast` (or `--preset airbench94`), written the plain way on CPU (bf16 autocast,
channels-last): the same network, optimizer, schedule, augmentation and test-time augmentation.
  --recipe fast        airbench94_muon: Muon on the convolution filters, Nesterov SGD for the head and
                       the biases, batch 2000, a linear decay to zero, 10 epochs (CifarLab's `fast`)
  --recipe airbench94  the paper's (arXiv 2404.00498): Nesterov SGD, batch 1024, triangular schedule,
                       lookahead, 9.9 epochs
Reads an ImageFolder .zip (train/<class>/*, test/<class>/*) with zipfile and PIL. Prints per-epoch
progress and `test accuracy: NN.NN%` at the end; time it from process start.
"""
import argparse
import io
import math
import os
import time
import zipfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

from bench_reference import Airbench


def load_split(archive, split):
    names = sorted(n for n in archive.namelist() if n.startswith(split + "/") and not n.endswith("/"))
    classes = sorted({n.split("/")[1] for n in names})
    images = np.empty((len(names), 32, 32, 3), np.uint8)
    labels = np.empty(len(names), np.int64)
    for i, n in enumerate(names):
        images[i] = np.asarray(Image.open(io.BytesIO(archive.read(n))).convert("RGB"))
        labels[i] = classes.index(n.split("/")[1])
    return torch.from_numpy(images).permute(0, 3, 1, 2).contiguous(), torch.from_numpy(labels)


def whiten_init(layer, images, eps=5e-4):
    c = images.size(1)
    p = images.unfold(2, 2, 1).unfold(3, 2, 1).permute(0, 2, 3, 1, 4, 5).reshape(-1, c * 4).double()
    cov = p.T @ p / p.size(0)
    eigenvalues, eigenvectors = torch.linalg.eigh(cov, UPLO="U")
    eigenvalues, eigenvectors = eigenvalues.flip(0), eigenvectors.T.flip(0)
    scaled = eigenvectors / torch.sqrt(eigenvalues.clamp_min(0) + eps).unsqueeze(1)
    layer.weight.data[:] = torch.cat((scaled, -scaled)).float().view_as(layer.weight)


def newton_schulz(g, steps=3, dtype=torch.bfloat16):
    """Approximately U V^T for g = U S V^T: airbench's quintic iteration, on the shorter side, in
    bf16 as the published Muon (and CifarLab in a bf16 run) does it."""
    a, b, c = 3.4445, -4.7750, 2.0315
    tall = g.size(0) > g.size(1)
    x = g.t().float() if tall else g.float()
    x = (x / (x.norm() + 1e-7)).to(dtype)
    for _ in range(steps):
        gram = x @ x.t()
        x = a * x + (b * gram + c * gram @ gram) @ x
    x = x.float()
    return x.t() if tall else x


class Muon(torch.optim.Optimizer):
    """Nesterov momentum, orthogonalised, applied to a filter bank kept at norm sqrt(out channels)."""

    def __init__(self, params, lr, momentum):
        super().__init__(params, dict(lr=lr, momentum=momentum))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                buf = self.state[p].setdefault("momentum_buffer", torch.zeros_like(p.grad))
                buf.mul_(group["momentum"]).add_(p.grad)
                direction = p.grad.add(buf, alpha=group["momentum"])
                p.mul_(p.size(0) ** 0.5 / (p.norm() + 1e-12))
                p.add_(newton_schulz(direction.reshape(p.size(0), -1)).view_as(p), alpha=-group["lr"])


def main():
    start = time.perf_counter()
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--recipe", choices=("fast", "airbench94"), default="fast")
    ap.add_argument("--epochs", type=float, help="default: 10 (fast) or 9.9 (airbench94)")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--eval-every-epoch", action="store_true",
                    help="also evaluate (no TTA) after every epoch, as CifarLab does for its live charts")
    a = ap.parse_args()
    muon = a.recipe == "fast"
    if a.epochs is None:
        a.epochs = 10.0 if muon else 9.9
    torch.set_num_threads(a.threads or os.cpu_count())
    torch.manual_seed(a.seed)

    with zipfile.ZipFile(a.data) as z:
        train_x, train_y = load_split(z, "train")
        test_x, test_y = load_split(z, "test")
    print(f"loaded {len(train_x)} + {len(test_x)} images in {time.perf_counter() - start:.1f} s", flush=True)
    mean = train_x.float().div(255).mean((0, 2, 3)).view(1, 3, 1, 1)
    std = train_x.float().div(255).std((0, 2, 3)).view(1, 3, 1, 1)
    norm = lambda x: ((x.float() / 255 - mean) / std).contiguous(memory_format=torch.channels_last)
    train = norm(train_x)
    test = norm(test_x)

    momentum = 0.85
    batch = 2000 if muon else 1024
    if muon:
        lr = 0.67 * 81 / 65536
        wd = 2e-6 * batch / lr
    else:
        scale = 1024 * (1 + 1 / (1 - momentum))  # the paper's rates are per 1024 examples
        lr = 11.5 / scale
        wd = 0.0153 * batch / scale / lr
    steps_per_epoch = len(train) // batch
    total = int(a.epochs * steps_per_epoch)

    net = Airbench().to(memory_format=torch.channels_last)
    for m in net.modules():
        if isinstance(m, nn.Conv2d) and m is not net.whiten:
            nn.init.dirac_(m.weight.data[: m.weight.size(1)])
    whiten_init(net.whiten, train[torch.randperm(len(train))[:5000]])
    trainable = [(n, p) for n, p in net.named_parameters() if p.requires_grad]
    # BatchNorm biases (and, with Muon, the whitening bias) learn 64x faster with the same absolute decay.
    is_bias = lambda n: "norm" in n or (muon and n == "whiten.bias")
    is_filter = lambda p: muon and p.dim() == 4
    biases = [p for n, p in trainable if is_bias(n)]
    others = [p for n, p in trainable if not is_bias(n) and not is_filter(p)]
    opt = torch.optim.SGD([dict(params=biases, lr=lr * 64, weight_decay=wd / 64),
                           dict(params=others, lr=lr, weight_decay=wd)], momentum=momentum, nesterov=True)
    optimizers = [opt]
    if muon:
        optimizers.append(Muon([p for _, p in trainable if is_filter(p)], lr=0.24, momentum=0.6))
    base = [[g["lr"] for g in o.param_groups] for o in optimizers]

    def factor(step):
        if muon:
            return 1 - step / total
        warm = int(total * 0.23)
        if step < warm:
            f = step / warm
            return 0.2 * (1 - f) + f
        f = (step - warm) / max(1, total - warm)
        return (1 - f) + 0.07 * f

    flips = torch.rand(len(train)) < 0.5
    padded = F.pad(torch.where(flips.view(-1, 1, 1, 1), train.flip(-1), train), (2,) * 4, mode="reflect")
    slow = None
    step = 0

    def evaluate(tta):
        net.eval()
        logits = []
        with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
            for x in test.split(1000):
                mirror = lambda v: 0.5 * net(v).float() + 0.5 * net(v.flip(-1)).float()
                out = mirror(x) if tta else net(x).float()
                if tta:
                    p = F.pad(x, (1,) * 4, mode="reflect")
                    out = 0.5 * out + 0.25 * (mirror(p[:, :, :32, :32]) + mirror(p[:, :, 2:, 2:]))
                logits.append(out)
        net.train()
        return (torch.cat(logits).argmax(1) == test_y).float().mean().item()

    for epoch in range(math.ceil(a.epochs)):
        net.whiten.bias.requires_grad = epoch < 3  # grads are set to None every step: frozen means frozen
        if not muon and epoch >= 3 and slow is None:
            slow = {k: v.clone() for k, v in net.state_dict().items() if v.is_floating_point()}
        dy = torch.randint(0, 5, (len(train),))
        dx = torch.randint(0, 5, (len(train),))
        order = torch.randperm(len(train))
        for b in range(steps_per_epoch):
            if step >= total:
                break
            idx = order[b * batch:(b + 1) * batch]
            rows = torch.arange(32).view(1, 32, 1) + dy[idx].view(-1, 1, 1)
            cols = torch.arange(32).view(1, 1, 32) + dx[idx].view(-1, 1, 1)
            x = padded[idx.view(-1, 1, 1, 1), torch.arange(3).view(1, 3, 1, 1), rows.unsqueeze(1), cols.unsqueeze(1)]
            if epoch % 2 == 1:
                x = x.flip(-1)
            x = x.contiguous(memory_format=torch.channels_last)
            for o, rates in zip(optimizers, base):
                for g, b0 in zip(o.param_groups, rates):
                    g["lr"] = b0 * factor(step)
            with torch.autocast("cpu", dtype=torch.bfloat16):
                out = net(x)
            loss = F.cross_entropy(out.float(), train_y[idx], label_smoothing=0.2, reduction="sum")
            for o in optimizers:
                o.zero_grad(set_to_none=True)
            loss.backward()
            for o in optimizers:
                o.step()
            step += 1
            if slow is not None and (step % 5 == 0 or step >= total):
                decay = 1.0 if step >= total else 0.95 ** 5 * (step / total) ** 3
                with torch.no_grad():
                    for k, v in net.state_dict().items():
                        if k in slow:
                            slow[k].lerp_(v, 1 - decay)
                            v.copy_(slow[k])
        if step < total and a.eval_every_epoch:
            print(f"epoch {epoch + 1}: test accuracy {100 * evaluate(False):.2f}% at {time.perf_counter() - start:.0f} s",
                  flush=True)
    acc = evaluate(True)
    print(f"test accuracy: {100 * acc:.2f}%")
    print(f"wall time from process start: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
