"""Regenerates the tiny NumPy fixtures beside this script for NumpyFilesTest.

Run from this directory: /usr/bin/python3 make_fixtures.py
"""
import numpy as np

np.save("f32_2x3.npy", np.arange(6, dtype=np.float32).reshape(2, 3) / 4)
np.save("i64_vec.npy", np.array([-3, 0, 7, 2**40], dtype=np.int64))
np.save("f64_fortran.npy", np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3)))
np.savez(
    "mixed.npz",
    weight=np.arange(6, dtype=np.float32).reshape(3, 2) - 1.5,
    bias=np.array([0.25, -0.5], dtype=np.float64),
    count=np.array([5], dtype=np.int32),
    steps=np.array([1, 2, 3], dtype=np.int64),
)
np.savez_compressed("compressed.npz", a=np.linspace(0, 1, 5, dtype=np.float32))
