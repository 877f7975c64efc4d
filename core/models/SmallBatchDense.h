#pragma once
#include <torch/torch.h>

#include <vector>

namespace latent {

// Dense layers run on a few rows with plain loops, for the MLP decoders' single points (the
// latent view's drag): LibTorch's per-operation overhead was most of the ~90 us one decode took.
struct DenseStep {
    const torch::nn::LinearImpl* layer;
    bool relu;
};

// Whether the loops may stand in for the layers: inference without gradients or tracing, float
// rows on the CPU, at most kMaxRows of them.
bool smallBatchApplies(const torch::nn::Module& model, const torch::Tensor& x);
constexpr int64_t kSmallBatchMaxRows = 4;

// x: float [n, in] -> float [n, out] of the last layer (the same sums in another order).
torch::Tensor runDenseSteps(const torch::Tensor& x, const std::vector<DenseStep>& steps);

}  // namespace latent
