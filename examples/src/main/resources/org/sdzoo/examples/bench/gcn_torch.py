#!/usr/bin/python3
"""Time a 2-layer GCN training step on Cora's shapes in PyTorch, float32, 2 threads.

`sdzoo bench gcn-cora` runs it beside its own measurement when /usr/bin/python3 has torch
(Debian's python3-torch, 1.13), once per form it times. By hand:
/usr/bin/python3 gcn_torch.py [FORM] [ITERATIONS [REPEATS]]   (FORM: one of the three below; default all)

The shapes are sdzoo's random graph of Cora's shapes (RandomGraph.coraShaped): N = 2708 nodes,
5278 random undirected pairs (both directions) plus self loops, symmetric normalisation,
F = 1433 features with 18 nonzeros of value 1 per row, row-normalised; hidden 16, C = 7, dropout
0.5 on the input features and the hidden layer, Adam lr 0.01 with weight decay 5e-4 on the first
layer's weight, masked NLL over 60% of the nodes (the random split's training part). Three forms:
  dense       dense P [N, N] and dense X: torch.mm for both products
  sparse_adj  P as a sparse COO tensor (torch.sparse.mm), dense X
  sparse_all  P sparse and X sparse: dropout on X's stored values, torch.sparse.mm(X, W)
For each it times ITERATIONS (default 50) iterations after as many warm-up ones, REPEATS (default
5) times, and reports the median:
  train step = zero_grad + forward (dropout on) + loss + backward + Adam step
  forward    = eval-mode forward under torch.no_grad()
Last line is JSON: train_step_ms_<form> and forward_ms_<form>.
"""
import json
import statistics
import sys
import time

import torch
import torch.nn.functional as fn

torch.set_num_threads(2)
torch.manual_seed(0)
DT = torch.float32
FORMS = {"dense": (False, False), "sparse_adj": (True, False), "sparse_all": (True, True)}
ARGS = sys.argv[1:]
ONLY = [ARGS.pop(0)] if ARGS and ARGS[0] in FORMS else list(FORMS)
ITERS = int(ARGS[0]) if len(ARGS) > 0 else 50
REPEATS = int(ARGS[1]) if len(ARGS) > 1 else 5
N, PAIRS, F, NNZ_ROW, H, C = 2708, 5278, 1433, 18, 16, 7

g = torch.Generator().manual_seed(1)
src = torch.randint(0, N, (PAIRS,), generator=g)
dst = (src + torch.randint(1, N, (PAIRS,), generator=g)) % N           # never a self loop
pairs = torch.unique(torch.cat([torch.stack([src, dst], 1), torch.stack([dst, src], 1)]), dim=0)
loops = torch.arange(N)
row = torch.cat([pairs[:, 1], loops])                                   # target
col = torch.cat([pairs[:, 0], loops])                                   # source
deg = torch.zeros(N).index_add_(0, row, torch.ones(row.numel()))
coef = deg[row].rsqrt() * deg[col].rsqrt()
P_sparse = torch.sparse_coo_tensor(torch.stack([row, col]), coef, (N, N)).coalesce()
P_dense = P_sparse.to_dense()

x_cols = torch.stack([torch.randperm(F, generator=g)[:NNZ_ROW] for _ in range(N)])   # [N, 18]
x_rows = torch.arange(N).repeat_interleave(NNZ_ROW)
x_idx = torch.stack([x_rows, x_cols.reshape(-1)])
x_val = torch.full((N * NNZ_ROW,), 1.0 / NNZ_ROW)                         # row-normalised
X_dense = torch.sparse_coo_tensor(x_idx, x_val, (N, F)).to_dense()
labels = torch.randint(0, C, (N,), generator=g)
train = torch.randperm(N, generator=g)[: int(0.6 * N)]


class Gcn(torch.nn.Module):
    def __init__(self, sparse_adj, sparse_x):
        super().__init__()
        self.w1 = torch.nn.Parameter(torch.empty(F, H))
        self.b1 = torch.nn.Parameter(torch.zeros(H))
        self.w2 = torch.nn.Parameter(torch.empty(H, C))
        self.b2 = torch.nn.Parameter(torch.zeros(C))
        torch.nn.init.xavier_uniform_(self.w1)
        torch.nn.init.xavier_uniform_(self.w2)
        self.sparse_adj, self.sparse_x = sparse_adj, sparse_x

    def prop(self, h):
        return torch.sparse.mm(P_sparse, h) if self.sparse_adj else torch.mm(P_dense, h)

    def forward(self):
        if self.sparse_x:
            vals = fn.dropout(x_val, 0.5, self.training)
            xw = torch.sparse.mm(torch.sparse_coo_tensor(x_idx, vals, (N, F)), self.w1)
        else:
            xw = torch.mm(fn.dropout(X_dense, 0.5, self.training), self.w1)
        h = torch.relu(self.prop(xw) + self.b1)
        h = fn.dropout(h, 0.5, self.training)
        return torch.log_softmax(self.prop(torch.mm(h, self.w2)) + self.b2, dim=1)


def median_ms(step):
    for _ in range(ITERS):
        step()
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        for _ in range(ITERS):
            step()
        times.append((time.perf_counter() - t0) / ITERS * 1e3)
    return statistics.median(times), times


def bench(name, sparse_adj, sparse_x):
    model = Gcn(sparse_adj, sparse_x)
    opt = torch.optim.Adam([{"params": [model.w1], "weight_decay": 5e-4},
                            {"params": [model.b1, model.w2, model.b2], "weight_decay": 0.0}], lr=0.01)

    def train_step():
        model.train()
        opt.zero_grad()
        loss = fn.nll_loss(model()[train], labels[train])
        loss.backward()
        opt.step()

    def forward():
        model.eval()
        with torch.no_grad():
            model()

    tr, tr_all = median_ms(train_step)
    fw, fw_all = median_ms(forward)
    print(f"{name}: train_step median {tr:.3f} ms {['%.3f' % t for t in tr_all]}")
    print(f"{name}: forward    median {fw:.3f} ms {['%.3f' % t for t in fw_all]}")
    return {f"train_step_ms_{name}": round(tr, 4), f"forward_ms_{name}": round(fw, 4)}


print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, dtype {DT}, E = {row.numel()} with self loops")
out = {}
for form in ONLY:
    out.update(bench(form, *FORMS[form]))
print(json.dumps(out))
