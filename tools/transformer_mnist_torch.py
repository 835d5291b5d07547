"""The PyTorch reference of `sdzoo train transformer-mnist`: the same encoder-only classifier on MNIST
read as 28 rows of 28 pixels, trained with the same schedule, on 2 threads.

Model (sdzoo's transformer-classifier names, so the state_dict imports with
`sdzoo import-torch --arch transformer-classifier --weights sd.npz --config '{"numHeads":4,"maxLen":28}'`):
input_proj = Linear(28, 64); sinusoidal positions (PE[t, 2i] = sin(t / 10000^(2i/D)), cos at 2i+1);
dropout 0.1; encoder = 2 post-LN nn.TransformerEncoderLayer(64, 4, 128, 0.1, batch_first=True);
mean over the 28 positions; dropout 0.1; classifier = Linear(64, 10). Every matrix Xavier-uniform,
biases as PyTorch initialises them but attention's (zero), as sdzoo's initialisation.
Data: pixels / 255, normalised with MNIST's mean 0.1307 and std 0.3081. Training: Adam 1e-3,
batch 128, 5 epochs, shuffled each epoch; cross-entropy.

Run with /usr/bin/python3 (Debian python3-torch 1.13):
    /usr/bin/python3 tools/transformer_mnist_torch.py DATA_DIR [--epochs 5] [--samples 60000] [--save sd.npz]
DATA_DIR holds mnist/train-images-idx3-ubyte.gz etc. Prints one JSON line with the test accuracy.
"""
import argparse
import gzip
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn as nn


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count = int.from_bytes(data[0:4], "big"), int.from_bytes(data[4:8], "big")
    if magic == 2051:
        return np.frombuffer(data, np.uint8, offset=16).reshape(count, 28, 28)
    return np.frombuffer(data, np.uint8, offset=8)


def load(data_dir, split, samples):
    prefix = "train" if split == "train" else "t10k"
    x = idx(os.path.join(data_dir, "mnist", f"{prefix}-images-idx3-ubyte.gz"))[:samples]
    y = idx(os.path.join(data_dir, "mnist", f"{prefix}-labels-idx1-ubyte.gz"))[:samples]
    x = ((x.astype(np.float32) / 255.0 - 0.1307) / 0.3081).astype(np.float32)
    return torch.from_numpy(x), torch.from_numpy(y.astype(np.int64))


class Classifier(nn.Module):
    def __init__(self, features=28, classes=10, d=64, heads=4, ff=128, layers=2, dropout=0.1, max_len=28):
        super().__init__()
        self.input_proj = nn.Linear(features, d)
        pe = torch.zeros(max_len, d)
        t = torch.arange(max_len, dtype=torch.float64)[:, None]
        angle = t / torch.pow(10000.0, torch.arange(0, d, 2, dtype=torch.float64) / d)
        pe[:, 0::2], pe[:, 1::2] = torch.sin(angle), torch.cos(angle)
        self.register_buffer("pe", pe, persistent=False)
        self.dropout = nn.Dropout(dropout)
        layer = nn.TransformerEncoderLayer(d, heads, ff, dropout, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.classifier = nn.Linear(d, classes)
        for p in self.parameters():
            if p.dim() > 1:
                nn.init.xavier_uniform_(p)

    def forward(self, x):
        h = self.dropout(self.input_proj(x) + self.pe[: x.shape[1]])
        return self.classifier(self.dropout(self.encoder(h).mean(1)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--samples", type=int, default=60000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--save", help="write the trained state_dict as .npz")
    args = parser.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    x, y = load(args.data_dir, "train", args.samples)
    x_test, y_test = load(args.data_dir, "test", min(args.samples, 10000))
    model = Classifier()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    start = time.time()
    losses = []
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(x))
        total, count = 0.0, 0
        for i in range(0, len(x), 128):
            batch = order[i:i + 128]
            loss = nn.functional.cross_entropy(model(x[batch]), y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
            count += len(batch)
        losses.append(total / count)
        print(f"epoch {epoch + 1}: loss {losses[-1]:.4f}", flush=True)
    seconds = time.time() - start
    model.eval()
    with torch.no_grad():
        correct = sum(int((model(x_test[i:i + 1000]).argmax(1) == y_test[i:i + 1000]).sum())
                      for i in range(0, len(x_test), 1000))
    if args.save:
        np.savez(args.save, **{k: v.numpy() for k, v in model.state_dict().items()})
    print(json.dumps({"test_accuracy": 100.0 * correct / len(x_test), "epochs": args.epochs, "losses": losses,
                      "training_seconds": seconds, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
