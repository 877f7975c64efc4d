#pragma once
#include "models/Autoencoder.h"

namespace latent {

// The lesson's denoiser (the Keras "Building Autoencoders" denoising model, "more filters per
// layer"): Conv32-Pool-Conv32-Pool (28 -> 14 -> 7), the 32x7x7 feature map as the code, and a
// decoder of Conv32-Up-Conv32-Up-Conv1. Wider and with a larger code than the plotting
// autoencoder, which is what removing noise needs.
struct WideConvAutoencoderImpl : AutoencoderImpl {
    WideConvAutoencoderImpl();
    Encoding encode(const torch::Tensor& input, const torch::Tensor& labels) override;
    torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& labels) override;
    static constexpr int64_t kCodeSize = 32 * 7 * 7;

    torch::nn::Conv2d enc1{nullptr}, enc2{nullptr}, dec1{nullptr}, dec2{nullptr}, decOut{nullptr};
};
TORCH_MODULE(WideConvAutoencoder);

}  // namespace latent
