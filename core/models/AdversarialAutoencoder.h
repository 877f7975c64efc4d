#pragma once
#include "models/Autoencoder.h"
#include "ops/SmallBatchDense.h"
#include "models/ModelSpec.h"

namespace latent {

struct AdversarialAutoencoderOptions {
    int64_t imagePixels = kImagePixels;
    int64_t hidden = 512;
    int64_t latentDim = 2;
    int64_t discriminatorHidden = 256;
};

// Adversarial autoencoder (Makhzani et al. 2015, the lesson's PyTorch notebook): a deterministic
// MLP encoder 784-512-512-latent and decoder latent-512-512-784, and a discriminator
// (3*latent)-256-256-1 (LeakyReLU: with ReLU the codes ended 0.4 further from the prior's spread) that tells the codes from
// samples of the N(0, I) prior. The discriminator sees each code together with its batch's mean and
// standard deviation (the "minibatch standard deviation" of Karras et al. 2018): judging codes one
// at a time it sat at chance while one dimension's mean stayed 0.25-0.29 off (MNIST, 20 epochs,
// seeds 0/1); with the batch statistics the codes' mean is within 0.07 and their std within 0.1 of
// the prior's (seeds 0-2), and reconstruction improves too. Training alternates a
// reconstruction phase, a discriminator phase and a generator phase, each with its own optimiser
// (see AdversarialTrainStep); the discriminator is not part of encode/decode.
struct AdversarialAutoencoderImpl : AutoencoderImpl {
    explicit AdversarialAutoencoderImpl(const AdversarialAutoencoderOptions& options = {});
    Encoding encode(const torch::Tensor& input, const torch::Tensor& labels) override;
    torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& labels) override;
    // A single point with the wide layers' weights in bf16 (SmallBatchDense): the drag's preview.
    torch::Tensor decodeForDisplay(const torch::Tensor& z, const torch::Tensor& labels) override;
    // Logits [B, 1]: "this came from the prior". z is a batch: its per-dimension mean and
    // standard deviation are part of every row's input.
    torch::Tensor discriminate(const torch::Tensor& z);

    std::vector<torch::Tensor> encoderParameters() const;
    std::vector<torch::Tensor> decoderParameters() const;
    std::vector<torch::Tensor> discriminatorParameters() const;

    AdversarialAutoencoderOptions options;
    torch::nn::Sequential encoder{nullptr}, decoder{nullptr}, discriminator{nullptr};

private:
    torch::Tensor decodeWith(const torch::Tensor& z, const torch::Tensor& labels, Bf16WeightCache* bf16);
    Bf16WeightCache displayWeights_;
};
TORCH_MODULE(AdversarialAutoencoder);

}  // namespace latent
