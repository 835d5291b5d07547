#!/usr/bin/python3
"""Time the PyTorch counterpart of sdzoo's transformer-seq2seq bench, float32, 2 threads.

`sdzoo bench transformer` (and `sdzoo bench transformer-copy`) run it beside their own measurement when /usr/bin/python3 has torch
(Debian's python3-torch, 1.13). By hand: /usr/bin/python3 transformer_torch.py [ITERATIONS [REPEATS]]

Model: token embeddings x sqrt(D) + sinusoidal positions, dropout 0.1, nn.Transformer(d_model=128,
nhead=4, 3+3 layers, dim_feedforward=512, batch_first=True), generator Linear(128, 1000);
batch 64, source and target length 32, source key-padding and causal target masks (as sdzoo feeds).
  train step = zero_grad + forward + token cross-entropy + backward + Adam step
  forward    = forward only, eval mode, under torch.no_grad()
  greedy     = encoder once, then 32 decoder passes over the growing prefix, batch 64 (tokens/s)
Each is timed ITERATIONS times (default 5) after as many warm-up ones, REPEATS (default 3) times;
the last line is JSON of medians, with each repeat's mean ms under KEY_repeats.
"""
import json
import math
import statistics
import sys
import time

import torch
from torch import nn

torch.set_num_threads(2)
torch.manual_seed(0)
ITERS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
V, D, H, FF, LAYERS, B, L, PAD, BOS = 1000, 128, 4, 512, 3, 64, 32, 0, 1


class Seq2Seq(nn.Module):
    def __init__(self):
        super().__init__()
        self.src_embed = nn.Embedding(V, D)
        self.tgt_embed = nn.Embedding(V, D)
        pe = torch.zeros(64, D)
        pos = torch.arange(64).unsqueeze(1)
        div = torch.exp(torch.arange(0, D, 2) * (-math.log(10000.0) / D))
        pe[:, 0::2] = torch.sin(pos * div)
        pe[:, 1::2] = torch.cos(pos * div)
        self.register_buffer("pe", pe)
        self.drop = nn.Dropout(0.1)
        self.transformer = nn.Transformer(D, H, LAYERS, LAYERS, FF, 0.1, batch_first=True)
        self.generator = nn.Linear(D, V)

    def embed(self, emb, ids):
        return self.drop(emb(ids) * math.sqrt(D) + self.pe[: ids.shape[1]])

    def encode(self, src, pad):
        return self.transformer.encoder(self.embed(self.src_embed, src), src_key_padding_mask=pad)

    def decode(self, tgt, memory, pad):
        causal = self.transformer.generate_square_subsequent_mask(tgt.shape[1])
        return self.transformer.decoder(self.embed(self.tgt_embed, tgt), memory, tgt_mask=causal,
                                        memory_key_padding_mask=pad)

    def forward(self, src, tgt):
        pad = src == PAD
        return self.generator(self.decode(tgt, self.encode(src, pad), pad))


def repeats_ms(fn):
    for _ in range(ITERS):
        fn()
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        for _ in range(ITERS):
            fn()
        times.append((time.perf_counter() - t0) / ITERS * 1e3)
    return times


model = Seq2Seq()
opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.98), eps=1e-9)
src = torch.randint(3, V, (B, L))
tgt = torch.cat([torch.full((B, 1), BOS), torch.randint(3, V, (B, L))], dim=1)
tgt_in, tgt_out = tgt[:, :-1], tgt[:, 1:]
loss_fn = nn.CrossEntropyLoss(ignore_index=PAD)


def train_step():
    model.train()
    opt.zero_grad()
    loss = loss_fn(model(src, tgt_in).reshape(-1, V), tgt_out.reshape(-1))
    loss.backward()
    opt.step()


def forward():
    model.eval()
    with torch.no_grad():
        model(src, tgt_in)


def greedy():
    model.eval()
    with torch.no_grad():
        pad = src == PAD
        memory = model.encode(src, pad)
        ys = torch.full((B, 1), BOS)
        for _ in range(L):
            logits = model.generator(model.decode(ys, memory, pad)[:, -1])
            ys = torch.cat([ys, logits.argmax(-1, keepdim=True)], dim=1)


train = repeats_ms(train_step)
fwd = repeats_ms(forward)
greedy_times = repeats_ms(greedy)
greedy_ms = statistics.median(greedy_times)
print(json.dumps({"train_step_ms": statistics.median(train), "forward_ms": statistics.median(fwd),
                  "greedy_ms": greedy_ms, "greedy_tokens_per_s": B * L / (greedy_ms / 1e3),
                  "train_step_ms_repeats": train, "forward_ms_repeats": fwd, "greedy_ms_repeats": greedy_times}))
