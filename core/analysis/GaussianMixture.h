#pragma once
#include "runtime/TorchHeaders.h"

#include <cstdint>

namespace latent {

// A mixture of Gaussians with diagonal covariances over codes [N, D]: the density a model without
// a prior of its own is sampled from, fitted to its training codes after training ("ex-post
// density estimation", Ghosh et al., "From variational to deterministic autoencoders", ICLR 2020).
struct GaussianMixture {
    torch::Tensor weights;    // [K], summing to 1
    torch::Tensor means;      // [K, D]
    torch::Tensor variances;  // [K, D]

    // EM from k-means++ starting means drawn with a generator of its own (seed), so that fitting
    // leaves the global generator, and with it a resumed run, as it was. Throws
    // std::invalid_argument for fewer codes than components.
    static GaussianMixture fit(const torch::Tensor& codes, int64_t components, uint64_t seed = 0, int maxIterations = 200);
    // Mean log-likelihood of codes [N, D] under the mixture.
    double meanLogLikelihood(const torch::Tensor& codes) const;
    // n codes drawn from the mixture [n, D], reproducible for a seed.
    torch::Tensor sample(int64_t n, uint64_t seed) const;
};

}  // namespace latent
