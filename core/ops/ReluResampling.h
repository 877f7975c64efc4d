#pragma once
#include "runtime/TorchHeaders.h"

namespace latent {

// A convolution's output through ReLU and then 2x2 max pooling (encoders) or 2x nearest-neighbour
// upsampling (decoders), as one pass each way. As separate LibTorch ops these were a large part of
// the conv autoencoders' training step (docs/PERFORMANCE.md, "Speed"): ReLU forward and backward, pooling with
// 8-byte indices and a zero-filled gradient, bf16 pooling through a scalar loop, layout copies.
//
// On CPU channels-last float or bf16 tensors outside TorchScript tracing; elsewhere the plain
// ops, with the same results. Gradients as autograd gives them for the plain ops, up to the order
// of the upsampling's four-term sums.

// max_pool2d(relu(x), 2) with ceil_mode: an odd edge pools a partial window.
torch::Tensor reluMaxPool2(const torch::Tensor& x);
// Nearest-neighbour 2x upsampling of relu(x).
torch::Tensor reluUpsample2(const torch::Tensor& x);

}  // namespace latent
