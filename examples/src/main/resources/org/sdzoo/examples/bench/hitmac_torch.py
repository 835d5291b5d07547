#!/usr/bin/python3
"""Time HiT-MAC's networks in PyTorch (float32, inference under torch.no_grad()).

`sdzoo bench hitmac` runs it beside its own measurement when /usr/bin/python3 has torch (Debian's
python3-torch, 1.13). By hand: /usr/bin/python3 hitmac_torch.py [ITERATIONS [REPEATS]]

The modules re-implement model.py / perception.py of XuJing1022/HiT-MAC (AttentionLayer, the
"single-att" executor, the "multi-att-shap" coordinator with its Shapley critic), batched over a
leading dimension (the authors' coordinator runs one observation at a time; the math per
observation is the same). Random weights: the time does not depend on them.

The coordinator is timed as sdzoo computes it, `coordinator_*` (its critic's 20 prefix coalitions
share one projection and one score matrix, `SharedCoordinator`), and for one observation also as the
authors' loop does, `coordinator_loop_b1_ms` (the attention layer run on each prefix; batched, the
loop takes minutes). The script first checks that both give the same value.

Threads as sdzoo's bench: 1 for the small cases (PyTorch runs ops this small on one thread anyway;
on a busy machine a second thread only adds waits), 2 for the batched ones.
Each case is timed ITERATIONS times after as many warm-up calls (and at least WARM_UP_SECONDS of
them and WARM_UP_CALLS calls unless those take WARM_UP_MAX_SECONDS, as sdzoo's
BenchDriver.timeAfterJitWarmUp warms its JIT), REPEATS times; the median of the
per-call means is reported. Batched cases of 1000 observations run ITERATIONS // 50 times (at least 3).
Last line is JSON of median milliseconds per call, keys as sdzoo's.
"""
import json
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
ITERS = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
D = 128


class AttentionLayer(nn.Module):
    def __init__(self, feature_dim, weight_dim):
        super().__init__()
        self.Q = nn.Linear(feature_dim, weight_dim)
        self.K = nn.Linear(feature_dim, weight_dim)
        self.V = nn.Linear(feature_dim, weight_dim)

    def forward(self, x):
        q = torch.tanh(self.Q(x))
        k = torch.tanh(self.K(x))
        v = torch.tanh(self.V(x))
        z = torch.bmm(F.softmax(torch.bmm(q, k.permute(0, 2, 1)), dim=2), v)
        return z, z.sum(dim=1)


class Executor(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = AttentionLayer(4, D)
        self.actor = nn.Linear(D, 3)
        self.critic = nn.Linear(D, 1)

    def forward(self, obs):                        # [B, 5, 4]
        _, feature = self.encoder(obs)
        return F.softmax(F.relu(self.actor(feature)), dim=-1), self.critic(feature)


class Coordinator(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Linear(4, D), nn.ReLU(), nn.Linear(D, D), nn.ReLU())
        self.attention = AttentionLayer(D, D)
        self.actor = nn.Linear(D, 2)
        self.critic_attention = AttentionLayer(D, D)
        self.critic = nn.Linear(2 * D, 1)

    def forward(self, obs):                        # [B, 20, 4]
        z, _ = self.attention(self.features(obs))  # [B, 20, D]
        probs = F.softmax(F.relu(self.actor(z)), dim=-1)
        value = self.critic(torch.cat([torch.zeros_like(z[:, 0]), z[:, 0]], dim=-1))
        for j in range(1, z.shape[1]):
            _, g = self.critic_attention(z[:, :j])
            value = value + self.critic(torch.cat([g, z[:, j]], dim=-1))
        return probs, value


class SharedCoordinator(Coordinator):
    """The same parameters; the critic's prefix coalitions share one projection and score matrix."""

    def forward(self, obs):                        # [B, P, 4]
        z, _ = self.attention(self.features(obs))  # [B, P, D]
        probs = F.softmax(F.relu(self.actor(z)), dim=-1)
        a = self.critic_attention
        q, k, v = torch.tanh(a.Q(z)), torch.tanh(a.K(z)), torch.tanh(a.V(z))
        pairs = z.shape[1]
        prefix = torch.ones(pairs, pairs).tril(-1)             # row j: 1 on the pairs before j
        scores = torch.bmm(q, k.permute(0, 2, 1)).unsqueeze(1)  # [B, 1, P, P]
        scores = scores.masked_fill(prefix.unsqueeze(1) == 0, float('-inf'))  # [B, P(j), P(i), P(k)]
        weights = torch.nan_to_num(F.softmax(scores, dim=-1)) * prefix.unsqueeze(-1)
        g = torch.bmm(weights.sum(dim=2), v)                   # [B, P, D]
        return probs, self.critic(torch.cat([g, z], dim=-1)).sum(dim=1)


def median_ms(fn, iters):
    start = time.perf_counter()
    done = 0
    while True:
        now = time.perf_counter()
        if done >= iters and now >= start + WARM_UP_SECONDS and (
                done >= WARM_UP_CALLS or now >= start + WARM_UP_MAX_SECONDS):
            break
        fn()
        done += 1
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        for _ in range(iters):
            fn()
        times.append((time.perf_counter() - t0) / iters * 1e3)
    return statistics.median(times)


WARM_UP_SECONDS, WARM_UP_CALLS, WARM_UP_MAX_SECONDS = 3, 10_000, 20
executor, coordinator, layer = Executor().eval(), SharedCoordinator().eval(), AttentionLayer(4, D).eval()
big = max(3, ITERS // 50)
result = {}
with torch.no_grad():
    check = torch.rand(3, 20, 4)
    shared, loop = coordinator(check), Coordinator.forward(coordinator, check)
    for a, b in zip(shared, loop):
        assert torch.allclose(a, b, atol=1e-5), 'the shared critic differs from the loop'
    for name, fn, shape, iters in [
            ('coordinator_b1_ms', coordinator, (1, 20, 4), ITERS),
            ('coordinator_loop_b1_ms', lambda x: Coordinator.forward(coordinator, x), (1, 20, 4), ITERS),
            ('coordinator_b1000_ms', coordinator, (1000, 20, 4), big),
            ('executor_b4_ms', executor, (4, 5, 4), ITERS),
            ('executor_b1000_ms', executor, (1000, 5, 4), big),
            ('attention_b4_ms', layer, (4, 5, 4), ITERS),
            ('attention_b64_ms', layer, (64, 5, 4), ITERS)]:
        torch.set_num_threads(2 if shape[0] >= 1000 else 1)
        x = torch.rand(shape)
        result[name] = median_ms(lambda: fn(x), iters)
        print(name, result[name], file=sys.stderr, flush=True)
print(json.dumps(result))
