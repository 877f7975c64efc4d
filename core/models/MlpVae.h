#pragma once
#include "models/Autoencoder.h"
#include "ops/SmallBatchDense.h"
#include "models/ModelSpec.h"

namespace latent {

struct MlpVaeOptions {
    int64_t imagePixels = kImagePixels;
    int64_t hidden = 512;
    int64_t latentDim = 2;
};

// The lesson's VAE: 784 -> 512 (ReLU) -> mean, logvar; decoder latent -> 512 (ReLU) -> 784 logits.
struct MlpVaeImpl : AutoencoderImpl {
    explicit MlpVaeImpl(const MlpVaeOptions& options = {});
    Encoding encode(const torch::Tensor& input, const torch::Tensor& labels) override;
    torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& labels) override;
    // A single point with the wide layers' weights in bf16 (SmallBatchDense): the drag's preview.
    torch::Tensor decodeForDisplay(const torch::Tensor& z, const torch::Tensor& labels) override;

    MlpVaeOptions options;
    torch::nn::Linear encoderHidden{nullptr}, encoderMean{nullptr}, encoderLogvar{nullptr};
    torch::nn::Linear decoderHidden{nullptr}, decoderOutput{nullptr};

private:
    torch::Tensor decodeWith(const torch::Tensor& z, const torch::Tensor& labels, Bf16WeightCache* bf16);
    Bf16WeightCache displayWeights_;
};
TORCH_MODULE(MlpVae);

}  // namespace latent
