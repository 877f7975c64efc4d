#pragma once
#include "runtime/TorchHeaders.h"

namespace latent {

// A transposed convolution computed as what it is, the adjoint of a strided convolution with the
// same weight: forward is that convolution's input gradient, backward its forward pass (input
// gradient) and its weight gradient. LibTorch 1.13 runs ConvTranspose2d on the CPU through one
// small im2col product per image (slow_conv_transpose2d: forward and backward were most of the
// conv VAE's step); the convolution's gradients run in oneDNN, on channels-last
// buffers when the tensors are.
//
// Applies to the CPU outside TorchScript tracing (the traced graph keeps the plain layer); elsewhere
// this is layer->forward(x). Groups and dilation must be 1 (every transposed layer here).
torch::Tensor convTranspose2d(torch::nn::ConvTranspose2d& layer, const torch::Tensor& x);

}  // namespace latent
