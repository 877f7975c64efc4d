#include "analysis/Generation.h"

#include "analysis/GaussianMixture.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <stdexcept>

namespace latent {

torch::Tensor samplePrior(int64_t n, int64_t latentDim, uint64_t seed)
{
    if (n < 1 || latentDim < 1) throw std::invalid_argument("sampling needs at least one sample of at least one dim");
    at::Generator gen = at::detail::createCPUGenerator(seed);
    return at::randn({n, latentDim}, gen, torch::kFloat32);
}

torch::Tensor sampleCodes(AutoencoderImpl& model, int64_t n, int64_t latentDim, uint64_t seed)
{
    const CodeDensity density = model.codeDensity();
    if (density.weights.defined()) {
        if (density.means.size(1) != latentDim) throw std::invalid_argument("the model's code density has another latent size");
        return GaussianMixture{density.weights, density.means, density.variances}.sample(n, seed);
    }
    return samplePrior(n, latentDim, seed);
}

ClassRows oneRowPerClass(const torch::Tensor& styles, int64_t classes)
{
    if (styles.dim() != 2 || styles.size(0) < 1 || classes < 1)
        throw std::invalid_argument("one row per class needs at least one style vector and one class");
    return {styles.repeat({classes, 1}), torch::arange(classes, torch::kLong).repeat_interleave(styles.size(0))};
}

torch::Tensor jitterCode(const torch::Tensor& z, int64_t n, double sigma, uint64_t seed)
{
    const torch::Tensor base = z.reshape({1, -1}).to(torch::kFloat32);
    at::Generator gen = at::detail::createCPUGenerator(seed);
    return base + sigma * at::randn({n, base.size(1)}, gen, torch::kFloat32);
}

torch::Tensor interpolatePath(const torch::Tensor& z0In, const torch::Tensor& z1In, int64_t steps, bool spherical)
{
    if (steps < 2) throw std::invalid_argument("an interpolation needs at least 2 steps");
    const torch::Tensor z0 = z0In.reshape({-1}).to(torch::kDouble), z1 = z1In.reshape({-1}).to(torch::kDouble);
    if (z0.numel() != z1.numel()) throw std::invalid_argument("the two end points have different sizes");
    const torch::Tensor t = torch::linspace(0.0, 1.0, steps, torch::kDouble).unsqueeze(1);
    torch::Tensor path = (1 - t) * z0 + t * z1;
    if (spherical) {
        const double n0 = z0.norm().item<double>(), n1 = z1.norm().item<double>();
        if (n0 > 1e-12 && n1 > 1e-12) {
            const double cosAngle = std::clamp((z0.dot(z1) / (n0 * n1)).item<double>(), -1.0, 1.0);
            const double omega = std::acos(cosAngle);
            if (omega > 1e-6 && std::abs(omega - M_PI) > 1e-6) {
                const torch::Tensor u0 = z0 / n0, u1 = z1 / n1;
                const torch::Tensor s0 = torch::sin((1 - t) * omega) / std::sin(omega), s1 = torch::sin(t * omega) / std::sin(omega);
                const torch::Tensor norm = (1 - t) * n0 + t * n1;
                path = (s0 * u0 + s1 * u1) * norm;
            }
        }
    }
    return path.to(torch::kFloat32);
}

torch::Tensor imageSheet(const torch::Tensor& images, int64_t cols, int64_t pad)
{
    const int64_t n = images.size(0), h = images.size(-2), w = images.size(-1);
    cols = std::max<int64_t>(1, std::min(cols, n));
    const int64_t rows = (n + cols - 1) / cols;
    torch::Tensor sheet = torch::zeros({rows * h + (rows - 1) * pad, cols * w + (cols - 1) * pad}, torch::kUInt8);
    const torch::Tensor u8 = images.reshape({n, h, w}).mul(255.0).round().clamp(0, 255).to(torch::kUInt8);
    for (int64_t i = 0; i < n; ++i) {
        const int64_t r = i / cols, c = i % cols;
        sheet.narrow(0, r * (h + pad), h).narrow(1, c * (w + pad), w).copy_(u8[i]);
    }
    return sheet;
}

}  // namespace latent
