"""Median training-step time of a locuslab-structured TCN in PyTorch, for comparison with
TcnMeasurements (same shapes, same machine, 2 threads).

    /usr/bin/python3 tcn_bench_torch.py [steps]

Shapes (issue 14): adding problem batch 32, T = 600, 2 channels, 8 levels of 30, kernel 7, a
last-step linear head and MSE; sequential MNIST batch 64, T = 784, 1 channel, 8 levels of 25,
kernel 7, a last-step head of 10 and cross-entropy. Weight norm on, dropout 0 (adding) / 0.05
(MNIST), Adam. Prints one JSON line per workload.
"""
import json
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import weight_norm

torch.set_num_threads(2)
torch.manual_seed(1111)


class Block(nn.Module):
    def __init__(self, c_in, c_out, k, d, dropout):
        super().__init__()
        pad = (k - 1) * d
        self.pad = pad
        self.conv1 = weight_norm(nn.Conv1d(c_in, c_out, k, padding=pad, dilation=d))
        self.conv2 = weight_norm(nn.Conv1d(c_out, c_out, k, padding=pad, dilation=d))
        self.drop = nn.Dropout(dropout)
        self.downsample = nn.Conv1d(c_in, c_out, 1) if c_in != c_out else None

    def forward(self, x):
        y = self.drop(F.relu(self.conv1(x)[:, :, :-self.pad]))
        y = self.drop(F.relu(self.conv2(y)[:, :, :-self.pad]))
        return F.relu(y + (x if self.downsample is None else self.downsample(x)))


class Model(nn.Module):
    def __init__(self, c_in, channels, k, outputs, dropout):
        super().__init__()
        self.network = nn.Sequential(*[Block(c_in if i == 0 else channels[i - 1], c, k, 2 ** i, dropout)
                                       for i, c in enumerate(channels)])
        self.linear = nn.Linear(channels[-1], outputs)

    def forward(self, x):
        return self.linear(self.network(x)[:, :, -1])


def bench(name, b, c_in, t, channels, k, outputs, dropout, lr, steps):
    model = Model(c_in, channels, k, outputs, dropout)
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    x = torch.randn(b, c_in, t)
    y = torch.rand(b, 1) if outputs == 1 else torch.randint(0, outputs, (b,))
    times = []
    for i in range(steps + 2):
        start = time.perf_counter()
        opt.zero_grad()
        out = model(x)
        loss = F.mse_loss(out, y) if outputs == 1 else F.cross_entropy(out, y)
        loss.backward()
        opt.step()
        if i >= 2:                                    # two warm-up steps
            times.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"workload": name, "median_ms": statistics.median(times), "min_ms": min(times),
                      "steps": steps, "threads": torch.get_num_threads(), "torch": torch.__version__}))


steps = int(sys.argv[1]) if len(sys.argv) > 1 else 10
bench("adding", 32, 2, 600, [30] * 8, 7, 1, 0.0, 4e-3, steps)
bench("seq-mnist", 64, 1, 784, [25] * 8, 7, 10, 0.05, 2e-3, steps)
