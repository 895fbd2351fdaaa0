#!/usr/bin/env python3
"""PyTorch side of the ncf speed comparison (not part of the build).

Report 001's model, the same as movierec's `ncf` defaults: user and movie embeddings (50) concatenated
with the movie's genres (multi-hot), the user's age (z-scored), gender (one-hot) and occupation
(one-hot) -> Linear(100) -> ReLU -> Linear(1), MSE, Adam(lr 1e-3, L2 1e-4), shuffled mini-batches.
Prints the wall time of each training epoch on u1.base (no validation pass is timed).

Usage: python3 bench/ncf_torch.py /path/to/ml-100k [batch=256] [epochs=5] [threads=2]
Needs Debian's python3-torch (apt-get install -y python3-torch).
"""
import sys
import time

import torch

def main():
    d = sys.argv[1]
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 256
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    occs = [l.strip() for l in open(f"{d}/u.occupation", encoding="latin-1") if l.strip()]
    users = {}
    for l in open(f"{d}/u.user", encoding="latin-1"):
        uid, age, g, occ, _ = l.strip().split("|")
        users[int(uid)] = (int(age), g, occs.index(occ))
    ng = 19
    movies = {}
    for l in open(f"{d}/u.item", encoding="latin-1"):
        f = l.rstrip("\n").split("|")
        movies[int(f[0])] = [float(x) for x in f[5:5 + ng]]
    rows = [tuple(map(int, l.split()[:3])) for l in open(f"{d}/u1.base")]
    nu, nm = max(users) + 1, max(movies) + 1
    ages = torch.tensor([users[u][0] for u in sorted(users)], dtype=torch.float32)
    amean, asd = ages.mean(), ages.std(unbiased=False)
    side_u = torch.zeros(nu, 1 + 2 + len(occs))
    for u, (age, g, o) in users.items():
        side_u[u, 0] = (age - amean) / asd
        side_u[u, 1 if g == "M" else 2] = 1
        side_u[u, 3 + o] = 1
    side_m = torch.zeros(nm, ng)
    for m, gs in movies.items():
        side_m[m] = torch.tensor(gs)
    u = torch.tensor([r[0] for r in rows])
    m = torch.tensor([r[1] for r in rows])
    y = torch.tensor([float(r[2]) for r in rows])

    class Ncf(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.ue = torch.nn.Embedding(nu, 50)
            self.me = torch.nn.Embedding(nm, 50)
            torch.nn.init.normal_(self.ue.weight, std=0.05)
            torch.nn.init.normal_(self.me.weight, std=0.05)
            self.mlp = torch.nn.Sequential(torch.nn.Linear(100 + ng + side_u.shape[1], 100), torch.nn.ReLU(),
                                           torch.nn.Linear(100, 1))

        def forward(self, u, m):
            x = torch.cat([self.ue(u), self.me(m), side_m[m], side_u[u]], dim=1)
            return self.mlp(x).squeeze(1)

    model = Ncf()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)
    n = len(rows)
    times = []
    for e in range(epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(n)
        total = 0.0
        for s in range(0, n, batch):
            idx = perm[s:s + batch]
            pred = model(u[idx], m[idx])
            loss = torch.nn.functional.mse_loss(pred, y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        times.append(time.perf_counter() - t0)
        print(f"epoch {e + 1}: {times[-1]:.3f} s, train MSE {total / n:.4f}", flush=True)
    best = min(times[1:]) if len(times) > 1 else times[0]
    print(f"torch {torch.__version__}, {threads} threads, batch {batch}: best epoch {best:.3f} s, "
          f"median {sorted(times)[len(times) // 2]:.3f} s")

if __name__ == "__main__":
    main()
