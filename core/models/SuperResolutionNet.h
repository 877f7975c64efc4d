#pragma once
#include "models/Autoencoder.h"

namespace latent {

struct SuperResolutionNetOptions {
    int factor = 2;  // 2: 14x14 -> 28x28, 4: 7x7 -> 28x28
};

// Super-resolution autoencoder: convolutional features of the small image, upsampled by
// transposed convolutions to 28x28 logits. Its "code" is the feature map; it has no latent space
// to plot, so encode returns the flattened features.
struct SuperResolutionNetImpl : AutoencoderImpl {
    explicit SuperResolutionNetImpl(const SuperResolutionNetOptions& options = {});
    Encoding encode(const torch::Tensor& input, const torch::Tensor& labels) override;
    torch::Tensor decode(const torch::Tensor& features, const torch::Tensor& labels) override;

    SuperResolutionNetOptions options;
    torch::nn::Conv2d enc1{nullptr}, enc2{nullptr};
    torch::nn::ConvTranspose2d up1{nullptr}, up2{nullptr};
    torch::nn::Conv2d refine{nullptr}, out{nullptr};
};
TORCH_MODULE(SuperResolutionNet);

}  // namespace latent
