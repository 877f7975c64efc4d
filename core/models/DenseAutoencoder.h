#pragma once
#include "models/Autoencoder.h"
#include "models/ModelSpec.h"

namespace latent {

struct DenseAutoencoderOptions {
    int64_t imagePixels = kImagePixels;
    int64_t hidden = 512;
    int64_t latentDim = 2;
};

// A deterministic autoencoder in dense layers: encoder 784-512-512-latent, decoder
// latent-512-512-784 (logits), ReLU between. The adversarial autoencoder adds a discriminator to
// it, the separated map a neighbour-embedding loss on its code; both keep these layers' names in
// checkpoints ("encoder.0.weight", ...).
struct DenseAutoencoderImpl : AutoencoderImpl {
    explicit DenseAutoencoderImpl(const DenseAutoencoderOptions& options = {});
    Encoding encode(const torch::Tensor& input, const torch::Tensor& labels) override;
    torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& labels) override;
    DecoderLayers decoderLayers() const override;

    std::vector<torch::Tensor> encoderParameters() const { return encoder->parameters(); }
    std::vector<torch::Tensor> decoderParameters() const { return decoder->parameters(); }

    DenseAutoencoderOptions options;
    torch::nn::Sequential encoder{nullptr}, decoder{nullptr};
};

}  // namespace latent
