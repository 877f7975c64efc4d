#include "models/AdversarialAutoencoder.h"

namespace latent {

namespace nn = torch::nn;

AdversarialAutoencoderImpl::AdversarialAutoencoderImpl(const AdversarialAutoencoderOptions& o) : DenseAutoencoderImpl(o)
{
    const nn::LeakyReLUOptions leaky = nn::LeakyReLUOptions().negative_slope(0.2);
    discriminator =
        register_module("discriminator", nn::Sequential(nn::Linear(3 * o.latentDim, o.discriminatorHidden), nn::LeakyReLU(leaky),
                                                        nn::Linear(o.discriminatorHidden, o.discriminatorHidden), nn::LeakyReLU(leaky),
                                                        nn::Linear(o.discriminatorHidden, 1)));
}

torch::Tensor AdversarialAutoencoderImpl::discriminate(const torch::Tensor& z)
{
    // Per-dimension mean and (unbiased) standard deviation of the batch, appended to every row.
    const torch::Tensor mean = z.mean(0, true).expand_as(z);
    // A batch of one (the last of an epoch can be) has no spread: zeros, not NaN.
    const torch::Tensor sd = z.size(0) > 1 ? z.std(0, /*unbiased=*/true, /*keepdim=*/true).expand_as(z) : torch::zeros_like(z);
    return discriminator->forward(torch::cat({z, mean, sd}, 1));
}

}  // namespace latent
