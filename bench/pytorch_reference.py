#!/usr/bin/python3
"""Reference: every model kind of latent-cli, in plain PyTorch, trained and scored on the same IDX
files, for the side-by-side figures of docs/PERFORMANCE.md.

The architectures, losses and optimisers are those of core/models and core/training (layer for
layer; see each class below), batch 128, Adam lr 1e-3 (aae: the adversarial phases at lr / 2 with
betas 0.5, 0.999). Scores follow core/training/Evaluator.h: neg_elbo (VAEs, z sampled once),
recon_mse of the mean-code reconstruction, pca_mse with as many components as the code, psnr
(psnr_input for dae, psnr_bilinear for sr), knn_latent / knn_pca (5-NN, train -> test),
cvae_sample_accuracy, code_mean_max_abs and code_std_max_dev. The training set is one float tensor
before the clock starts; samples/s counts the training loop only. Prints one JSON object.

usage: /usr/bin/python3 bench/pytorch_reference.py DATA_DIR --model vae|vae-conv|ae|dae|sr|cvae|aae
       [--epochs N] [--threads 2] [--seed 0] [--bench IMAGES]
--bench IMAGES: speed only, as `latent-cli bench` measures it: the training loop's samples/s on the
first IMAGES training images (the second of two epochs), one latent point decoded (median and p99
microseconds, 2000 points) and a 30x30 grid decoded (median of 7, ms); no scores.
(Debian's python3-torch lives under /usr/bin/python3.)
"""
import argparse, gzip, json, math, os, struct, time

import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        data = f.read()
    rank = data[3]
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return torch.frombuffer(bytearray(data[4 + 4 * rank:]), dtype=torch.uint8).reshape(dims)


def find(d, stem):
    for name in (stem, stem + ".gz"):
        if os.path.exists(os.path.join(d, name)):
            return os.path.join(d, name)
    raise SystemExit(f"{stem} not found in {d}")


def up2(x):
    return F.interpolate(x, scale_factor=2.0, mode="nearest")


class MlpVae(nn.Module):  # core/models/MlpVae: 784-512-latent, mirrored; cvae appends the one-hot label
    def __init__(self, latent=2, classes=0):
        super().__init__()
        self.classes = classes
        self.enc = nn.Linear(784 + classes, 512)
        self.mean, self.logvar = nn.Linear(512, latent), nn.Linear(512, latent)
        self.dec, self.out = nn.Linear(latent + classes, 512), nn.Linear(512, 784)

    def onehot(self, y):
        return F.one_hot(y, self.classes).float()

    def encode(self, x, y):
        x = x.flatten(1)
        if self.classes: x = torch.cat([x, self.onehot(y)], 1)
        h = F.relu(self.enc(x))
        return self.mean(h), self.logvar(h).clamp(-20, 20)

    def decode(self, z, y):
        if self.classes: z = torch.cat([z, self.onehot(y)], 1)
        return self.out(F.relu(self.dec(z))).view(-1, 1, 28, 28)


class ConvVae(nn.Module):  # core/models/ConvVae
    def __init__(self, latent=2):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 32, 3, 2, 1), nn.Conv2d(32, 64, 3, 2, 1)
        self.dense = nn.Linear(64 * 7 * 7, 16)
        self.mean, self.logvar = nn.Linear(16, latent), nn.Linear(16, latent)
        self.ddense = nn.Linear(latent, 64 * 7 * 7)
        self.d1 = nn.ConvTranspose2d(64, 64, 3, 2, 1, output_padding=1)
        self.d2 = nn.ConvTranspose2d(64, 32, 3, 2, 1, output_padding=1)
        self.dout = nn.ConvTranspose2d(32, 1, 3, padding=1)

    def encode(self, x, y):
        h = F.relu(self.dense(F.relu(self.conv2(F.relu(self.conv1(x)))).flatten(1)))
        return self.mean(h), self.logvar(h).clamp(-20, 20)

    def decode(self, z, y):
        h = F.relu(self.ddense(z)).view(-1, 64, 7, 7)
        return self.dout(F.relu(self.d2(F.relu(self.d1(h)))))


