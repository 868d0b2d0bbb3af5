#!/usr/bin/env python3
"""PyTorch-Python reference for `cifarlab-cli bench`: the same six architectures, the same training step
(SGD with Nesterov momentum and weight decay, cross-entropy, bf16 autocast on CPU where asked) on the
same random 3x32x32 batches, timed the same way. Prints one JSON object like `cifarlab-cli bench --json`.

Usage: bench_reference.py [--arch a,b] [--modes fp32-nchw,fp32-cl,bf16-cl] [--batch-size N] [--steps N] [--threads N]
       bench_reference.py --list
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Baseline(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


class BaselinePlus(nn.Module):
    def __init__(self):
        super().__init__()
        layers, c = [], 3
        for w in (32, 64, 128):
            layers += [nn.Conv2d(c, w, 3, padding=1, bias=False), nn.BatchNorm2d(w), nn.ReLU(), nn.MaxPool2d(2)]
            c = w
        self.features = nn.Sequential(*layers)
        self.fc1 = nn.Linear(128 * 4 * 4, 256)
        self.dropout = nn.Dropout(0.5)
        self.fc2 = nn.Linear(256, 10)

    def forward(self, x):
        x = torch.flatten(self.features(x), 1)
        return self.fc2(self.dropout(F.relu(self.fc1(x))))


class BasicBlock(nn.Module):
    def __init__(self, inp, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inp, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or inp != planes:
            self.shortcut = nn.Sequential(nn.Conv2d(inp, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(out)) + self.shortcut(x))


class ResNet18(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        blocks, inp = [], 64
        for i, planes in enumerate((64, 128, 256, 512)):
            for b in range(2):
                blocks.append(BasicBlock(inp, planes, 2 if i > 0 and b == 0 else 1))
                inp = planes
        self.layers = nn.Sequential(*blocks)
        self.linear = nn.Linear(512, 10)

    def forward(self, x):
        x = self.layers(F.relu(self.bn1(self.conv1(x))))
        return self.linear(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


class ResNeXtBlock(nn.Module):
    def __init__(self, inp, cardinality, width, stride):
        super().__init__()
        gw = cardinality * width
        self.conv1 = nn.Conv2d(inp, gw, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(gw)
        self.conv2 = nn.Conv2d(gw, gw, 3, stride, 1, groups=cardinality, bias=False)
        self.bn2 = nn.BatchNorm2d(gw)
        self.conv3 = nn.Conv2d(gw, 2 * gw, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(2 * gw)
        self.shortcut = nn.Sequential()
        if stride != 1 or inp != 2 * gw:
            self.shortcut = nn.Sequential(nn.Conv2d(inp, 2 * gw, 1, stride, bias=False), nn.BatchNorm2d(2 * gw))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        return F.relu(self.bn3(self.conv3(out)) + self.shortcut(x))


class ResNeXt29(nn.Module):
    def __init__(self, cardinality=32, width=4):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        blocks, inp = [], 64
        for stage, stride in enumerate((1, 2, 2)):
            for b in range(3):
                blocks.append(ResNeXtBlock(inp, cardinality, width, stride if b == 0 else 1))
                inp = 2 * cardinality * width
            width *= 2
        self.layers = nn.Sequential(*blocks)
        self.linear = nn.Linear(inp, 10)

    def forward(self, x):
        x = self.layers(F.relu(self.bn1(self.conv1(x))))
        return self.linear(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


class DenseLayer(nn.Module):
    def __init__(self, inp, growth):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(inp)
        self.conv1 = nn.Conv2d(inp, 4 * growth, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(4 * growth)
        self.conv2 = nn.Conv2d(4 * growth, growth, 3, padding=1, bias=False)

    def forward(self, x):
        out = self.conv1(F.relu(self.bn1(x)))
        out = self.conv2(F.relu(self.bn2(out)))
        return torch.cat([out, x], 1)


class DenseNet121(nn.Module):
    def __init__(self, growth=32, blocks=(6, 12, 24, 16)):
        super().__init__()
        planes = 2 * growth
        self.conv1 = nn.Conv2d(3, planes, 3, padding=1, bias=False)
        layers = []
        for i, n in enumerate(blocks):
            for _ in range(n):
                layers.append(DenseLayer(planes, growth))
                planes += growth
            if i < len(blocks) - 1:
                out = planes // 2
                layers += [nn.BatchNorm2d(planes), nn.ReLU(), nn.Conv2d(planes, out, 1, bias=False), nn.AvgPool2d(2)]
                planes = out
        self.features = nn.Sequential(*layers)
        self.bn = nn.BatchNorm2d(planes)
        self.linear = nn.Linear(planes, 10)

    def forward(self, x):
        x = F.relu(self.bn(self.features(self.conv1(x))))
        return self.linear(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


class AirbenchGroup(nn.Module):
    def __init__(self, inp, out):
        super().__init__()
        self.conv1 = nn.Conv2d(inp, out, 3, padding=1, bias=False)
        self.norm1 = nn.BatchNorm2d(out, eps=1e-12, momentum=0.4)
        self.conv2 = nn.Conv2d(out, out, 3, padding=1, bias=False)
        self.norm2 = nn.BatchNorm2d(out, eps=1e-12, momentum=0.4)
        for n in (self.norm1, self.norm2):
            n.weight.requires_grad = False

    def forward(self, x):
        x = F.gelu(self.norm1(F.max_pool2d(self.conv1(x), 2)))
        return F.gelu(self.norm2(self.conv2(x)))


class Airbench(nn.Module):
    def __init__(self, widths=(64, 256, 256)):
        super().__init__()
        self.whiten = nn.Conv2d(3, 24, 2, bias=True)
        self.whiten.weight.requires_grad = False
        self.block1 = AirbenchGroup(24, widths[0])
        self.block2 = AirbenchGroup(widths[0], widths[1])
        self.block3 = AirbenchGroup(widths[1], widths[2])
        self.head = nn.Linear(widths[2], 10, bias=False)

    def forward(self, x):
        x = F.gelu(self.whiten(x))
        x = self.block3(self.block2(self.block1(x)))
        return self.head(torch.flatten(F.adaptive_max_pool2d(x, 1), 1)) / 9


ARCHS = {"baseline": Baseline, "baseline-plus": BaselinePlus, "resnet18": ResNet18,
         "resnext29_32x4d": ResNeXt29, "densenet121": DenseNet121, "airbench": Airbench}


def bench(arch, mode, batch, steps, infer_batch=500):
    torch.manual_seed(0)
    bf16 = mode == "bf16-cl"
    fmt = torch.channels_last if mode != "fp32-nchw" else torch.contiguous_format
    net = ARCHS[arch]().to(memory_format=fmt)
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.SGD(params, lr=0.01, momentum=0.9, nesterov=True, weight_decay=5e-4)
    x = torch.randn(batch, 3, 32, 32).contiguous(memory_format=fmt)
    y = torch.randint(0, 10, (batch,))
    net.train()

    def step():
        opt.zero_grad()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            logits = net(x)
        F.cross_entropy(logits.float(), y).backward()
        opt.step()

    step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    train = batch * steps / (time.perf_counter() - start)
    net.eval()
    xi = torch.randn(infer_batch, 3, 32, 32).contiguous(memory_format=fmt)
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        net(xi)
        start = time.perf_counter()
        for _ in range(2):
            net(xi)
        infer = 2 * infer_batch / (time.perf_counter() - start)
    trainable = sum(p.numel() for p in params)
    return {"architecture": arch, "mode": mode, "train_images_per_second": train,
            "infer_images_per_second": infer, "trainable_parameters": trainable}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arch", default=",".join(ARCHS))
    ap.add_argument("--modes", default="fp32-nchw,fp32-cl,bf16-cl")
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--steps", type=int, default=3)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--list", action="store_true", help="print the architectures' names as JSON and exit")
    a = ap.parse_args()
    if a.list:
        print(json.dumps({"architectures": list(ARCHS)}))
        return
    import os
    torch.set_num_threads(a.threads or os.cpu_count())
    rows = [bench(arch, mode, a.batch_size, a.steps)
            for arch in a.arch.split(",") for mode in a.modes.split(",")]
    print(json.dumps({"threads": torch.get_num_threads(), "torch": torch.__version__, "architectures": rows}))


if __name__ == "__main__":
    main()
