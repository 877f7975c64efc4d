#include "analysis/NeighbourGraph.h"

#include "analysis/Analysis.h"
#include "analysis/ApproximateNeighbours.h"
#include "kernels/NearestNeighbourKernel.h"
#include "runtime/FastPaths.h"

#include <ATen/Parallel.h>

#include "runtime/TorchHeaders.h"

#include <cmath>
#include <optional>
#include <stdexcept>

namespace latent {

namespace {

// Rows [N, D] as stored: float, or uint8 grey levels read as level / 255 (as ImageDataset::batch).
torch::Tensor flatRows(const torch::Tensor& images) { return images.reshape({images.size(0), -1}); }
torch::Tensor asFloat(const torch::Tensor& rows)
{
    return rows.scalar_type() == torch::kUInt8 ? rows.to(torch::kFloat32).div_(255.0) : rows.to(torch::kFloat32);
}

void checkCount(int64_t n, int k)
{
    if (k < 1) throw std::invalid_argument("the neighbour graph needs at least one neighbour per image");
    if (n <= k)
        throw std::invalid_argument("the neighbour graph needs more images (" + std::to_string(n) + ") than neighbours (" +
                                    std::to_string(k) + ")");
}

// Pixel distances from each row of the block starting at `first` to its candidates, and the k
// nearest of them in order: |a|^2 + |b|^2 - 2 a.b with the squared norms of every row (pixelNorms)
// and one batched product, so that the gathered candidates are read once.
// What the re-ranking reuses from block to block: a block's candidates' pixels (512 rows x 60
// candidates x 784 floats, 96 MB) lie above glibc's mmap threshold and were mapped and page-faulted
// in afresh for every block (on a VM that made the million-image graph's re-ranking take minutes).
struct RerankBuffers {
    torch::Tensor gathered, floats;
};

void rerank(const torch::Tensor& x, const torch::Tensor& pixelNorms, int64_t first, const torch::Tensor& candidates, int k,
            NeighbourList& out, RerankBuffers& buffers)
{
    const int64_t b = candidates.size(0), c = candidates.size(1), rows = b * c;
    const torch::Tensor own = asFloat(x.narrow(0, first, b)).unsqueeze(2);  // [b, D, 1]
    if (!buffers.gathered.defined() || buffers.gathered.size(0) < rows) {
        buffers.gathered = torch::empty({rows, x.size(1)}, x.options());
        if (x.scalar_type() != torch::kFloat32) buffers.floats = torch::empty({rows, x.size(1)}, torch::kFloat32);
    }
    torch::Tensor gathered = buffers.gathered.narrow(0, 0, rows);
    torch::index_select_out(gathered, x, 0, candidates.flatten());
    torch::Tensor theirs = gathered;
    if (x.scalar_type() != torch::kFloat32) {  // as asFloat makes them: bytes scaled to [0, 1]
        theirs = buffers.floats.narrow(0, 0, rows).copy_(gathered);
        if (x.scalar_type() == torch::kUInt8) theirs.div_(255.0);
    }
    theirs = theirs.view({b, c, -1});                               // [b, c, D]
    const torch::Tensor dots = torch::bmm(theirs, own).squeeze(2);  // [b, c]
    const torch::Tensor squared =
        pixelNorms.index_select(0, candidates.flatten()).view({b, c}) + pixelNorms.narrow(0, first, b).unsqueeze(1);
    const torch::Tensor d = (squared - 2 * dots).clamp_min(0).sqrt();
    auto [sorted, order] = d.sort(1);
    out.distances.narrow(0, first, b).copy_(sorted.narrow(1, 0, k));
    out.indices.narrow(0, first, b).copy_(candidates.gather(1, order.narrow(1, 0, k)));
}

// The rows in the space the search ranks them in: their leading principal components (fitted on
// at most kPcaSample rows, evenly spaced; projected a chunk at a time), or the pixels as floats.
torch::Tensor searchSpace(const torch::Tensor& x, int components)
{
    constexpr int64_t kPcaSample = 100000, kChunk = 65536;
    const int64_t n = x.size(0);
    if (components <= 0 || components >= x.size(1)) return asFloat(x).contiguous();
    const torch::Tensor sample = n <= kPcaSample ? x : x.index_select(0, torch::linspace(0, double(n - 1), kPcaSample).to(torch::kLong));
    const Pca pca = Pca::fit(asFloat(sample), components);
    torch::Tensor y = torch::empty({n, components});
    for (int64_t first = 0; first < n; first += kChunk) {
        const int64_t len = std::min(kChunk, n - first);
        y.narrow(0, first, len).copy_(pca.transform(asFloat(x.narrow(0, first, len))));
    }
    return y;
}

// The reference selection: a block's distances to every row, whole, then torch::topk.
torch::Tensor referenceCandidates(const torch::Tensor& y, const torch::Tensor& norms, int64_t first, int64_t b, int64_t c)
{
    torch::Tensor d = torch::addmm(norms.unsqueeze(0), y.narrow(0, first, b), y.t(), 1.0, -2.0);
    d.add_(norms.narrow(0, first, b).unsqueeze(1));
    d.diagonal(first).fill_(INFINITY);  // row r of the block is image first + r
    return std::get<1>(d.topk(c, 1, /*largest=*/false, /*sorted=*/true));
}

// The fast selection: distances a tile of columns at a time into a buffer that stays in the
// cache, each tile merged into the rows' running lists (kernels/NearestNeighbourKernel.h).
class TiledCandidates {
public:
    static constexpr int64_t kTileColumns = 4096;

