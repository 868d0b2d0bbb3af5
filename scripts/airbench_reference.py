#!/usr/bin/env python3
"""PyTorch-Python port of CifarLab's `fast` preset (the airbench94 recipe, arXiv 2404.00498) for timing
against `cifarlab-cli train --arch airbench --preset fast`: the same network, optimizer, schedule,
lookahead, augmentation and test-time augmentation, written the plain way on CPU (bf16 autocast,
channels-last). Reads an ImageFolder .zip (train/<class>/*, test/<class>/*) with zipfile and PIL.
Prints per-epoch progress and `test accuracy: NN.NN%` at the end; time it from process start.
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


def main():
    start = time.perf_counter()
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--epochs", type=float, default=9.9)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--eval-every-epoch", action="store_true",
                    help="also evaluate (no TTA) after every epoch, as CifarLab does for its live charts")
    a = ap.parse_args()
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

    batch, momentum = 1024, 0.85
    scale = 1024 * (1 + 1 / (1 - momentum))
    lr = 11.5 / scale
    wd = 0.0153 * batch / scale
    steps_per_epoch = len(train) // batch
    total = int(a.epochs * steps_per_epoch)

    net = Airbench().to(memory_format=torch.channels_last)
    for m in net.modules():
        if isinstance(m, nn.Conv2d) and m is not net.whiten:
            nn.init.dirac_(m.weight.data[: m.weight.size(1)])
    whiten_init(net.whiten, train[torch.randperm(len(train))[:5000]])
    norm_biases = [p for n, p in net.named_parameters() if "norm" in n and p.requires_grad]
    others = [p for n, p in net.named_parameters() if "norm" not in n and p.requires_grad]
    opt = torch.optim.SGD([dict(params=norm_biases, lr=lr * 64, weight_decay=wd / (lr * 64)),
                           dict(params=others, lr=lr, weight_decay=wd / lr)], momentum=momentum, nesterov=True)
    base = [g["lr"] for g in opt.param_groups]

    def factor(step):
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
        if epoch >= 3 and slow is None:
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
            for g, b0 in zip(opt.param_groups, base):
                g["lr"] = b0 * factor(step)
            with torch.autocast("cpu", dtype=torch.bfloat16):
                out = net(x)
            loss = F.cross_entropy(out.float(), train_y[idx], label_smoothing=0.2, reduction="sum")
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
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
