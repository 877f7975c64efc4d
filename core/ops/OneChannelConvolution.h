#pragma once
#include "runtime/TorchHeaders.h"

namespace latent {

// The first and last layers of the conv autoencoders and the super-resolution net: 3x3
// convolutions (stride 1, padding 1) from the one-channel image into 16 or 32 channels, and from
// those back into one. oneDNN runs them through kernels built for many channels on both sides,
// slowly with one (docs/PERFORMANCE.md, "Speed"). Here each pixel's 3x3 window is a few vector products over
// the channels, with the weight gradient summed per thread.
//
// On the CPU outside TorchScript tracing, with 16 or 32 channels on the other side, for float
// input (bf16 too into the last layer, as autocast leaves it) with channels-last activations;
// elsewhere layer->forward(x). Under bf16
// autocast the first layer gives bf16, as LibTorch's would; the last layer gives float.
torch::Tensor oneChannelConv(torch::nn::Conv2d& layer, const torch::Tensor& x);

}  // namespace latent
