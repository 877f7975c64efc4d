#pragma once
#include <torch/types.h>

namespace latent {

// Gaussian noise of the given std, clamped back to [0, 1] (the denoiser's input). Drawn from the
// global torch generator, so a fresh draw every batch and reproducible under torch::manual_seed.
torch::Tensor addGaussianNoise(const torch::Tensor& images, double stddev);
// Average-pool by 2 or 4: [B,1,28,28] -> [B,1,14,14] or [B,1,7,7] (the super-resolution input).
torch::Tensor downsample(const torch::Tensor& images, int factor);
// Upscale to size x size, bilinear or bicubic (clamped), as baselines for super-resolution.
torch::Tensor upscale(const torch::Tensor& images, int size, bool bicubic);

}  // namespace latent
