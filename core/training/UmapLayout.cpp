#include "training/UmapLayout.h"

#include "analysis/Analysis.h"
#include "kernels/UmapLayoutKernel.h"
#include "runtime/FastPaths.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

namespace latent {

namespace {

// Each edge's move along (y_head - y_tail), clipped per coordinate as UMAP clips them.
torch::Tensor clippedMove(const torch::Tensor& coefficient, const torch::Tensor& difference)
{
    return (coefficient.unsqueeze(1) * difference).clamp(-4.0, 4.0);
}

// The reference: whole-tensor operations.
torch::Tensor referenceMoves(const torch::Tensor& y, const torch::Tensor& h, const torch::Tensor& t, const torch::Tensor& nh,
                             const torch::Tensor& nt, double a, double b, double rate)
{
    torch::Tensor move = torch::zeros_like(y);
    // Attraction: -d/dy log(1 + a d^b) = -2ab d^(b-1) / (1 + a d^b) (y_h - y_t), d squared.
    torch::Tensor diff = y.index_select(0, h) - y.index_select(0, t);
    torch::Tensor d = diff.square().sum(1);
    const torch::Tensor pull = clippedMove(-2.0 * a * b * d.clamp_min(1e-12).pow(b - 1) / (1 + a * d.pow(b)), diff) * rate;
    move.index_add_(0, h, pull).index_add_(0, t, -pull);
    // Repulsion from random points: -d/dy [log(1 + a d^b) - log(a d^b)] = 2b / (d (1 + a d^b)) (y_h - y_n).
    diff = y.index_select(0, nh) - y.index_select(0, nt);
    d = diff.square().sum(1);
    const torch::Tensor push = clippedMove(2.0 * b / ((1e-3 + d) * (1 + a * d.pow(b))), diff) * rate;
    move.index_add_(0, nh, push);
    return move;
}

}  // namespace

torch::Tensor umapLayoutMoves(const torch::Tensor& points, const torch::Tensor& heads, const torch::Tensor& tails,
                              const torch::Tensor& negativeTails, const UmapCurve& curve, double rate)
{
    if (!fastPathAllowed(points) || points.scalar_type() != torch::kFloat32 || points.dim() != 2 || points.size(1) != 2)
        return referenceMoves(points, heads, tails, heads.repeat_interleave(negativeTails.size(1)), negativeTails.flatten(), curve.a,
                              curve.b, rate);
    const torch::Tensor y = points.contiguous(), h = heads.contiguous(), t = tails.contiguous();
    const torch::Tensor nt = negativeTails.contiguous();
    torch::Tensor move = torch::zeros_like(y);
    UmapLayoutPairs pairs;
    pairs.points = y.data_ptr<float>();
    pairs.count = y.size(0);
    pairs.heads = h.data_ptr<int64_t>();
    pairs.tails = t.data_ptr<int64_t>();
    pairs.edges = h.size(0);
    pairs.negativeTails = nt.data_ptr<int64_t>();
    pairs.negativesPerEdge = nt.size(1);
    pairs.negatives = nt.numel();
    pairs.a = float(curve.a);
    pairs.b = float(curve.b);
    pairs.rate = float(rate);
    latent::umapLayoutMoves(pairs, move.data_ptr<float>(), at::get_num_threads());
    return move;
}

torch::Tensor umapLayout(const FuzzyGraph& graph, const torch::Tensor& images, const UmapCurve& curve, const UmapLayoutOptions& options,
                         const std::function<bool(double)>& progress)
{
    torch::NoGradGuard noGrad;
    const int64_t n = graph.size();
    at::Generator gen = at::detail::createCPUGenerator(options.seed);
    // Start: the two leading principal components, scaled to the same spread on both axes.
    const torch::Tensor flat = images.reshape({n, -1}).to(torch::kFloat32);
    torch::Tensor y = Pca::fit(flat, 2).transform(flat);
    y = (y - y.mean(0)) / y.std(0).clamp_min(1e-12) * options.initialSpread;
    y = y.contiguous();
    // Edges as (head, tail, weight); those too weak to be sampled once in the whole run are left
    // out, as UMAP leaves them out.
    const torch::Tensor rows = graph.edgeRows();
    const double floor = graph.weights.max().item<double>() / std::max(1, options.epochs);
    const torch::Tensor keep = graph.weights >= floor;
    const torch::Tensor heads = rows.masked_select(keep), tails = graph.columns.masked_select(keep),
                        weights = graph.weights.masked_select(keep);
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        const double rate = 1.0 - double(epoch) / options.epochs;
        const torch::Tensor drawn = torch::rand(weights.sizes(), gen) < weights;
        const torch::Tensor h = heads.masked_select(drawn), t = tails.masked_select(drawn);
        const torch::Tensor negatives = torch::randint(n, {h.size(0), options.negatives}, gen, torch::kLong);
        y.add_(umapLayoutMoves(y, h, t, negatives, curve, rate));
        if (progress && !progress(double(epoch + 1) / options.epochs)) return {};
    }
    return y;
}

}  // namespace latent
