#pragma once
#include "runtime/FastPaths.h"

#include "runtime/TorchHeaders.h"

namespace latent {

// Whether a layer may run through an op's own inference loops instead of LibTorch's: the fast paths
// allowed for x (runtime/FastPaths), the layer in evaluation mode, no gradients, float input, the
// layer's weight on the CPU. Asked by the ops themselves, so that a model's decode is its layers.
inline bool runsWithoutGradients(const torch::nn::Module& layer, const torch::Tensor& weight, const torch::Tensor& x)
{
    return fastPathAllowed(x) && !layer.is_training() && !torch::GradMode::is_enabled() && x.scalar_type() == torch::kFloat32 &&
           weight.device().is_cpu();
}

}  // namespace latent