class ConvAe(nn.Module):  # core/models/ConvAutoencoder: 16-8-8 with a dense bottleneck
    def __init__(self, latent=2):
        super().__init__()
        c = lambda i, o, p=1: nn.Conv2d(i, o, 3, padding=p)
        self.e1, self.e2, self.e3 = c(1, 16), c(16, 8), c(8, 8)
        self.to_latent, self.from_latent = nn.Linear(128, latent), nn.Linear(latent, 128)
        self.d1, self.d2, self.d3, self.dout = c(8, 8), c(8, 8), c(8, 16, 0), c(16, 1)

    def encode(self, x, y):
        h = F.max_pool2d(F.relu(self.e1(x)), 2)
        h = F.max_pool2d(F.relu(self.e2(h)), 2)
        h = F.max_pool2d(F.relu(self.e3(h)), 2, ceil_mode=True)
        return self.to_latent(h.flatten(1)), None

    def decode(self, z, y):
        h = F.relu(self.from_latent(z)).view(-1, 8, 4, 4)
        h = up2(F.relu(self.d1(h)))
        h = up2(F.relu(self.d2(h)))
        return self.dout(up2(F.relu(self.d3(h))))


class WideAe(nn.Module):  # core/models/WideConvAutoencoder: the lesson's denoiser, a 32x7x7 code
    def __init__(self):
        super().__init__()
        c = lambda i, o: nn.Conv2d(i, o, 3, padding=1)
        self.e1, self.e2, self.d1, self.d2, self.dout = c(1, 32), c(32, 32), c(32, 32), c(32, 32), c(32, 1)

    def encode(self, x, y):
        return F.max_pool2d(F.relu(self.e2(F.max_pool2d(F.relu(self.e1(x)), 2))), 2).flatten(1), None

    def decode(self, z, y):
        h = z.view(-1, 32, 7, 7)
        return self.dout(up2(F.relu(self.d2(up2(F.relu(self.d1(h)))))))


class SuperResolution(nn.Module):  # core/models/SuperResolutionNet, x2
    def __init__(self):
        super().__init__()
        self.e1, self.e2 = nn.Conv2d(1, 32, 3, padding=1), nn.Conv2d(32, 32, 3, padding=1)
        self.up = nn.ConvTranspose2d(32, 32, 2, 2)
        self.refine, self.out = nn.Conv2d(32, 16, 3, padding=1), nn.Conv2d(16, 1, 3, padding=1)

    def encode(self, x, y):
        return F.relu(self.e2(F.relu(self.e1(x)))), None

    def decode(self, z, y):
        return self.out(F.relu(self.refine(F.relu(self.up(z)))))


class Aae(nn.Module):  # core/models/AdversarialAutoencoder, discriminator on (code, batch mean, batch std)
    def __init__(self, latent=2):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, latent))
        self.decoder = nn.Sequential(nn.Linear(latent, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 784))
        self.disc = nn.Sequential(nn.Linear(3 * latent, 256), nn.LeakyReLU(0.2), nn.Linear(256, 256), nn.LeakyReLU(0.2),
                                  nn.Linear(256, 1))

    def encode(self, x, y):
        return self.encoder(x.flatten(1)), None

    def decode(self, z, y):
        return self.decoder(z).view(-1, 1, 28, 28)

    def discriminate(self, z):
        sd = z.std(0, keepdim=True).expand_as(z) if z.shape[0] > 1 else torch.zeros_like(z)
        return self.disc(torch.cat([z, z.mean(0, keepdim=True).expand_as(z), sd], 1))


def model_input(kind, clean):
    if kind == "dae": return (clean + 0.5 * torch.randn_like(clean)).clamp(0, 1)
    if kind == "sr": return F.avg_pool2d(clean, 2)
    return clean


def losses(model, x, target, y, beta=1.0):
    mean, logvar = model.encode(x, y)
    z = mean + torch.exp(0.5 * logvar) * torch.randn_like(mean) if logvar is not None else mean
    logits = model.decode(z, y)
    b = target.shape[0]
    recon = (F.softplus(logits).sum() - (logits * target).sum()) / b
    kl = -0.5 * torch.sum(1 + logvar - mean.pow(2) - logvar.exp()) / b if logvar is not None else torch.zeros(())
    return recon + beta * kl, recon, kl


