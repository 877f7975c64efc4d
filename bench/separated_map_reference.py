#!/usr/bin/python3
"""Issue 28, part 2, in plain PyTorch first: can a 2-D map of MNIST trained without labels reach
5-NN >= 0.80 on its codes, with a reconstruction close to the MLP VAE's, in minutes on two cores?

The model: the MLP autoencoder's layers (784-512-2, 2-512-784, BCE from logits) whose 2-D code is
also trained as a parametric t-SNE (van der Maaten, "Learning a Parametric Embedding by Preserving
Local Structure", AISTATS 2009; the autoencoder form as in Sainburg, McInnes & Gentner, "Parametric
UMAP embeddings", Neural Computation 2021): in every batch, input affinities P (Gaussian kernels,
each row's width found by bisection for a perplexity) against Student-t affinities Q of the codes,
loss = BCE per image + weight * KL(P || Q), with P exaggerated in the first epochs. No label is used
in training; labels only score the codes (5-NN train -> test, as latent-cli eval).

usage: /usr/bin/python3 bench/separated_map_reference.py DATA_DIR [--epochs 20] [--batch 1000]
       [--weight 50] [--perplexity 3] [--exaggeration 4] [--exaggerate-epochs 5] [--threads 2] [--seed 0]
Prints one JSON object: knn_latent, test_bce, seconds.
"""
import argparse, json, os, sys, time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_reference import find, knn, read_idx  # noqa: E402


class MapAutoencoder(nn.Module):
    def __init__(self, hidden=512):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(784, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 2))
        self.dec = nn.Sequential(nn.Linear(2, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 784))

    def forward(self, x):
        z = self.enc(x)
        return self.dec(z), z


def input_affinities(x, perplexity):
    """Symmetric t-SNE P of a batch (rows sum to 1 overall), each row's Gaussian width by bisection."""
    d = torch.cdist(x, x).square()
    n = d.shape[0]
    d.fill_diagonal_(float("inf"))
    target = torch.log(torch.tensor(float(perplexity)))
    lo = torch.full((n, 1), 1e-20)
    hi = torch.full((n, 1), 1e20)
    beta = torch.ones(n, 1) / d[d.isfinite()].median()
    for _ in range(60):
        logits = -d * beta
        p = torch.softmax(logits, 1)
        entropy = -(p * torch.log(p.clamp_min(1e-30))).sum(1, keepdim=True)
        too_flat = entropy > target  # widen less: raise beta
        lo = torch.where(too_flat, beta, lo)
        hi = torch.where(too_flat, hi, beta)
        beta = torch.where(hi < 1e19, (lo + hi) / 2, beta * 2)
    p = torch.softmax(-d * beta, 1)
    return (p + p.t()) / (2 * n)


def tsne_kl(p, z):
    n = z.shape[0]
    q = 1.0 / (1.0 + torch.cdist(z, z).square())
    q = q * (1 - torch.eye(n))
    q = q / q.sum()
    return (p * (torch.log(p.clamp_min(1e-12)) - torch.log(q.clamp_min(1e-12)))).sum()


def main():
    a = argparse.ArgumentParser()
    a.add_argument("data")
    a.add_argument("--epochs", type=int, default=20)
    a.add_argument("--batch", type=int, default=1000)
    a.add_argument("--weight", type=float, default=50.0)
    a.add_argument("--perplexity", type=float, default=3.0)
    a.add_argument("--exaggeration", type=float, default=4.0)
    a.add_argument("--exaggerate-epochs", type=int, default=5)
    a.add_argument("--lr", type=float, default=1e-3)
    a.add_argument("--threads", type=int, default=2)
    a.add_argument("--seed", type=int, default=0)
    o = a.parse_args()
    torch.set_num_threads(o.threads)
    torch.manual_seed(o.seed)
    train_x = read_idx(find(o.data, "train-images-idx3-ubyte")).float().div(255).flatten(1)
    train_y = read_idx(find(o.data, "train-labels-idx1-ubyte")).long()
    test_x = read_idx(find(o.data, "t10k-images-idx3-ubyte")).float().div(255).flatten(1)
    test_y = read_idx(find(o.data, "t10k-labels-idx1-ubyte")).long()
    model = MapAutoencoder()
    opt = torch.optim.Adam(model.parameters(), lr=o.lr)
    start = time.time()
    for epoch in range(o.epochs):
        perm = torch.randperm(train_x.shape[0])
        ex = o.exaggeration if epoch < o.exaggerate_epochs else 1.0
        sums = [0.0, 0.0]
        for s in range(0, train_x.shape[0], o.batch):
            x = train_x[perm[s:s + o.batch]]
            with torch.no_grad():
                p = input_affinities(x, o.perplexity) * ex
            logits, z = model(x)
            bce = F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / x.shape[0]
            kl = tsne_kl(p, z)
            loss = bce + o.weight * kl
            opt.zero_grad()
            loss.backward()
            opt.step()
            sums[0] += bce.item()
            sums[1] += kl.item()
        steps = (train_x.shape[0] + o.batch - 1) // o.batch
        print(f"epoch {epoch + 1}: bce {sums[0] / steps:.2f} kl {sums[1] / steps:.3f} ({time.time() - start:.0f} s)", file=sys.stderr)
    seconds = time.time() - start
    model.eval()
    with torch.no_grad():
        train_codes = torch.cat([model.enc(train_x[i:i + 10000]) for i in range(0, 60000, 10000)])
        logits, test_codes = model(test_x)
        test_bce = F.binary_cross_entropy_with_logits(logits, test_x, reduction="sum").item() / test_x.shape[0]
    print(json.dumps({"knn_latent": knn(train_codes, train_y, test_codes, test_y), "test_bce": test_bce, "seconds": seconds,
                      "epochs": o.epochs, "weight": o.weight, "batch": o.batch, "perplexity": o.perplexity}))


if __name__ == "__main__":
    main()
