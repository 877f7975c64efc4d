#pragma once
#include "models/Autoencoder.h"
#include "ops/SmallBatchDense.h"
#include "models/ModelSpec.h"

namespace latent {

struct ConditionalVaeOptions {
    int64_t imagePixels = kImagePixels;
    int64_t hidden = 512;
    int64_t latentDim = 2;
    int64_t classes = kDigitClasses;
};

// Conditional VAE (Sohn et al. 2015, in the lesson's references): the lesson's MLP VAE with the
// label, one-hot, appended to the encoder's input and to the decoder's latent vector. The latent
// space then holds the style; the label says which digit to draw in it.
struct ConditionalVaeImpl : AutoencoderImpl {
    explicit ConditionalVaeImpl(const ConditionalVaeOptions& options = {});
    // Without labels there is nothing to condition on: both throw std::invalid_argument.
    Encoding encode(const torch::Tensor& input, const torch::Tensor& labels) override;
    torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& labels) override;
    // A single point with the wide layers' weights in bf16 (SmallBatchDense): the drag's preview.
    torch::Tensor decodeForDisplay(const torch::Tensor& z, const torch::Tensor& labels) override;

    torch::Tensor oneHot(const torch::Tensor& labels) const;

    ConditionalVaeOptions options;
    torch::nn::Linear encoderHidden{nullptr}, encoderMean{nullptr}, encoderLogvar{nullptr};
    torch::nn::Linear decoderHidden{nullptr}, decoderOutput{nullptr};

private:
    torch::Tensor decodeWith(const torch::Tensor& z, const torch::Tensor& labels, Bf16WeightCache* bf16);
    Bf16WeightCache displayWeights_;
};
TORCH_MODULE(ConditionalVae);

}  // namespace latent