def knn(train_x, train_y, test_x, test_y, k=5):
    """5-NN accuracy; a tied vote goes to the class of the nearest tied neighbour (as the core)."""
    right = 0
    for i in range(0, test_x.shape[0], 1000):
        d = torch.cdist(test_x[i:i + 1000], train_x)
        idx = d.topk(k, largest=False).indices
        labels = train_y[idx]
        score = torch.zeros(labels.shape[0], 10)
        weight = torch.tensor([1.0 + 0.5 ** (r + 1) * 1e-3 for r in range(k)]).expand_as(labels)
        score.scatter_add_(1, labels, weight)
        right += (score.argmax(1) == test_y[i:i + 1000]).sum().item()
    return right / test_x.shape[0]


def psnr(images, reference):
    mse = (images - reference).pow(2).flatten(1).mean(1)
    return torch.where(mse > 0, 10 * torch.log10(1 / mse.clamp_min(1e-30)), torch.full_like(mse, 100.0)).mean().item()


def bench_decoding(model, a, samples_per_second, kind):
    out = {"model": a.model, "threads": a.threads, "train_samples_per_second": samples_per_second}
    if kind in ("dae", "sr"):
        return out  # no latent space to decode from
    latent = 2
    label = torch.full((1,), 3, dtype=torch.long)
    times = []
    with torch.no_grad():
        zs = torch.randn(2000, latent)
        for i in range(zs.shape[0]):
            t0 = time.perf_counter()
            img = torch.sigmoid(model.decode(zs[i:i + 1], label)).mul(255).round().clamp(0, 255).to(torch.uint8)
            times.append((time.perf_counter() - t0) * 1e6)
        lin = torch.linspace(-3, 3, 30)
        grid_z = torch.stack(torch.meshgrid(lin, lin, indexing="ij"), -1).reshape(-1, 2)
        labels = torch.full((900,), 3, dtype=torch.long)
        grid = []
        for _ in range(7):
            t0 = time.perf_counter()
            img = torch.sigmoid(model.decode(grid_z, labels)).mul(255).round().clamp(0, 255).to(torch.uint8)
            img.view(30, 30, 28, 28).permute(0, 2, 1, 3).reshape(840, 840).contiguous()
            grid.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    grid.sort()
    out["decode_point_us_median"] = times[len(times) // 2]
    out["decode_point_us_p99"] = times[min(len(times) - 1, int(0.99 * (len(times) - 1) + 0.5))]
    out["grid30_ms_median"] = grid[len(grid) // 2]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--model", default="vae", choices=["vae", "vae-conv", "ae", "dae", "sr", "cvae", "aae"])
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--bench", type=int, default=0)
    ap.add_argument("--device", default="cpu", help="where the training loop runs (cpu, cuda, cuda:N); scores are computed on the CPU")
    a = ap.parse_args()
    dev = torch.device(a.device)
    if a.bench:
        a.epochs = 2
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    train = read_idx(find(a.data, "train-images-idx3-ubyte")).float().div(255).unsqueeze(1)
    train_y = read_idx(find(a.data, "train-labels-idx1-ubyte")).long()
    test = read_idx(find(a.data, "t10k-images-idx3-ubyte")).float().div(255).unsqueeze(1)
    test_y = read_idx(find(a.data, "t10k-labels-idx1-ubyte")).long()
    kind = a.model.split("-")[0]
    model = {"vae": lambda: ConvVae() if a.model == "vae-conv" else MlpVae(), "ae": ConvAe, "dae": WideAe,
             "sr": SuperResolution, "cvae": lambda: MlpVae(classes=10), "aae": Aae}[kind]()
    variational = kind in ("vae", "cvae")
    model = model.to(dev)
    if kind == "aae":
        enc, dec = list(model.encoder.parameters()), list(model.decoder.parameters())
        opt = torch.optim.Adam(enc + dec, lr=1e-3)
        opt_d = torch.optim.Adam(model.disc.parameters(), lr=5e-4, betas=(0.5, 0.999))
        opt_g = torch.optim.Adam(enc, lr=5e-4, betas=(0.5, 0.999))
    else:
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    if a.bench:
        train, train_y = train[:a.bench], train_y[:a.bench]
    n = train.shape[0]
    dev_train, dev_train_y = train.to(dev), train_y.to(dev)
    train_seconds = 0.0
    for epoch in range(a.epochs):
        if a.bench and epoch == a.epochs - 1:
            train_seconds = 0.0  # the last epoch only, as latent-cli bench
        t0 = time.perf_counter()
        model.train()
        perm = torch.randperm(n, device=dev)
        for i in range(0, n, a.batch):
            rows = perm[i:i + a.batch]
            clean, y = dev_train[rows], dev_train_y[rows]
            x = model_input(kind, clean)
            loss = losses(model, x, clean, y)[0]
            opt.zero_grad()
            loss.backward()
            opt.step()
            if kind == "aae":  # the discriminator, then the encoder against it
                codes = model.encode(x, y)[0].detach()
                b = codes.shape[0]
                d_loss = F.binary_cross_entropy_with_logits(model.discriminate(torch.randn_like(codes)), torch.ones(b, 1, device=dev)) + \
                    F.binary_cross_entropy_with_logits(model.discriminate(codes), torch.zeros(b, 1, device=dev))
                opt_d.zero_grad()
                d_loss.backward()
                opt_d.step()
                g_loss = F.binary_cross_entropy_with_logits(model.discriminate(model.encode(x, y)[0]), torch.ones(b, 1, device=dev))
                opt_g.zero_grad()
                g_loss.backward()
                opt_g.step()
        if dev.type == "cuda":
            torch.cuda.synchronize()
        train_seconds += time.perf_counter() - t0

    model = model.cpu()
    model.eval()
    if a.bench:
        print(json.dumps(bench_decoding(model, a, n / train_seconds, kind)))
        return
    out = {"model": a.model, "epochs": a.epochs, "threads": a.threads, "samples_per_second": a.epochs * n / train_seconds}
    torch.manual_seed(a.seed)
    with torch.no_grad():
        total = recon = kl = 0.0
        inputs, outputs = [], []
        for i in range(0, test.shape[0], 1000):
            clean, y = test[i:i + 1000], test_y[i:i + 1000]
            x = model_input(kind, clean)
            t, r, k = losses(model, x, clean, y)
            total, recon, kl = total + t.item() * len(y), recon + r.item() * len(y), kl + k.item() * len(y)
            inputs.append(x)
            outputs.append(torch.sigmoid(model.decode(model.encode(x, y)[0], y)))
        m = test.shape[0]
        if variational: out["neg_elbo"], out["kl"] = total / m, kl / m
        out["recon"] = recon / m
        output, given = torch.cat(outputs), torch.cat(inputs)
        out["recon_mse"] = (output - test).pow(2).mean().item()
        out["psnr"] = psnr(output, test)
        if kind == "sr":
            out["psnr_bilinear"] = psnr(F.interpolate(given, size=28, mode="bilinear", align_corners=False).clamp(0, 1), test)
        else:
            if kind == "dae": out["psnr_input"] = psnr(given, test)
            encode = lambda data, labels: torch.cat([model.encode(model_input(kind, data[i:i + 1000]), labels[i:i + 1000])[0]
                                                     for i in range(0, data.shape[0], 1000)])
            train_codes, test_codes = encode(train, train_y), encode(test, test_y)
            k = test_codes.shape[1]
            flat, test_flat = train.flatten(1), test.flatten(1)
            mean = flat.mean(0)
            cov = (flat - mean).T @ (flat - mean) / (flat.shape[0] - 1)
            basis = torch.linalg.eigh(cov.double())[1].flip(1)[:, :k].float()
            pca_test = (test_flat - mean) @ basis
            out["pca_mse"] = ((pca_test @ basis.T + mean) - test_flat).pow(2).mean().item()
            if k <= 64:
                out["knn_latent"] = knn(train_codes, train_y, test_codes, test_y)
                out["knn_pca"] = knn((flat - mean) @ basis, train_y, pca_test, test_y)
            out["code_mean_max_abs"] = test_codes.mean(0).abs().max().item()
            out["code_std_max_dev"] = (test_codes.std(0) - 1).abs().max().item()
            if kind == "cvae":
                g = torch.Generator().manual_seed(a.seed + 1)
                labels = torch.arange(10).repeat_interleave(100)
                samples = torch.sigmoid(model.decode(torch.randn(1000, k, generator=g), labels)).flatten(1)
                out["cvae_sample_accuracy"] = knn(flat, train_y, samples, labels)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
