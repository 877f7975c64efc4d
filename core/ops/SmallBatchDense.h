#pragma once
#include "runtime/TorchHeaders.h"

#include <cstdint>
#include <vector>

namespace latent {

// Dense layers run on a few rows with plain loops, for the MLP decoders' single points (the
// latent view's drag): LibTorch's per-operation overhead was most of the ~90 us one decode took.
struct DenseStep {
    const torch::nn::LinearImpl* layer;
    bool relu;
};

// The most rows the loops take.
constexpr int64_t kSmallBatchMaxRows = 4;

// x: float [n, in] through the steps (each a Linear, then ReLU when asked): with the loops for at
// most kSmallBatchMaxRows rows without gradients (ops/InferenceCheck), else LibTorch's layers.
torch::Tensor denseLayers(const torch::Tensor& x, const std::vector<DenseStep>& steps);

// The loops themselves: x float [n, in] -> float [n, out] of the last step (the same sums in
// another order). bf16, when given, holds per step the bits of its weight as bf16 (row-major) or
// null: a wide step with bits takes bf16 products (SmallBatchDenseKernels; sums still in float),
// for display only: a grey level or so off (inference/DisplayDecoder keeps the copies).
torch::Tensor runDenseSteps(const torch::Tensor& x, const std::vector<DenseStep>& steps,
                            const std::vector<const uint16_t*>* bf16 = nullptr);

}  // namespace latent
