#!/usr/bin/python3
"""Issue 35 in plain PyTorch: the separated 2-D map trained on UMAP's loss over one neighbour graph of
the whole training set (McInnes, Healy & Melville 2018, section 3; its parametric form as in Sainburg,
McInnes & Gentner, "Parametric UMAP embeddings", Neural Computation 2021), with the decoder trained on
the same batches. The same recipe as core/training/UmapGraph + MapTrainStep, written independently
from the paper, for figures side by side.

1. Graph: each training image's k nearest neighbours (exact; squared distances by blocked matrix
   products on the images projected to `--pca` principal components, the `--candidates` nearest
   re-ranked by their pixel distances).
2. Fuzzy graph: rho_i = distance to the nearest neighbour, sigma_i by bisection so that
   sum_j exp(-(d_ij - rho_i) / sigma_i) = log2(k); w = A + A^T - A * A^T (fuzzy union).
3. Layout: UMAP's own layout of that graph (one free point per image, started from the two leading
   principal components scaled to standard deviation 3; 200 epochs, each edge drawn with probability
   equal to its weight, 5 random points pushed away per drawn edge, moves clipped to +-4, rate falling
   linearly to 0; an epoch's moves summed and applied at once).
4. Each step: the batch's images are the heads; for each a tail is drawn from its row of the graph
   in proportion to the edge weights; both are encoded, each with a share `--dropout` of its pixels
   zeroed (the rest scaled up) and shifted at random by up to `--shift` pixels; per head `--negatives` codes of other images of the batch are its negative samples.
   UMAP's cross-entropy with phi(d) = 1 / (1 + a d^(2b)), a and b fitted from `--min-dist` (spread 1):
   -log phi(d_head,tail) - sum_neg log(1 - phi(d_head,neg)), mean over heads; plus the heads'
   reconstruction (BCE summed over pixels, mean over the batch, unshifted) and the squared distance
   of heads and tails to their layout points: loss = bce + weight * umap + layout_weight * pull; Adam at --lr. No label
   is read in training; labels only score the codes.

usage: /usr/bin/python3 bench/umap_map_reference.py DATA_DIR [--epochs N] [--batch B] [--weight W] ...
Prints one JSON object: knn_latent, test_bce, recon_mse, graph_seconds, seconds.
"""
import argparse, json, math, os, sys, time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_reference import find, knn, read_idx  # noqa: E402
from separated_map_reference import MapAutoencoder  # noqa: E402  (the same layers as core/models/DenseAutoencoder)


def nearest_neighbours(x, k, pca, candidates, block=2048):
    """[n, k] indices and pixel distances of each row's k nearest other rows."""
    n = x.shape[0]
    if pca > 0:
        mean = x.mean(0, keepdim=True)
        xc = x - mean
        cov = xc.t() @ xc
        _, vecs = torch.linalg.eigh(cov)
        y = xc @ vecs[:, -pca:]
    else:
        y = x
    sq = (y * y).sum(1)
    c = max(k, candidates)
    idx = torch.empty(n, c, dtype=torch.long)
    for s in range(0, n, block):
        e = min(n, s + block)
        d = sq[s:e, None] + sq[None, :] - 2 * (y[s:e] @ y.t())
        d[torch.arange(e - s), torch.arange(s, e)] = float("inf")
        idx[s:e] = d.topk(c, largest=False).indices
    # re-rank the candidates by their distance in pixels
    dist = torch.empty(n, c)
    for s in range(0, n, block):
        e = min(n, s + block)
        dist[s:e] = (x[s:e, None, :] - x[idx[s:e]]).square().sum(2).sqrt()
    order = dist.argsort(1)[:, :k]
    return idx.gather(1, order), dist.gather(1, order)


def fuzzy_graph(idx, dist, iterations=64):
    """Symmetric sparse memberships as (rows, cols, weights), CSR-sorted by row."""
    n, k = idx.shape
    rho = dist[:, :1]
    target = math.log2(k)
    lo = torch.zeros(n, 1, dtype=torch.float64)
    hi = torch.full((n, 1), float("inf"), dtype=torch.float64)
    sigma = torch.ones(n, 1, dtype=torch.float64)
    gap = (dist - rho).clamp_min(0).double()
    for _ in range(iterations):
        s = torch.exp(-gap / sigma).sum(1, keepdim=True)
        big = s > target  # too wide: shrink
        hi = torch.where(big, sigma, hi)
        lo = torch.where(big, lo, sigma)
        sigma = torch.where(torch.isinf(hi), sigma * 2, (lo + hi) / 2)
    w = torch.exp(-gap / sigma).float()
    rows = torch.arange(n).repeat_interleave(k)
    a = torch.sparse_coo_tensor(torch.stack([rows, idx.flatten()]), w.flatten(), (n, n)).coalesce()
    at = a.t().coalesce()
    union = (a + at - a * at).coalesce()
    i = union.indices()
    return i[0], i[1], union.values()


