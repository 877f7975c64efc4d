#include "models/AdversarialAutoencoder.h"

#include "ops/SmallBatchDense.h"

#include <cmath>

namespace latent {

namespace nn = torch::nn;

AdversarialAutoencoderImpl::AdversarialAutoencoderImpl(const AdversarialAutoencoderOptions& o) : options(o)
{
    encoder = register_module("encoder", nn::Sequential(nn::Linear(o.imagePixels, o.hidden), nn::ReLU(), nn::Linear(o.hidden, o.hidden),
                                                        nn::ReLU(), nn::Linear(o.hidden, o.latentDim)));
    decoder = register_module("decoder", nn::Sequential(nn::Linear(o.latentDim, o.hidden), nn::ReLU(), nn::Linear(o.hidden, o.hidden),
                                                        nn::ReLU(), nn::Linear(o.hidden, o.imagePixels)));
    discriminator = register_module("discriminator", nn::Sequential(nn::Linear(3 * o.latentDim, o.discriminatorHidden),
                                                                    nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2)),
                                                                    nn::Linear(o.discriminatorHidden, o.discriminatorHidden),
                                                                    nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2)),
                                                                    nn::Linear(o.discriminatorHidden, 1)));
}

Encoding AdversarialAutoencoderImpl::encode(const torch::Tensor& input, const torch::Tensor& /*labels*/)
{
    return {encoder->forward(input.flatten(1)), {}};
}

torch::Tensor AdversarialAutoencoderImpl::decode(const torch::Tensor& z, const torch::Tensor& labels)
{
    return decodeWith(z, labels, nullptr);
}
torch::Tensor AdversarialAutoencoderImpl::decodeForDisplay(const torch::Tensor& z, const torch::Tensor& labels)
{
    return decodeWith(z, labels, &displayWeights_);
}

torch::Tensor AdversarialAutoencoderImpl::decodeWith(const torch::Tensor& z, const torch::Tensor& /*labels*/, Bf16WeightCache* bf16)
{
    const int64_t side = int64_t(std::lround(std::sqrt(double(options.imagePixels))));
    if (smallBatchApplies(*this, z)) {  // a single point: plain loops instead of LibTorch's operations
        auto linear = [&](size_t i) { return decoder[i]->as<nn::Linear>(); };
        return runDenseSteps(z, {{linear(0), true}, {linear(2), true}, {linear(4), false}}, bf16).view({-1, 1, side, side});
    }
    return decoder->forward(z).view({-1, 1, side, side});
}

torch::Tensor AdversarialAutoencoderImpl::discriminate(const torch::Tensor& z)
{
    // Per-dimension mean and (unbiased) standard deviation of the batch, appended to every row.
    const torch::Tensor mean = z.mean(0, true).expand_as(z);
    // A batch of one (the last of an epoch can be) has no spread: zeros, not NaN.
    const torch::Tensor sd = z.size(0) > 1 ? z.std(0, /*unbiased=*/true, /*keepdim=*/true).expand_as(z) : torch::zeros_like(z);
    return discriminator->forward(torch::cat({z, mean, sd}, 1));
}

std::vector<torch::Tensor> AdversarialAutoencoderImpl::encoderParameters() const { return encoder->parameters(); }
std::vector<torch::Tensor> AdversarialAutoencoderImpl::decoderParameters() const { return decoder->parameters(); }
std::vector<torch::Tensor> AdversarialAutoencoderImpl::discriminatorParameters() const { return discriminator->parameters(); }

}  // namespace latent
