#pragma once
#include "models/Autoencoder.h"

namespace latent {

struct ConvAutoencoderOptions {
    int64_t latentDim = 2;  // 0: no dense bottleneck, the code is the 8x4x4 feature map (128 values)
};

// The lesson's convolutional autoencoder: Conv16-Pool-Conv8-Pool-Conv8-Pool (28 -> 14 -> 7 -> 4),
// an optional dense bottleneck, and a decoder of Conv8-Up-Conv8-Up-Conv16(valid)-Up-Conv1.
// Used for both ae and dae (the denoiser differs only in what it is fed).
struct ConvAutoencoderImpl : AutoencoderImpl {
    explicit ConvAutoencoderImpl(const ConvAutoencoderOptions& options = {});
    Encoding encode(const torch::Tensor& input, const torch::Tensor& labels) override;
    torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& labels) override;

    ConvAutoencoderOptions options;
    torch::nn::Conv2d enc1{nullptr}, enc2{nullptr}, enc3{nullptr};
    torch::nn::Linear toLatent{nullptr}, fromLatent{nullptr};
    torch::nn::Conv2d dec1{nullptr}, dec2{nullptr}, dec3{nullptr}, decOut{nullptr};
};
TORCH_MODULE(ConvAutoencoder);

}  // namespace latent
