"""PyTorch 1.13 reference timing for GcnCoraMeasure: Kipf's 2-layer GCN on Cora, one full-batch
training step (dropout 0.5 on the input and hidden states, masked NLL on the 140 training nodes,
backward, Adam 0.01 with weight decay 5e-4 on the first layer), median of 50 steps after 10 warm-up
steps, on 2 threads, in three forms: dense Â with dense X; sparse Â (torch.sparse) with dense X;
sparse Â with sparse X (torch.sparse.mm, as tkipf's sparse_dropout + sparse matmul).

    /usr/bin/python3 gcn_cora_torch_bench.py $SDZOO_DATA_DIR/planetoid/cora
"""
import statistics
import sys
import time

import numpy as np
import torch

torch.set_num_threads(2)
torch.manual_seed(0)
d = sys.argv[1]
indptr = np.load(d + "/features_csr_indptr.npy").astype(np.int64)
indices = np.load(d + "/features_csr_indices.npy").astype(np.int64)
data = np.load(d + "/features_csr_data.npy").astype(np.float32)
edges = np.load(d + "/edges.npy").astype(np.int64)
labels = torch.tensor(np.load(d + "/labels.npy").astype(np.int64))
train = torch.tensor(np.load(d + "/train_idx.npy").astype(np.int64))
n, f, c, h = len(indptr) - 1, 1433, 7, 16

rows = np.repeat(np.arange(n), np.diff(indptr))
rowsum = np.bincount(rows, weights=data, minlength=n)
values = data / rowsum[rows]
x_sparse = torch.sparse_coo_tensor(np.vstack([rows, indices]), torch.tensor(values, dtype=torch.float32), (n, f)).coalesce()
x_dense = x_sparse.to_dense()

s = np.concatenate([edges[:, 0], edges[:, 1]])
t = np.concatenate([edges[:, 1], edges[:, 0]])
keep = s != t
s, t = np.concatenate([s[keep], np.arange(n)]), np.concatenate([t[keep], np.arange(n)])
deg = np.bincount(t, minlength=n).astype(np.float64)
coef = (deg[s] ** -0.5) * (deg[t] ** -0.5)
p_sparse = torch.sparse_coo_tensor(np.vstack([t, s]), torch.tensor(coef, dtype=torch.float32), (n, n)).coalesce()
p_dense = p_sparse.to_dense()


def glorot(a, b):
    r = (6.0 / (a + b)) ** 0.5
    return torch.nn.Parameter(torch.empty(a, b).uniform_(-r, r))


def sparse_dropout(x, p, training):
    if not training:
        return x
    mask = torch.rand(x._nnz()) >= p
    return torch.sparse_coo_tensor(x._indices()[:, mask], x._values()[mask] / (1 - p), x.shape)


def step_fn(x, p):
    w1, b1, w2, b2 = glorot(f, h), torch.nn.Parameter(torch.zeros(h)), glorot(h, c), torch.nn.Parameter(torch.zeros(c))
    opt = torch.optim.Adam([{"params": [w1, b1], "weight_decay": 5e-4}, {"params": [w2, b2]}], lr=0.01)
    mm = torch.sparse.mm if p.is_sparse else torch.mm

    def step():
        opt.zero_grad()
        if x.is_sparse:
            hid = torch.sparse.mm(sparse_dropout(x, 0.5, True), w1)
        else:
            hid = torch.nn.functional.dropout(x, 0.5, True) @ w1
        hid = torch.relu(mm(p, hid) + b1)
        out = mm(p, torch.nn.functional.dropout(hid, 0.5, True) @ w2) + b2
        loss = torch.nn.functional.nll_loss(torch.log_softmax(out, 1)[train], labels[train])
        loss.backward()
        opt.step()
        return loss.item()
    return step


for name, x, p in [("dense", x_dense, p_dense), ("edge_list", x_dense, p_sparse), ("edge_list_sparse_features", x_sparse, p_sparse)]:
    step = step_fn(x, p)
    for _ in range(10):
        step()
    times = []
    for _ in range(50):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000)
    print("torch %-28s median %.2f ms (min %.2f, max %.2f)" % (name, statistics.median(times), min(times), max(times)))
