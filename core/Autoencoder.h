#pragma once
#include <torch/torch.h>

namespace latent {

struct Encoding {
    torch::Tensor mean;    // [B, code]
    torch::Tensor logvar;  // [B, code]; undefined for deterministic encoders
};

struct ModelOutput {
    torch::Tensor reconstruction;  // logits [B, 1, 28, 28]; sigmoid gives the image
    torch::Tensor mean, logvar;    // logvar undefined for deterministic encoders
};

// Common interface of every model kind, so that the trainer, the evaluator and the GUI need not
// know which one they hold. Decoders return logits: the BCE loss is computed from them stably.
class AutoencoderImpl : public torch::nn::Module {
public:
    static constexpr double kLogvarMin = -20.0, kLogvarMax = 20.0;

    virtual Encoding encode(const torch::Tensor& input) = 0;
    virtual torch::Tensor decode(const torch::Tensor& z) = 0;
    // VAE: z = mean + exp(0.5 * logvar) * eps, eps ~ N(0, I), in training and evaluation alike
    // (the ELBO is an expectation over q(z|x)); other models decode the code directly.
    virtual ModelOutput forward(const torch::Tensor& input);
    // Decodes the mean code: the deterministic reconstruction that is shown and scored by MSE/PSNR.
    torch::Tensor reconstructMean(const torch::Tensor& input);

    // Conditional models (cvae) are also given the labels (int64 [B]); the others ignore them, so
    // the trainer and the evaluator can always pass them.
    virtual bool isConditional() const { return false; }
    virtual Encoding encode(const torch::Tensor& input, const torch::Tensor& labels);
    virtual torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& labels);
    ModelOutput forward(const torch::Tensor& input, const torch::Tensor& labels);
    torch::Tensor reconstructMean(const torch::Tensor& input, const torch::Tensor& labels);
};

using Autoencoder = std::shared_ptr<AutoencoderImpl>;

torch::Tensor reparameterize(const torch::Tensor& mean, const torch::Tensor& logvar);

}  // namespace latent
