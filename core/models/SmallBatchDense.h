#pragma once
#include "models/Autoencoder.h"

#include <vector>

namespace latent {

// Dense layers run on a few rows with plain loops, for the MLP decoders' single points (the
// latent view's drag): LibTorch's per-operation overhead was most of the ~90 us one decode took.
struct DenseStep {
    const torch::nn::LinearImpl* layer;
    bool relu;
};

// Whether the loops may stand in for model's layers: AutoencoderImpl::runsInference, at most
// kSmallBatchMaxRows rows.
constexpr int64_t kSmallBatchMaxRows = 4;
inline bool smallBatchApplies(const AutoencoderImpl& model, const torch::Tensor& x)
{
    return model.runsInference(x) && x.size(0) <= kSmallBatchMaxRows;
}

// x: float [n, in] -> float [n, out] of the last layer (the same sums in another order).
torch::Tensor runDenseSteps(const torch::Tensor& x, const std::vector<DenseStep>& steps);

}  // namespace latent
