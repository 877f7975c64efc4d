#pragma once
#include "runtime/TorchHeaders.h"

namespace latent {

// Parametric t-SNE on a batch (van der Maaten, "Learning a parametric embedding by preserving local
// structure", AISTATS 2009): the images' neighbourhoods as input affinities P, the codes' as
// Student-t affinities Q, and KL(P || Q) as a loss that pulls each code next to the codes of the
// images that look like it. Used by the separated map (MapTrainStep) beside its reconstruction loss.

// Symmetric input affinities [B, B] of a batch x [B, ...] (flattened): row i is a Gaussian kernel
// over the squared pixel distances to the other images, its width chosen so that the row's
// perplexity (exp of its entropy) is `perplexity` (clamped to B - 1); P = (P_cond + P_cond^T) / 2B,
// zero on the diagonal, summing to 1. No gradient. Throws std::invalid_argument for B < 2.
torch::Tensor neighbourAffinities(const torch::Tensor& x, double perplexity);

// Row i's perplexity under the conditional affinities the width search settled on (for tests and
// the figures in docs): [B].
torch::Tensor conditionalPerplexities(const torch::Tensor& x, double perplexity);

// KL(P || Q) for codes z [B, D] with Q_ij proportional to 1 / (1 + |z_i - z_j|^2), i != j:
// differentiable in z. P may be scaled (early exaggeration): the sum is then s * KL-like terms as
// in t-SNE, sum_ij p_ij log(p_ij / q_ij).
torch::Tensor embeddingDivergence(const torch::Tensor& p, const torch::Tensor& z);

}  // namespace latent
