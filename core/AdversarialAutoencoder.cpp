#include "AdversarialAutoencoder.h"

#include <cmath>

namespace latent {

namespace nn = torch::nn;

AdversarialAutoencoderImpl::AdversarialAutoencoderImpl(const AdversarialAutoencoderOptions& o) : options(o)
{
    encoder = register_module("encoder", nn::Sequential(nn::Linear(o.imagePixels, o.hidden), nn::ReLU(),
                                                        nn::Linear(o.hidden, o.hidden), nn::ReLU(),
                                                        nn::Linear(o.hidden, o.latentDim)));
    decoder = register_module("decoder", nn::Sequential(nn::Linear(o.latentDim, o.hidden), nn::ReLU(),
                                                        nn::Linear(o.hidden, o.hidden), nn::ReLU(),
                                                        nn::Linear(o.hidden, o.imagePixels)));
    discriminator = register_module("discriminator",
                                    nn::Sequential(nn::Linear(o.latentDim, o.discriminatorHidden),
                                                   nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2)),
                                                   nn::Linear(o.discriminatorHidden, o.discriminatorHidden),
                                                   nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2)),
                                                   nn::Linear(o.discriminatorHidden, 1)));
}

Encoding AdversarialAutoencoderImpl::encode(const torch::Tensor& input)
{
    return {encoder->forward(input.reshape({input.size(0), -1})), {}};
}

torch::Tensor AdversarialAutoencoderImpl::decode(const torch::Tensor& z)
{
    const int64_t side = int64_t(std::lround(std::sqrt(double(options.imagePixels))));
    return decoder->forward(z).view({z.size(0), 1, side, side});
}

torch::Tensor AdversarialAutoencoderImpl::discriminate(const torch::Tensor& z) { return discriminator->forward(z); }

std::vector<torch::Tensor> AdversarialAutoencoderImpl::encoderParameters() const { return encoder->parameters(); }
std::vector<torch::Tensor> AdversarialAutoencoderImpl::decoderParameters() const { return decoder->parameters(); }
std::vector<torch::Tensor> AdversarialAutoencoderImpl::discriminatorParameters() const { return discriminator->parameters(); }

}  // namespace latent
