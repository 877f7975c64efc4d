#!/usr/bin/env python3
"""The PyTorch side of tst_torchscript (Debian's python3-torch).

  make DIR    writes TorchScript modules written in PyTorch, as a user would make them, and what
              PyTorch computes with them, for the C++ side to compare against:
                vae.ts           an MLP VAE: encode(x) -> (mean, logvar), decode(z) -> images in [0, 1]
                decoder.ts       a decoder alone (decode only, latent size 3, no attribute saying so)
                logits.ts        a decode that forgets the sigmoid (must be refused with a reason)
                z.bin, x.bin     float32 inputs: 16 codes of 2, 8 images of 784
                vae_decoded.bin  vae.decode(z)       vae_mean.bin  vae.encode(x)[0]
                z3.bin, decoder_decoded.bin          the same for decoder.ts
  check M.ts Z.bin DECODED.bin X.bin MEAN.bin
              loads a module exported by latent-cli, decodes Z and encodes X in PyTorch and prints
              the largest differences from what LibTorch wrote; exit 1 when above 1e-5.
  serve DIR   make DIR, then "made STATUS"; then one check per line read (its five paths separated
              by tabs), each answered by "done STATUS": the test starts Python (1.4 s) once.
Raw files are little-endian float32, row-major.
"""
import sys

import torch
from torch import nn


class MlpVae(nn.Module):
    def __init__(self, latent: int = 2, hidden: int = 64):
        super().__init__()
        self.enc = nn.Linear(784, hidden)
        self.mean = nn.Linear(hidden, latent)
        self.logvar = nn.Linear(hidden, latent)
        self.dec = nn.Sequential(nn.Linear(latent, hidden), nn.ReLU(), nn.Linear(hidden, 784))

    @torch.jit.export
    def encode(self, x: torch.Tensor):
        h = torch.relu(self.enc(x.flatten(1)))
        return self.mean(h), self.logvar(h)

    @torch.jit.export
    def decode(self, z: torch.Tensor):
        return torch.sigmoid(self.dec(z)).view(-1, 1, 28, 28)

    def forward(self, x: torch.Tensor):
        mean, _ = self.encode(x)
        return self.decode(mean)


class Decoder(nn.Module):
    def __init__(self, latent: int = 3, logits: bool = False):
        super().__init__()
        self.dec = nn.Sequential(nn.Linear(latent, 32), nn.Tanh(), nn.Linear(32, 784))
        self.logits = logits

    @torch.jit.export
    def decode(self, z: torch.Tensor):
        y = self.dec(z) * 4.0
        if self.logits:
            return y.view(-1, 1, 28, 28)
        return torch.sigmoid(y).view(-1, 1, 28, 28)

    def forward(self, z: torch.Tensor):
        return self.decode(z)


def write(path, t):
    t.detach().to(torch.float32).contiguous().numpy().tofile(path)


def read(path, cols):
    import numpy as np
    return torch.from_numpy(np.fromfile(path, dtype="<f4")).view(-1, cols)


def make(out):
    torch.manual_seed(0)
    vae = torch.jit.script(MlpVae().eval())
    vae.save(f"{out}/vae.ts")
    z = torch.randn(16, 2) * 1.5
    x = torch.rand(8, 1, 28, 28)
    write(f"{out}/z.bin", z)
    write(f"{out}/x.bin", x.view(8, 784))
    with torch.no_grad():
        write(f"{out}/vae_decoded.bin", vae.decode(z).view(16, 784))
        write(f"{out}/vae_mean.bin", vae.encode(x)[0])
    decoder = torch.jit.script(Decoder().eval())
    decoder.save(f"{out}/decoder.ts")
    z3 = torch.randn(5, 3)
    write(f"{out}/z3.bin", z3)
    with torch.no_grad():
        write(f"{out}/decoder_decoded.bin", decoder.decode(z3).view(5, 784))
    torch.jit.script(Decoder(logits=True).eval()).save(f"{out}/logits.ts")
    return 0


def check(model, z_path, decoded_path, x_path, mean_path):
    m = torch.jit.load(model)
    m.eval()
    for method in ("encode", "decode"):
        if not hasattr(m, method):
            print(f"{model}: no {method} method")
            return 1
    latent = int(m.latent_dim)
    z, expected = read(z_path, latent), read(decoded_path, 784)
    x, mean = read(x_path, 784).view(-1, 1, 28, 28), read(mean_path, latent)
    with torch.no_grad():
        decoded = m.decode(z).reshape(-1, 784)
        enc = m.encode(x)
        got_mean = enc[0] if isinstance(enc, tuple) else enc
    d_decode = (decoded - expected).abs().max().item()
    d_mean = (got_mean.reshape(mean.shape) - mean).abs().max().item()
    lo, hi = decoded.min().item(), decoded.max().item()
    print(f"{model}: decode max abs diff {d_decode:.3g}, encode mean max abs diff {d_mean:.3g}, images in [{lo:.3f}, {hi:.3f}]")
    ok = d_decode <= 1e-5 and d_mean <= 1e-5 and lo >= 0.0 and hi <= 1.0
    return 0 if ok else 1


def serve(out):
    print(f"made {make(out)}", flush=True)
    for line in sys.stdin:
        args = line.rstrip("\n").split("\t")
        status = check(*args) if len(args) == 5 else 2
        print(f"done {status}", flush=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "serve":
        sys.exit(serve(sys.argv[2]))
    if len(sys.argv) == 3 and sys.argv[1] == "make":
        sys.exit(make(sys.argv[2]))
    if len(sys.argv) == 7 and sys.argv[1] == "check":
        sys.exit(check(*sys.argv[2:]))
    print(__doc__)
    sys.exit(2)
