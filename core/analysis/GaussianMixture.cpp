#include "analysis/GaussianMixture.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <stdexcept>

namespace latent {

namespace {

// log N(z_n | mean_k, diag(var_k)) + log w_k: [N, K].
torch::Tensor weightedLogDensities(const GaussianMixture& m, const torch::Tensor& z)
{
    const torch::Tensor diff = z.unsqueeze(1) - m.means.unsqueeze(0);  // [N, K, D]
    const torch::Tensor logNormal =
        -0.5 * (diff.square() / m.variances.unsqueeze(0) + m.variances.log().unsqueeze(0) + std::log(2 * M_PI)).sum(2);
    return logNormal + m.weights.clamp_min(1e-30).log().unsqueeze(0);
}

// k-means++ (Arthur & Vassilvitskii 2007): each next mean drawn with probability proportional to
// the squared distance to the nearest mean so far.
torch::Tensor kMeansPlusPlus(const torch::Tensor& z, int64_t k, at::Generator& gen)
{
    const int64_t n = z.size(0);
    std::vector<torch::Tensor> chosen{z[at::randint(n, {1}, gen, torch::kLong).item<int64_t>()]};
    torch::Tensor nearest = (z - chosen.back()).square().sum(1);
    while (int64_t(chosen.size()) < k) {
        const torch::Tensor weights = nearest.sum().item<double>() > 0 ? nearest : torch::ones_like(nearest);
        chosen.push_back(z[at::multinomial(weights, 1, false, gen).item<int64_t>()]);
        nearest = torch::minimum(nearest, (z - chosen.back()).square().sum(1));
    }
    return torch::stack(chosen);
}

}  // namespace

GaussianMixture GaussianMixture::fit(const torch::Tensor& codes, int64_t components, uint64_t seed, int maxIterations)
{
    torch::NoGradGuard noGrad;
    // On the CPU in double whatever the codes' device: EM on 10,000 2-D codes takes milliseconds,
    // and the generator below is a CPU one.
    const torch::Tensor z = codes.reshape({codes.size(0), -1}).to(torch::kCPU, torch::kDouble);
    const int64_t n = z.size(0);
    if (components < 1 || n < components) throw std::invalid_argument("a mixture needs at least as many codes as components");
    at::Generator gen = at::detail::createCPUGenerator(seed);
    // Variances never shrink below a millionth of the codes' own: a component on one repeated code
    // would otherwise collapse to a point of infinite density.
    const torch::Tensor floor = (z.var(0, false) * 1e-6).clamp_min(1e-12);
    GaussianMixture m;
    m.means = kMeansPlusPlus(z, components, gen);
    m.variances = z.var(0, false).clamp_min(1e-12).unsqueeze(0).repeat({components, 1});
    m.weights = torch::full({components}, 1.0 / double(components), torch::kDouble);
    double previous = -INFINITY;
    for (int it = 0; it < maxIterations; ++it) {
        const torch::Tensor logp = weightedLogDensities(m, z);
        const torch::Tensor logTotal = logp.logsumexp(1, true);
        const double likelihood = logTotal.mean().item<double>();
        const torch::Tensor r = (logp - logTotal).exp();       // responsibilities [N, K]
        const torch::Tensor mass = r.sum(0).clamp_min(1e-10);  // [K]
        m.weights = mass / mass.sum();
        m.means = r.t().mm(z) / mass.unsqueeze(1);
        m.variances = torch::maximum(r.t().mm(z.square()) / mass.unsqueeze(1) - m.means.square(), floor.unsqueeze(0));
        if (likelihood - previous < 1e-7 * std::abs(likelihood) + 1e-9) break;
        previous = likelihood;
    }
    return {m.weights.to(torch::kFloat32), m.means.to(torch::kFloat32), m.variances.to(torch::kFloat32)};
}

double GaussianMixture::meanLogLikelihood(const torch::Tensor& codes) const
{
    torch::NoGradGuard noGrad;
    const GaussianMixture m{weights.cpu(), means.cpu(), variances.cpu()};
    const torch::Tensor z = codes.reshape({codes.size(0), -1}).to(torch::kCPU, torch::kFloat32);
    return weightedLogDensities(m, z).logsumexp(1).mean().item<double>();
}

torch::Tensor GaussianMixture::sample(int64_t n, uint64_t seed) const
{
    if (n < 1) throw std::invalid_argument("sampling needs at least one sample");
    torch::NoGradGuard noGrad;
    at::Generator gen = at::detail::createCPUGenerator(seed);
    // On the CPU (its generator is a CPU one), as samplePrior's codes are.
    const torch::Tensor which = at::multinomial(weights.to(torch::kCPU, torch::kFloat32), n, /*replacement=*/true, gen);
    const torch::Tensor eps = at::randn({n, means.size(1)}, gen, torch::kFloat32);
    return means.cpu().index_select(0, which) + variances.cpu().index_select(0, which).sqrt() * eps;
}

}  // namespace latent
