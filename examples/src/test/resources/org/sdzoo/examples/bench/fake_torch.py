"""A stand-in for a PyTorch bench script in BenchSuiteTest: the JSON contract, fixed numbers, no torch.

Run as: fake_torch.py ITERATIONS REPEATS
"""
import json
import sys

iterations, repeats = int(sys.argv[1]), int(sys.argv[2])
print(f"fake PyTorch bench: {iterations} iterations x {repeats} repeats")
print(json.dumps({"train_ms": 2.0, "train_ms_repeats": [1.0, 2.0, 3.0], "forward_ms": 0.5}))