def curve(min_dist, spread=1.0):
    """a, b of 1 / (1 + a d^(2b)) fitted by least squares to UMAP's target curve."""
    x = torch.linspace(0, 3 * spread, 300, dtype=torch.float64)[1:]
    y = torch.where(x < min_dist, torch.ones_like(x), torch.exp(-(x - min_dist) / spread))
    p = torch.tensor([1.0, 1.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([p], max_iter=500, tolerance_grad=1e-12, tolerance_change=1e-15, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = ((1 / (1 + p[0] * x ** (2 * p[1])) - y) ** 2).sum()
        loss.backward()
        return loss
    opt.step(closure)
    return p[0].item(), p[1].item()


def layout(x, rows, cols, weights, a, b, epochs=200, negatives=5, spread=3.0, seed=0):
    """UMAP's layout of the fuzzy graph, an epoch's moves summed (as the C++ UmapLayout)."""
    gen = torch.Generator().manual_seed(seed)
    n = x.shape[0]
    xc = x - x.mean(0)
    _, vecs = torch.linalg.eigh((xc.t() @ xc).double())
    y = (xc @ vecs[:, -2:].float())
    y = (y - y.mean(0)) / y.std(0) * spread
    keep = weights >= weights.max() / epochs
    heads, tails, w = rows[keep], cols[keep], weights[keep]
    for epoch in range(epochs):
        rate = 1.0 - epoch / epochs
        drawn = torch.rand(w.shape, generator=gen) < w
        h, t = heads[drawn], tails[drawn]
        move = torch.zeros_like(y)
        diff = y[h] - y[t]
        d = diff.square().sum(1, keepdim=True)
        pull = (-2 * a * b * d.clamp_min(1e-12).pow(b - 1) / (1 + a * d.pow(b)) * diff).clamp(-4, 4) * rate
        move.index_add_(0, h, pull)
        move.index_add_(0, t, -pull)
        nh = h.repeat_interleave(negatives)
        nt = torch.randint(0, n, (nh.numel(),), generator=gen)
        diff = y[nh] - y[nt]
        d = diff.square().sum(1, keepdim=True)
        push = (2 * b / ((1e-3 + d) * (1 + a * d.pow(b))) * diff).clamp(-4, 4) * rate
        move.index_add_(0, nh, push)
        y += move
    return y


def shift_maps(s, side=28):
    """For each shift (dy, dx), |dy|, |dx| <= s: the source pixel of every pixel (side*side: blank)."""
    maps = []
    r = torch.arange(side)[:, None]
    c = torch.arange(side)[None, :]
    for dy in range(-s, s + 1):
        for dx in range(-s, s + 1):
            sr, sc = r - dy, c - dx
            inside = (sr >= 0) & (sr < side) & (sc >= 0) & (sc < side)
            maps.append(torch.where(inside, sr.clamp(0, side - 1) * side + sc.clamp(0, side - 1), torch.tensor(side * side)).flatten())
    return torch.stack(maps)


def main():
    o = argparse.ArgumentParser()
    o.add_argument("data")
    o.add_argument("--epochs", type=int, default=20)
    o.add_argument("--batch", type=int, default=256)
    o.add_argument("--weight", type=float, default=10.0)
    o.add_argument("--layout-weight", type=float, default=10.0)
    o.add_argument("--shift", type=int, default=1)
    o.add_argument("--dropout", type=float, default=0.2)
    o.add_argument("--layout-epochs", type=int, default=200)
    o.add_argument("--neighbours", type=int, default=15)
    o.add_argument("--min-dist", type=float, default=0.1)
    o.add_argument("--negatives", type=int, default=10)
    o.add_argument("--pca", type=int, default=50)
    o.add_argument("--candidates", type=int, default=30)
    o.add_argument("--hidden", type=int, default=512)
    o.add_argument("--lr", type=float, default=1e-3)
    o.add_argument("--eps", type=float, default=1e-3)
    o.add_argument("--threads", type=int, default=2)
    o.add_argument("--seed", type=int, default=0)
    o.add_argument("--train-limit", type=int, default=0)
    o.add_argument("--device", default="cpu", help="where the training loop runs (cpu, cuda, cuda:N); the graph, layout and scores stay on the CPU")
    a = o.parse_args()
    dev = torch.device(a.device)
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    train_x = read_idx(find(a.data, "train-images-idx3-ubyte")).float().div(255).flatten(1)
    train_y = read_idx(find(a.data, "train-labels-idx1-ubyte")).long()
    test_x = read_idx(find(a.data, "t10k-images-idx3-ubyte")).float().div(255).flatten(1)
    test_y = read_idx(find(a.data, "t10k-labels-idx1-ubyte")).long()
    if a.train_limit:
        train_x, train_y = train_x[:a.train_limit], train_y[:a.train_limit]
    n = train_x.shape[0]
    start = time.time()
    idx, dist = nearest_neighbours(train_x, a.neighbours, a.pca, a.candidates)
    rows, cols, weights = fuzzy_graph(idx, dist)
    graph_seconds = time.time() - start
    row_start = torch.zeros(n + 1, dtype=torch.long)
    row_start[1:] = torch.bincount(rows, minlength=n).cumsum(0)
    cum = weights.double().cumsum(0)
    row_base = torch.cat([torch.zeros(1, dtype=torch.float64), cum])[row_start[:-1]]
    row_total = cum[row_start[1:] - 1] - row_base + 0  # weight sum per row
    ca, cb = curve(a.min_dist)
    print(f"graph: {graph_seconds:.1f} s, {rows.numel()} edges, a={ca:.4f} b={cb:.4f}", file=sys.stderr)
    targets = layout(train_x, rows, cols, weights, ca, cb, a.layout_epochs, a.negatives, seed=a.seed)
    layout_seconds = time.time() - start - graph_seconds
    print(f"layout: {layout_seconds:.1f} s", file=sys.stderr)
    maps = shift_maps(a.shift).to(dev) if a.shift > 0 else None
    dev_x, dev_targets = train_x.to(dev), targets.to(dev)

    model = MapAutoencoder(a.hidden).to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    for epoch in range(a.epochs):
        perm = torch.randperm(n)
        sums = [0.0, 0.0]
        steps = 0
        for s in range(0, n, a.batch):
            heads = perm[s:s + a.batch]
            b = heads.numel()
            # a tail per head, drawn from its row in proportion to the weights
            u = row_base[heads] + torch.rand(b, dtype=torch.float64) * row_total[heads]
            tails = cols[torch.searchsorted(cum, u, right=True).clamp_max(cols.numel() - 1)]
            x = dev_x[heads.to(dev)]
            both = torch.cat([x, dev_x[tails.to(dev)]])
            if a.dropout > 0:
                both = both * (torch.rand_like(both) >= a.dropout).float() / (1 - a.dropout)
            if maps is not None:
                which = torch.randint(0, maps.shape[0], (both.shape[0],), device=dev)
                both = torch.cat([both, torch.zeros(both.shape[0], 1, device=dev)], 1).gather(1, maps[which])
            z = model.enc(both)
            zh, zt = z[:b], z[b:]
            logits = model.dec(zh)
            bce = F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / b
            neg = torch.randint(0, 2 * b, (b, a.negatives), device=dev)
            d_pos = (zh - zt).square().sum(1)
            d_neg = (zh[:, None, :] - z[neg]).square().sum(2)
            # -log phi = log(1 + a d^b); -log(1 - phi) = log(1 + a d^b) - log(a d^b) (d: squared distance)
            attract = torch.log1p(ca * d_pos.clamp_min(1e-12).pow(cb))
            ad = ca * d_neg.clamp_min(a.eps).pow(cb)
            repel = (torch.log1p(ad) - torch.log(ad)).sum(1)
            umap = (attract + repel).mean()
            pull = (z - dev_targets[torch.cat([heads, tails]).to(dev)]).square().sum(1).mean()
            loss = bce + a.weight * umap + a.layout_weight * pull
            opt.zero_grad()
            loss.backward()
            opt.step()
            sums[0] += bce.item()
            sums[1] += umap.item()
            steps += 1
        print(f"epoch {epoch + 1}: bce {sums[0] / steps:.2f} umap {sums[1] / steps:.3f} ({time.time() - start:.0f} s)", file=sys.stderr)
    if dev.type == "cuda":
        torch.cuda.synchronize()
    seconds = time.time() - start
    model = model.cpu()
    model.eval()
    with torch.no_grad():
        train_codes = torch.cat([model.enc(train_x[i:i + 10000]) for i in range(0, n, 10000)])
        test_codes = model.enc(test_x)
        logits = model.dec(test_codes)
        test_bce = F.binary_cross_entropy_with_logits(logits, test_x, reduction="sum").item() / test_x.shape[0]
        mse = (torch.sigmoid(logits) - test_x).square().mean().item()
    print(json.dumps({"knn_latent": knn(train_codes, train_y, test_codes, test_y), "test_bce": test_bce, "recon_mse": mse,
                      "graph_seconds": graph_seconds, "layout_seconds": layout_seconds, "seconds": seconds, "epochs": a.epochs, "batch": a.batch, "weight": a.weight,
                      "neighbours": a.neighbours, "min_dist": a.min_dist, "negatives": a.negatives, "hidden": a.hidden,
                      "device": a.device}))


if __name__ == "__main__":
    main()