    TiledCandidates(const torch::Tensor& y, const torch::Tensor& norms, int64_t blockRows, int64_t c)
        : y_(y), norms_(norms), c_(c), tile_(torch::empty({blockRows, std::min(kTileColumns, y.size(0))})),
          rest_(torch::empty({blockRows, std::max<int64_t>(1, y.size(0) % kTileColumns)}))
    {
    }
    torch::Tensor operator()(int64_t first, int64_t b)
    {
        const int64_t n = y_.size(0);
        torch::Tensor bestD = torch::full({b, c_}, INFINITY), bestI = torch::zeros({b, c_}, torch::kLong);
        const torch::Tensor rows = y_.narrow(0, first, b), rowNorms = norms_.narrow(0, first, b).unsqueeze(1);
        for (int64_t col = 0; col < n; col += kTileColumns) {
            const int64_t w = std::min(kTileColumns, n - col);
            torch::Tensor out = (w == tile_.size(1) ? tile_ : rest_).narrow(0, 0, b);
            torch::addmm_out(out, norms_.narrow(0, col, w).unsqueeze(0), rows, y_.narrow(0, col, w).t(), 1.0, -2.0);
            out.add_(rowNorms);
            NearestTile t;
            t.distances = out.data_ptr<float>();
            t.rows = b;
            t.cols = w;
            t.stride = out.stride(0);
            t.firstRow = first;
            t.firstCol = col;
            t.bestDistances = bestD.data_ptr<float>();
            t.bestIndices = bestI.data_ptr<int64_t>();
            t.keep = int(c_);
            mergeNearest(t, at::get_num_threads());
        }
        return bestI;
    }

private:
    torch::Tensor y_, norms_;
    int64_t c_;
    torch::Tensor tile_, rest_;
};

}  // namespace

NeighbourList nearestNeighbours(const torch::Tensor& images, const NeighbourSearchOptions& options,
                                const std::function<bool(double)>& progress)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor x = flatRows(images);
    const int64_t n = x.size(0);
    const int k = options.neighbours;
    checkCount(n, k);
    const bool approximate = n > options.exactLimit;
    const bool projected = options.pcaComponents > 0 && options.pcaComponents < x.size(1);
    // Ranked in the projection (or by the approximate index), then re-ranked in pixels: keep more
    // candidates than neighbours.
    const int wanted = approximate ? options.approximate.candidates : options.candidates;
    const int64_t c = projected || approximate ? std::min<int64_t>(n - 1, std::max(wanted, k)) : k;
    const torch::Tensor y = searchSpace(x, options.pcaComponents);
    NeighbourList out{torch::empty({n, k}, torch::kLong), torch::empty({n, k}, torch::kFloat32)};
    const int64_t block = std::max<int64_t>(1, options.blockRows);
    // The approximate index reports the first 80 % of the work, the re-ranking the rest.
    const double searchShare = approximate ? 0.8 : 0.0;
    torch::Tensor all;
    if (approximate) {
        all = approximateCandidates(y, int(c), options.approximate, [&](double f) { return !progress || progress(searchShare * f); });
        if (!all.defined()) return {};
    }
    const torch::Tensor norms = y.square().sum(1);
    // Squared pixel norms of every row, for the re-ranking (a chunk at a time: no float copy of the set).
    torch::Tensor pixelNorms = torch::empty({n});
    for (int64_t from = 0; from < n; from += 65536) {
        const int64_t len = std::min<int64_t>(65536, n - from);
        pixelNorms.narrow(0, from, len).copy_(asFloat(x.narrow(0, from, len)).square().sum(1));
    }
    RerankBuffers buffers;
    std::optional<TiledCandidates> tiled;
    if (!approximate && fastPathAllowed(y)) tiled.emplace(y, norms, std::min(block, n), c);
    for (int64_t first = 0; first < n; first += block) {
        const int64_t b = std::min(block, n - first);
        const torch::Tensor candidates = approximate ? all.narrow(0, first, b)
                                         : tiled     ? (*tiled)(first, b)
                                                     : referenceCandidates(y, norms, first, b, c);
        rerank(x, pixelNorms, first, candidates, k, out, buffers);
        if (progress && !progress(searchShare + (1 - searchShare) * double(first + b) / double(n))) return {};
    }
    return out;
}

