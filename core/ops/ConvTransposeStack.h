#pragma once
#include "runtime/TorchHeaders.h"

#include <vector>

namespace latent {

// Transposed convolutions one after another, ReLU between them and none after the last, as a
// decoder's upsampling runs them: x [n, C, H, W] -> [n, C', H', W'].
// Without gradients (ops/InferenceCheck), with square strides and kernels and one output channel at
// the end, a few images at a time go through all the layers on channels-last buffers that stay in
// the cores' caches (ConvTransposeGemm), the blocks in parallel: the same sums in another order
// (a 30 x 30 grid of the conv VAE took ~1 s through LibTorch's layers). bf16: the products before
// the last layer take bf16 operands (for display: a grey level or two off). Otherwise, and under
// LATENT_REFERENCE, each layer through convTranspose2d (ops/ConvTransposeByConvolution).
torch::Tensor convTransposeStack(const torch::Tensor& x, const std::vector<torch::nn::ConvTranspose2d>& layers, bool bf16 = false);

}  // namespace latent
