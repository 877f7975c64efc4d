#pragma once
#include "runtime/TorchHeaders.h"

namespace latent {

// Convolutions in channels-last layout (NHWC): oneDNN's kernels for the few channels these
// models have run faster on it, forward and backward, than on NCHW, which they reorder every call.
// Turns every 4-D parameter of the module (the convolution weights) channels-last, in place.
// Checkpoints and weight copies keep working: they copy_ values into whatever layout is there.
void useChannelsLast(torch::nn::Module& module);

// The input of the first convolution: channels-last makes the convolution keep that layout
// through the network (outputs follow the input's layout).
torch::Tensor toChannelsLast(const torch::Tensor& images);

}  // namespace latent
