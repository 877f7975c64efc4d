#pragma once
#include "runtime/TorchHeaders.h"

namespace latent {

// UMAP's low-dimensional similarity phi(d) = 1 / (1 + a d^(2b)) (McInnes, Healy & Melville 2018,
// section 3.2 and appendix C), its a and b fitted by least squares so that phi follows 1 up to
// minDist and exp(-(d - minDist) / spread) beyond, on 300 points of [0, 3 spread].
struct UmapCurve {
    double a = 1.0, b = 1.0;
    static UmapCurve fit(double minDist, double spread = 1.0);  // throws std::invalid_argument unless 0 <= minDist < 3 spread
    // phi of squared distances (any shape).
    torch::Tensor similarity(const torch::Tensor& squaredDistance) const;
};

// UMAP's cross-entropy on codes, for a batch of edges: heads [B, D] and their tails [B, D] (a
// neighbour each, drawn in proportion to the edge weight, so every edge counts once), and for
// every head `negatives` [B, M, D], codes of images drawn at random (taken as non-neighbours):
//   mean over heads of  -log phi(|h - t|^2)  -  repulsion * sum_m log(1 - phi(|h - n_m|^2)).
// Written as log(1 + a d^b) and log(1 + a d^b) - log(a d^b) (d squared), finite for every d: a
// squared distance under minSquared counts as minSquared in the repulsion (two codes on top of each
// other are pushed apart with a bounded force). Differentiable in all three.
struct UmapLossParts {
    torch::Tensor total, attraction, repulsion;  // scalars (attraction + repulsion = total)
};
UmapLossParts umapLoss(const UmapCurve& curve, const torch::Tensor& heads, const torch::Tensor& tails, const torch::Tensor& negatives,
                       double repulsion = 1.0, double minSquared = 1e-3);

}  // namespace latent
