#pragma once
#include "models/DenseAutoencoder.h"

namespace latent {

struct AdversarialAutoencoderOptions : DenseAutoencoderOptions {
    int64_t discriminatorHidden = 256;
};

// Adversarial autoencoder (Makhzani et al. 2015, the lesson's PyTorch notebook): the dense
// autoencoder (784-512-512-latent-512-512-784) and a discriminator
// (3*latent)-256-256-1 (LeakyReLU: with ReLU the codes ended 0.4 further from the prior's spread) that tells the codes from
// samples of the N(0, I) prior. The discriminator sees each code together with its batch's mean and
// standard deviation (the "minibatch standard deviation" of Karras et al. 2018): judging codes one
// at a time it sat at chance while one dimension's mean stayed 0.25-0.29 off (MNIST, 20 epochs,
// seeds 0/1); with the batch statistics the codes' mean is within 0.07 and their std within 0.1 of
// the prior's (seeds 0-2), and reconstruction improves too. Training alternates a
// reconstruction phase, a discriminator phase and a generator phase, each with its own optimiser
// (see AdversarialTrainStep); the discriminator is not part of encode/decode.
struct AdversarialAutoencoderImpl : DenseAutoencoderImpl {
    explicit AdversarialAutoencoderImpl(const AdversarialAutoencoderOptions& options = {});
    // Logits [B, 1]: "this came from the prior". z is a batch: its per-dimension mean and
    // standard deviation are part of every row's input.
    torch::Tensor discriminate(const torch::Tensor& z);

    std::vector<torch::Tensor> discriminatorParameters() const { return discriminator->parameters(); }

    torch::nn::Sequential discriminator{nullptr};
};
TORCH_MODULE(AdversarialAutoencoder);

}  // namespace latent
