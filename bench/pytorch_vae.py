#!/usr/bin/python3
"""Reference: the same MLP VAE as `latent-cli train --model vae --arch mlp`, in plain PyTorch.

784-512-2 encoder, 2-512-784 decoder, BCE (from logits) summed over pixels + KL, averaged over the
batch, Adam lr 1e-3, batch 128, on the same IDX split. The whole training set is converted to one
float tensor before the clock starts ("tensors already in memory"); samples/s counts the training
loop only (the per-epoch test pass is timed apart). Prints one JSON object.

usage: /usr/bin/python3 bench/pytorch_vae.py DATA_DIR [--epochs 20] [--threads 1] [--seed 0] [--torchscript OUT.ts]
(Debian's python3-torch lives under /usr/bin/python3.) --torchscript keeps the trained model as a
TorchScript module with encode(x) -> (mean, logvar) and decode(z) -> images in [0, 1]: what
latent-explorer and latent-cli open (docs/GUIDE.md: "TorchScript").
"""
import argparse, json, os, sys, time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_reference import find, read_idx  # noqa: E402  (the same IDX reading)


class VAE(nn.Module):
    def __init__(self, latent=2):
        super().__init__()
        self.enc = nn.Linear(784, 512)
        self.mean = nn.Linear(512, latent)
        self.logvar = nn.Linear(512, latent)
        self.dec = nn.Linear(latent, 512)
        self.out = nn.Linear(512, 784)

    def forward(self, x):
        h = F.relu(self.enc(x))
        mean, logvar = self.mean(h), self.logvar(h).clamp(-20, 20)
        z = mean + torch.exp(0.5 * logvar) * torch.randn_like(mean)
        return self.out(F.relu(self.dec(z))), mean, logvar


class Explorable(nn.Module):
    """The trained VAE with the methods Latent Explorer calls."""

    def __init__(self, vae):
        super().__init__()
        self.vae = vae
        self.latent_dim = vae.mean.out_features

    @torch.jit.export
    def encode(self, x: torch.Tensor):
        h = F.relu(self.vae.enc(x.reshape(x.shape[0], 784)))
        return self.vae.mean(h), self.vae.logvar(h).clamp(-20, 20)

    @torch.jit.export
    def decode(self, z: torch.Tensor):
        return torch.sigmoid(self.vae.out(F.relu(self.vae.dec(z)))).view(-1, 1, 28, 28)

    def forward(self, x: torch.Tensor):
        return self.decode(self.encode(x)[0])


def loss_parts(logits, x, mean, logvar):
    b = x.shape[0]
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / b
    kl = -0.5 * torch.sum(1 + logvar - mean.pow(2) - logvar.exp()) / b
    return recon, kl


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--torchscript", metavar="OUT.ts", help="save the trained model as TorchScript for Latent Explorer")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    train = read_idx(find(a.data, "train-images-idx3-ubyte")).reshape(-1, 784).float() / 255
    test = read_idx(find(a.data, "t10k-images-idx3-ubyte")).reshape(-1, 784).float() / 255
    model = VAE()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    n = train.shape[0]
    train_seconds = test_seconds = 0.0
    for epoch in range(a.epochs):
        t0 = time.perf_counter()
        model.train()
        perm = torch.randperm(n)
        for i in range(0, n, a.batch):
            x = train[perm[i:i + a.batch]]
            logits, mean, logvar = model(x)
            recon, kl = loss_parts(logits, x, mean, logvar)
            loss = recon + kl
            opt.zero_grad()
            loss.backward()
            opt.step()
        t1 = time.perf_counter()
        train_seconds += t1 - t0
        with torch.no_grad():
            total = 0.0
            for i in range(0, test.shape[0], 1000):
                x = test[i:i + 1000]
                logits, mean, logvar = model(x)
                recon, kl = loss_parts(logits, x, mean, logvar)
                total += (recon + kl).item() * x.shape[0]
        test_seconds += time.perf_counter() - t1
    if a.torchscript:
        torch.jit.script(Explorable(model.eval())).save(a.torchscript)
    print(json.dumps({"threads": a.threads, "epochs": a.epochs, "samples_per_second": a.epochs * n / train_seconds,
                      "train_seconds": train_seconds, "test_seconds": test_seconds,
                      "test_neg_elbo": total / test.shape[0]}))


if __name__ == "__main__":
    main()
