"""PyTorch's side of tools/OpBench.java: the same kernels at the same shapes, float32, median ms."""
import sys
import time

import torch
import torch.nn.functional as F


def timed(name, fn, seconds):
    start = time.perf_counter()
    calls = 0
    while time.perf_counter() - start < seconds * 0.5 or calls < 3:
        fn()
        calls += 1
    per_call = (time.perf_counter() - start) / calls
    n = max(1, int(seconds / 5 / per_call))
    ms = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        ms.append((time.perf_counter() - t0) * 1e3 / n)
    ms.sort()
    print(f"{name}\t{ms[2]:.4f}\t{ms[0]:.4f}\t{ms[4]:.4f}")


def conv(b, c, t, k, d, seconds):
    x = torch.randn(b, c, t, requires_grad=True)
    w = (torch.randn(c, c, k) * 0.1).requires_grad_()
    bias = torch.randn(c, requires_grad=True)
    gy = torch.randn(b, c, t)
    pad = (k - 1) * d

    def fwd():
        with torch.no_grad():
            F.conv1d(F.pad(x, (pad, 0)), w, bias, dilation=d)

    def fwd_bwd():
        y = F.conv1d(F.pad(x, (pad, 0)), w, bias, dilation=d)
        torch.autograd.grad(y, (x, w, bias), gy)

    shape = f"B{b} C{c} T{t} K{k} d{d}"
    timed("conv1d fwd " + shape, fwd, seconds)
    timed("conv1d fwd+bp " + shape, fwd_bwd, seconds)


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    torch.manual_seed(1)
    print(f"# torch {torch.__version__}, threads {torch.get_num_threads()}")
    for d in (1, 8, 64, 128):
        conv(64, 25, 784, 7, d, seconds)
    for d in (1, 8):
        conv(32, 30, 600, 7, d, seconds)
    for m, k, n in ((2708, 1433, 16), (2708, 16, 7), (2048, 128, 128), (2048, 128, 512), (2048, 512, 128)):
        a, b, c = torch.randn(m, k), torch.randn(k, n), torch.empty(m, n)
        timed(f"matmul {m}x{k} . {k}x{n}", lambda: torch.mm(a, b, out=c), seconds)
    a, b, c = torch.randn(512, 32, 16), torch.randn(512, 16, 32), torch.empty(512, 32, 32)
    timed("matmul 512x[32x16 . 16x32]", lambda: torch.bmm(a, b, out=c), seconds)
    for m, n in ((16384, 32), (2708, 7)):
        x, y = torch.randn(m, n), torch.empty(m, n)
        timed(f"softmax {m}x{n}", lambda: torch.softmax(x, 1, out=y) if False else torch.softmax(x, 1), seconds)


if __name__ == "__main__":
    main()
