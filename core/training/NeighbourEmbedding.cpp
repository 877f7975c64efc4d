#include "training/NeighbourEmbedding.h"

#include <cmath>
#include <stdexcept>

namespace latent {

namespace {

// Squared Euclidean distances between the rows of a [B, F]: |a_i|^2 + |a_j|^2 - 2 a_i.a_j, one
// product instead of B^2 differences; clamped at 0 against rounding.
torch::Tensor squaredDistances(const torch::Tensor& a)
{
    const torch::Tensor norms = a.square().sum(1, true);
    return (norms + norms.t() - 2 * a.mm(a.t())).clamp_min(0);
}

struct ConditionalAffinities {
    torch::Tensor kernel;  // exp(-beta_i (d_ij - min_j d_ij)), zero diagonal [B, B]
    torch::Tensor total;   // row sums [B, 1]
};

// Each row's Gaussian precision beta_i by safeguarded Newton steps on the row's entropy
// H_i(beta) = log Z_i + beta E_i[d] (dH/dbeta = -beta Var_i[d]): 5-15 passes over the batch where
// bisection from a blind bracket needs 50-60. A step that leaves the bracket known so far bisects.
ConditionalAffinities searchWidths(const torch::Tensor& x, double perplexity)
{
    const int64_t n = x.size(0);
    if (n < 2) throw std::invalid_argument("neighbour affinities need at least two images in a batch");
    // In float, on the images' device (a CUDA LibTorch trains there too).
    torch::Tensor d = squaredDistances(x.reshape({n, -1}).to(torch::kFloat32));
    // Shifted so that each row's nearest other image is at 0: exp never underflows the whole row.
    // The diagonal (an image and itself) is left out of the minimum and of every kernel below.
    d.fill_diagonal_(INFINITY);
    d = d - std::get<0>(d.min(1, true));
    d.fill_diagonal_(0);
    const double target = std::log(std::min(perplexity, double(n - 1)));
    const torch::Tensor spread = d.sum(1, true) / double(n - 1);
    torch::Tensor beta = 1.0 / spread.clamp_min(1e-12);
    torch::Tensor lo = torch::zeros_like(beta), hi = torch::full_like(beta, INFINITY);
    ConditionalAffinities c;
    for (int iteration = 0; iteration < 100; ++iteration) {
        c.kernel = torch::exp(-d * beta).fill_diagonal_(0);
        c.total = c.kernel.sum(1, true);
        const torch::Tensor weighted = c.kernel * d;
        const torch::Tensor mean = weighted.sum(1, true) / c.total;
        const torch::Tensor entropy = c.total.log() + beta * mean;
        const torch::Tensor excess = entropy - target;
        if (excess.abs().max().item<float>() < 1e-4f) break;
        const torch::Tensor variance = ((weighted * d).sum(1, true) / c.total - mean.square()).clamp_min(0);
        // Entropy falls as beta rises: too high an entropy means beta is a lower bound.
        const torch::Tensor tooFlat = excess > 0;
        lo = torch::where(tooFlat, beta, lo);
        hi = torch::where(tooFlat, hi, beta);
        const torch::Tensor newton = beta + excess / (beta * variance).clamp_min(1e-30);
        const torch::Tensor bisect = torch::where(torch::isinf(hi), beta * 2, (lo + hi) / 2);
        beta = torch::where((newton > lo) & (newton < hi), newton, bisect);
    }
    return c;
}

}  // namespace

torch::Tensor neighbourAffinities(const torch::Tensor& x, double perplexity)
{
    torch::NoGradGuard noGrad;
    const ConditionalAffinities c = searchWidths(x, perplexity);
    const torch::Tensor conditional = c.kernel / c.total;
    return (conditional + conditional.t()) / (2.0 * double(x.size(0)));
}

torch::Tensor conditionalPerplexities(const torch::Tensor& x, double perplexity)
{
    torch::NoGradGuard noGrad;
    const ConditionalAffinities c = searchWidths(x, perplexity);
    const torch::Tensor p = c.kernel / c.total;
    return torch::exp(-(p * torch::log(p.clamp_min(1e-30))).sum(1));
}

torch::Tensor embeddingDivergence(const torch::Tensor& p, const torch::Tensor& z)
{
    // sum p log p - sum p log q, with log q_ij = -log1p(d_ij) - log sum_kl 1 / (1 + d_kl).
    const int64_t n = z.size(0);
    const torch::Tensor offDiagonal = 1 - torch::eye(n, z.options());
    const torch::Tensor d = squaredDistances(z);
    const torch::Tensor kernelSum = (offDiagonal / (1 + d)).sum();
    const torch::Tensor entropyPart = (p * torch::log(p.clamp_min(1e-30))).sum().detach();
    return entropyPart + (p * torch::log1p(d)).sum() + p.sum().detach() * kernelSum.log();
}

}  // namespace latent
