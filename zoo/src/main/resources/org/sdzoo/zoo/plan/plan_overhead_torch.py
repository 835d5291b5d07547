"""PyTorch's cost per op on PlanOverhead's chain: 50 times y = tanh(y) + b on a [4, 4] float32
tensor (100 element-wise ops), eager, then with out= buffers; median microseconds per op.

Run: /usr/bin/python3 plan_overhead_torch.py [calls] [repeats]
(the file is in zoo's jar under org/sdzoo/zoo/plan/ and in zoo/src/main/resources there)."""
import sys
import time

import torch

OPS = 100


def median_us(work, calls, repeats):
    for _ in range(calls):
        work()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            work()
        times.append((time.perf_counter() - start) * 1e6 / calls)
    return sorted(times)[repeats // 2]


def main():
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    torch.manual_seed(0)
    x = torch.rand(4, 4)
    b = torch.rand(4, 4) * 0.01
    t = torch.empty(4, 4)
    y = torch.empty(4, 4)

    def eager():
        with torch.no_grad():
            v = x
            for _ in range(OPS // 2):
                v = torch.tanh(v) + b
            return v

    def with_out():
        with torch.no_grad():
            torch.tanh(x, out=t)
            torch.add(t, b, out=y)
            for _ in range(OPS // 2 - 1):
                torch.tanh(y, out=t)
                torch.add(t, b, out=y)
            return y

    print("chain of %d element-wise ops on [4, 4] float32, %d threads:" % (OPS, torch.get_num_threads()))
    print("  torch eager  %8.2f us per op" % (median_us(eager, calls, repeats) / OPS))
    print("  torch out=   %8.2f us per op" % (median_us(with_out, calls, repeats) / OPS))


if __name__ == "__main__":
    main()
