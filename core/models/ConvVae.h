#pragma once
#include "models/Autoencoder.h"

namespace latent {

struct ConvVaeOptions {
    int64_t latentDim = 2;
};

// The lesson's assignment: Conv32 s2, Conv64 s2, Dense16 -> mean, logvar; the decoder mirrors it
// with Dense 7*7*64 and transposed convolutions back to 28x28 logits.
struct ConvVaeImpl : AutoencoderImpl {
    explicit ConvVaeImpl(const ConvVaeOptions& options = {});
    Encoding encode(const torch::Tensor& input, const torch::Tensor& labels) override;
    torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& labels) override;
    DecoderLayers decoderLayers() const override;

    ConvVaeOptions options;
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
    torch::nn::Linear dense{nullptr}, mean{nullptr}, logvar{nullptr};
    torch::nn::Linear decoderDense{nullptr};
    torch::nn::ConvTranspose2d deconv1{nullptr}, deconv2{nullptr}, deconvOut{nullptr};
};
TORCH_MODULE(ConvVae);

}  // namespace latent
