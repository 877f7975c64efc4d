#pragma once
#include "runtime/TorchHeaders.h"

#include <string>

namespace latent {

// The torch side of runtime/ComputeDevice.h.
// The device of a name resolveDevice gave ("cpu", "cuda:0").
torch::Device torchDevice(const std::string& resolvedName);
// The device a module's weights are on (the CPU when it has none): where its inputs must go.
torch::Device deviceOf(const torch::nn::Module& module);

}  // namespace latent
