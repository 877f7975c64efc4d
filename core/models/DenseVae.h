#pragma once
#include "models/Autoencoder.h"
#include "models/ModelSpec.h"

namespace latent {

struct DenseVaeOptions {
    int64_t imagePixels = kImagePixels;
    int64_t hidden = 512;
    int64_t latentDim = 2;
    int64_t classes = 0;  // > 0: the label, one-hot, joins the encoder's pixels and the decoder's code
};

// The lesson's VAE in dense layers: pixels -> hidden (ReLU) -> mean, logvar; decoder code ->
// hidden (ReLU) -> pixels as logits. MlpVae is it without labels, ConditionalVae with them: one
// set of layers and names in checkpoints for both.
struct DenseVaeImpl : AutoencoderImpl {
    explicit DenseVaeImpl(const DenseVaeOptions& options);
    // With classes > 0, both throw std::invalid_argument without labels (nothing to condition on).
    Encoding encode(const torch::Tensor& input, const torch::Tensor& labels) override;
    torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& labels) override;
    torch::Tensor decoderInput(const torch::Tensor& z, const torch::Tensor& labels) const override;
    DecoderLayers decoderLayers() const override;

    // labels [n] -> float [n, classes]; checked against 0..classes-1.
    torch::Tensor oneHot(const torch::Tensor& labels) const;

    DenseVaeOptions options;
    torch::nn::Linear encoderHidden{nullptr}, encoderMean{nullptr}, encoderLogvar{nullptr};
    torch::nn::Linear decoderHidden{nullptr}, decoderOutput{nullptr};

private:
    // x with the one-hot labels appended (conditional), or x itself.
    torch::Tensor withLabels(const torch::Tensor& x, const torch::Tensor& labels) const;
};

}  // namespace latent