NeighbourList bruteForceNeighbours(const torch::Tensor& images, int neighbours)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor x = asFloat(flatRows(images));
    checkCount(x.size(0), neighbours);
    torch::Tensor d = torch::cdist(x, x);
    d.fill_diagonal_(INFINITY);
    auto [sorted, order] = d.sort(1);
    return {order.narrow(1, 0, neighbours).contiguous(), sorted.narrow(1, 0, neighbours).contiguous()};
}

Memberships fuzzyMemberships(const NeighbourList& neighbours)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor d = neighbours.distances.to(torch::kDouble);
    const int64_t n = d.size(0), k = d.size(1);
    // rho: the nearest distance that is not zero (a duplicate image is at 0), so that every image
    // is fully connected to at least one other.
    const torch::Tensor positive = torch::where(d > 0, d, torch::full_like(d, INFINITY));
    torch::Tensor rho = std::get<0>(positive.min(1, true));
    rho = torch::where(torch::isinf(rho), torch::zeros_like(rho), rho);
    const torch::Tensor gap = (d - rho).clamp_min(0);
    const double target = std::log2(double(k));
    // Bisection on sigma: the sum of exp(-gap / sigma) grows with sigma, from 1-ish to k.
    torch::Tensor lo = torch::zeros({n, 1}, torch::kDouble), hi = torch::full({n, 1}, INFINITY, torch::kDouble);
    torch::Tensor sigma = torch::ones({n, 1}, torch::kDouble);
    for (int iteration = 0; iteration < 64; ++iteration) {
        const torch::Tensor total = torch::exp(-gap / sigma).sum(1, true);
        const torch::Tensor tooWide = total > target;
        hi = torch::where(tooWide, sigma, hi);
        lo = torch::where(tooWide, lo, sigma);
        sigma = torch::where(torch::isinf(hi), sigma * 2, (lo + hi) / 2);
    }
    // A floor on sigma for rows whose neighbours all sit at the same distance (no width makes
    // their sum log2(k)): a thousandth of the row's mean distance.
    sigma = torch::maximum(sigma, 1e-3 * d.mean(1, true)).clamp_min(1e-12);
    Memberships m;
    m.weights = torch::exp(-gap / sigma).to(torch::kFloat32);
    m.sigma = sigma.squeeze(1).to(torch::kFloat32);
    return m;
}

FuzzyGraph fuzzyGraph(const NeighbourList& neighbours)
{
    torch::NoGradGuard noGrad;
    const Memberships m = fuzzyMemberships(neighbours);
    const int64_t n = neighbours.size(), k = neighbours.indices.size(1);
    const torch::Tensor rows = torch::arange(n, torch::kLong).repeat_interleave(k);
    const torch::Tensor cols = neighbours.indices.flatten();
    const torch::Tensor w = m.weights.flatten();
    // Every edge once as (i, j) and once as (j, i); sorted by row then column an edge present in
    // both lists sits next to its twin (a row lists a neighbour once): a + b - ab, the twin dropped.
    const torch::Tensor keys = torch::cat({rows * n + cols, cols * n + rows});
    const torch::Tensor values = torch::cat({w, w});
    auto [sorted, order] = keys.sort();
    const torch::Tensor v = values.index_select(0, order);
    const int64_t e = sorted.size(0);
    const torch::Tensor twinNext = torch::cat({sorted.narrow(0, 1, e - 1) == sorted.narrow(0, 0, e - 1), torch::zeros({1}, torch::kBool)});
    const torch::Tensor next = torch::cat({v.narrow(0, 1, e - 1), torch::zeros({1}, v.options())});
    const torch::Tensor combined = torch::where(twinNext, v + next - v * next, v);
    // Each edge once, and only edges that can be drawn (a membership can underflow to 0).
    const torch::Tensor first =
        torch::cat({torch::ones({1}, torch::kBool), sorted.narrow(0, 1, e - 1) != sorted.narrow(0, 0, e - 1)}) & (combined > 0);
    const torch::Tensor keptKeys = sorted.masked_select(first);
    FuzzyGraph g;
    g.columns = keptKeys.remainder(n);
    g.weights = combined.masked_select(first).contiguous();
    g.rowStart = torch::zeros({n + 1}, torch::kLong);
    g.rowStart.narrow(0, 1, n).copy_(torch::bincount(keptKeys.div(n, "floor"), {}, n).cumsum(0));
    return g;
}

torch::Tensor FuzzyGraph::edgeRows() const { return torch::repeat_interleave(rowStart.diff()); }

}  // namespace latent
