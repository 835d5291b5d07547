#!/usr/bin/python3
"""Time locuslab's TCN (TCN/tcn.py with weight norm, a linear head on the last step) in PyTorch,
float32, 2 threads, beside `sdzoo bench tcn-seq-mnist` / `sdzoo bench tcn-adding`.

    /usr/bin/python3 tcn_torch.py WORKLOAD [ITERATIONS [REPEATS]]

WORKLOAD is `seq-mnist` (batch 64, T = 784, 1 channel, 8 levels of 25, kernel 7, 10 classes,
dropout 0.05, cross-entropy, Adam 2e-3) or `adding` (batch 32, T = 600, 2 channels, 8 levels of 30,
kernel 7, one output, MSE, Adam 4e-3). It times ITERATIONS (default 10) iterations after as many
warm-up ones, REPEATS (default 5) times, and reports the median ms per iteration of
  train step = zero_grad + forward + loss + backward + Adam step
  forward    = forward only, eval mode, under torch.no_grad()
Last line is JSON: {"train_step_ms": ..., "forward_ms": ...}.
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
WORKLOAD = sys.argv[1]
ITERS = int(sys.argv[2]) if len(sys.argv) > 2 else 10
REPEATS = int(sys.argv[3]) if len(sys.argv) > 3 else 5


class Chomp1d(nn.Module):
    def __init__(self, chomp_size):
        super().__init__()
        self.chomp_size = chomp_size

    def forward(self, x):
        return x[:, :, :-self.chomp_size].contiguous()


class TemporalBlock(nn.Module):
    """locuslab/TCN TCN/tcn.py, unchanged in structure."""

    def __init__(self, n_inputs, n_outputs, kernel_size, stride, dilation, padding, dropout):
        super().__init__()
        self.conv1 = weight_norm(nn.Conv1d(n_inputs, n_outputs, kernel_size, stride=stride, padding=padding,
                                           dilation=dilation))
        self.chomp1, self.relu1, self.dropout1 = Chomp1d(padding), nn.ReLU(), nn.Dropout(dropout)
        self.conv2 = weight_norm(nn.Conv1d(n_outputs, n_outputs, kernel_size, stride=stride, padding=padding,
                                           dilation=dilation))
        self.chomp2, self.relu2, self.dropout2 = Chomp1d(padding), nn.ReLU(), nn.Dropout(dropout)
        self.net = nn.Sequential(self.conv1, self.chomp1, self.relu1, self.dropout1,
                                 self.conv2, self.chomp2, self.relu2, self.dropout2)
        self.downsample = nn.Conv1d(n_inputs, n_outputs, 1) if n_inputs != n_outputs else None
        self.relu = nn.ReLU()

    def forward(self, x):
        out = self.net(x)
        res = x if self.downsample is None else self.downsample(x)
        return self.relu(out + res)


class TCN(nn.Module):
    def __init__(self, c_in, channels, k, outputs, dropout):
        super().__init__()
        layers = []
        for i, c in enumerate(channels):
            d = 2 ** i
            layers.append(TemporalBlock(c_in if i == 0 else channels[i - 1], c, k, 1, d, (k - 1) * d, dropout))
        self.network = nn.Sequential(*layers)
        self.linear = nn.Linear(channels[-1], outputs)

    def forward(self, x):
        return self.linear(self.network(x)[:, :, -1])


WORKLOADS = {
    # batch, channels in, length, levels x width, kernel, outputs, dropout, lr
    "seq-mnist": (64, 1, 784, [25] * 8, 7, 10, 0.05, 2e-3),
    "adding": (32, 2, 600, [30] * 8, 7, 1, 0.0, 4e-3),
}


def median_ms(fn):
    for _ in range(ITERS):
        fn()
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        for _ in range(ITERS):
            fn()
        times.append((time.perf_counter() - t0) / ITERS * 1e3)
    return statistics.median(times), times


b, c_in, t, channels, k, outputs, dropout, lr = WORKLOADS[WORKLOAD]
model = TCN(c_in, channels, k, outputs, dropout)
opt = torch.optim.Adam(model.parameters(), lr=lr)
x = torch.randn(b, c_in, t)
y = torch.rand(b, 1) if outputs == 1 else torch.randint(0, outputs, (b,))


def train_step():
    model.train()
    opt.zero_grad()
    out = model(x)
    loss = F.mse_loss(out, y) if outputs == 1 else F.cross_entropy(out, y)
    loss.backward()
    opt.step()


def forward():
    model.eval()
    with torch.no_grad():
        model(x)


tr, tr_all = median_ms(train_step)
fw, fw_all = median_ms(forward)
print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, {WORKLOAD}")
print(f"train_step median {tr:.2f} ms {['%.2f' % v for v in tr_all]}")
print(f"forward    median {fw:.2f} ms {['%.2f' % v for v in fw_all]}")
print(json.dumps({"train_step_ms": round(tr, 3), "forward_ms": round(fw, 3)}))
