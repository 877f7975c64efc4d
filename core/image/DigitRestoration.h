#pragma once
#include "models/Autoencoder.h"
#include "image/GrayImage.h"
#include "models/ModelSpec.h"

#include <string>

namespace latent {

// A 28x28 digit and what a model makes of it: the user's own digit through the denoiser or the
// super-resolution model, scored against the clean digit.
struct DenoiseResult {
    torch::Tensor clean, noisy, output;  // float [28, 28] in [0, 1]
    double psnrNoisy = 0, psnrOutput = 0;
};

struct UpscaleResult {
    torch::Tensor clean, small, output, bilinear, bicubic;  // small: [28/f, 28/f], the rest [28, 28]
    double psnrOutput = 0, psnrBilinear = 0, psnrBicubic = 0;
};

torch::Tensor toTensor(const GrayImage& image);     // float [H, W]
GrayImage toGrayImage(const torch::Tensor& image);  // from float [H, W] (or [1, 1, H, W])

// Adds Gaussian noise of std noiseStd (0: none) from a generator seeded with seed, clamps to
// [0, 1], and runs the model on it (any model that maps 28x28 to 28x28: ae, dae, vae by its mean).
// Throws std::invalid_argument for a super-resolution model.
DenoiseResult denoiseDigit(AutoencoderImpl& model, const ModelSpec& spec, const GrayImage& digit28, double noiseStd, uint64_t seed);
// Downsamples the digit by the model's factor (as in training) and upscales it with the sr model,
// and with bilinear and bicubic interpolation for comparison. Throws for a model that is not sr.
UpscaleResult upscaleDigit(AutoencoderImpl& model, const ModelSpec& spec, const GrayImage& digit28);

// A line for the user when a model was trained on data unlike handwritten digits ("" otherwise).
std::string otherDataWarning(const ModelSpec& spec);

}  // namespace latent
