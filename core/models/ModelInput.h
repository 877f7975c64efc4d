#pragma once
#include "models/ModelSpec.h"

#include <torch/types.h>

namespace latent {

// What a model of this spec is fed for a batch of clean images: noisy for dae (data/Transforms'
// addGaussianNoise at the spec's noise), small for sr (downsample by the spec's factor), the images
// themselves for the others. The catalog says which.
torch::Tensor modelInput(const ModelSpec& spec, const torch::Tensor& clean);

}  // namespace latent
