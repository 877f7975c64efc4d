#include "models/DenseAutoencoder.h"

#include <cmath>

namespace latent {

namespace nn = torch::nn;

DenseAutoencoderImpl::DenseAutoencoderImpl(const DenseAutoencoderOptions& o) : options(o)
{
    encoder = register_module("encoder", nn::Sequential(nn::Linear(o.imagePixels, o.hidden), nn::ReLU(), nn::Linear(o.hidden, o.hidden),
                                                        nn::ReLU(), nn::Linear(o.hidden, o.latentDim)));
    decoder = register_module("decoder", nn::Sequential(nn::Linear(o.latentDim, o.hidden), nn::ReLU(), nn::Linear(o.hidden, o.hidden),
                                                        nn::ReLU(), nn::Linear(o.hidden, o.imagePixels)));
}

Encoding DenseAutoencoderImpl::encode(const torch::Tensor& input, const torch::Tensor& /*labels*/)
{
    return {encoder->forward(input.flatten(1)), {}};
}

torch::Tensor DenseAutoencoderImpl::decode(const torch::Tensor& z, const torch::Tensor& /*labels*/)
{
    const DecoderLayers layers = decoderLayers();
    // denseLayers: a single point (the drag) runs through plain loops instead of LibTorch's operations.
    return denseLayers(z, layers.dense).view({-1, layers.shape[0], layers.shape[1], layers.shape[2]});
}

DecoderLayers DenseAutoencoderImpl::decoderLayers() const
{
    const int64_t side = int64_t(std::lround(std::sqrt(double(options.imagePixels))));
    auto linear = [&](size_t i) { return decoder->ptr(i)->as<nn::Linear>(); };
    return {{{linear(0), true}, {linear(2), true}, {linear(4), false}}, {1, side, side}, {}};
}

}  // namespace latent
