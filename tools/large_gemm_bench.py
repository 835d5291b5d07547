"""PyTorch's side of tools/LargeGemmBench.java: torch.mm into a given output, same shapes, median of 7 x 10."""
import time

import torch

torch.set_num_threads(torch.get_num_threads())
for rows, inner, cols in [(2048, 128, 512), (2048, 512, 128), (2048, 128, 128), (25, 175, 50176),
                          (175, 25, 50176), (175, 50176, 25)]:
    x, w, out = torch.rand(rows, inner), torch.rand(inner, cols), torch.empty(rows, cols)
    for _ in range(5):
        torch.mm(x, w, out=out)
    times = []
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(10):
            torch.mm(x, w, out=out)
        times.append((time.perf_counter() - t0) / 10 * 1e6)
    times.sort()
    print(f"torch {rows}x{inner} by {inner}x{cols}: {times[3]:.0f} us")
