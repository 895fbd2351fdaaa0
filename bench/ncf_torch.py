#!/usr/bin/env python3
"""PyTorch side of the ncf speed comparison (not part of the build).

Report 001's model, the same as movierec's `ncf` defaults: user and movie embeddings (50) concatenated
with the movie's genres (multi-hot), the user's age (z-scored), gender (one-hot) and occupation
(one-hot) -> Linear(100) -> ReLU -> Linear(1), MSE, Adam(lr 1e-3, L2 1e-4), shuffled mini-batches.
Prints the wall time of each training epoch on u1.base (no validation pass is timed).

Usage: /usr/bin/python3 bench/ncf_torch.py /path/to/ml-100k [batch=256] [epochs=5] [threads=2]
Needs Debian's python3-torch with an optimized BLAS:
    apt-get install -y python3-torch libopenblas0-pthread
Debian's torch calls whatever libblas.so.3 the system links to; without OpenBLAS that is the reference
BLAS (about 4 GFLOP/s here), which makes PyTorch two to three times slower than it should be: the script
prints the library it loaded and warns when it is the reference one. OpenBLAS's own threads are set to
one (OPENBLAS_NUM_THREADS, unless already set) because they compete with torch's intra-op threads:
with both on two cores an epoch took 1.9-2.1 s instead of 0.75 s here.
"""
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import torch  # noqa: E402  (after OPENBLAS_NUM_THREADS, which OpenBLAS reads when it loads)


def loaded_blas():
    """The BLAS shared library this process mapped (after one matrix product), or None."""
    torch.ones(64, 64) @ torch.ones(64, 64)
    with open("/proc/self/maps") as maps:
        libs = {line.split()[-1] for line in maps if "blas" in line.lower() and ".so" in line}
    return sorted(libs)


def reference_blas(libs):
    """Whether the libblas.so this process uses is not an optimized one (Debian's reference BLAS lives in
    .../blas/, OpenBLAS's in .../openblas-*/)."""
    blas = [p for p in libs if os.path.basename(p).startswith("libblas.so")]
    return not blas or any(not any(k in p.lower() for k in ("openblas", "mkl", "blis", "atlas")) for p in blas)


def main():
    d = sys.argv[1]
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 256
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    torch.set_num_threads(threads)
    blas = loaded_blas()
    print(f"BLAS: {', '.join(blas) or 'none found in /proc/self/maps'}; "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}", flush=True)
    if reference_blas(blas):
        print("WARNING: libblas.so.3 is not an optimized BLAS (Debian's reference one?): PyTorch runs two to five "
              "times slower than it should. apt-get install -y libopenblas0-pthread, or select it with "
              "update-alternatives --config libblas.so.3-x86_64-linux-gnu", file=sys.stderr, flush=True)
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
    rest = times[1:] if len(times) > 1 else times  # the first epoch warms up, as NcfEpochBenchmark's median
    best = min(rest)
    print(f"torch {torch.__version__}, {threads} threads, OPENBLAS_NUM_THREADS="
          f"{os.environ.get('OPENBLAS_NUM_THREADS')}, batch {batch}: best epoch {best:.3f} s, "
          f"median (after the first) {sorted(rest)[len(rest) // 2]:.3f} s")

if __name__ == "__main__":
    main()
