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

torch::Tensor DenseAutoencoderImpl::decode(const torch::Tensor& z, const torch::Tensor& /*labels*/) { return decodeWith(z, nullptr); }

torch::Tensor DenseAutoencoderImpl::decodeForDisplay(const torch::Tensor& z, const torch::Tensor& /*labels*/)
{
    return decodeWith(z, &displayWeights_);
}

torch::Tensor DenseAutoencoderImpl::decodeWith(const torch::Tensor& z, Bf16WeightCache* bf16)
{
    const int64_t side = int64_t(std::lround(std::sqrt(double(options.imagePixels))));
    if (runsInference(z) && z.size(0) <= kSmallBatchMaxRows) {  // a single point: plain loops instead of LibTorch's operations
        auto linear = [&](size_t i) { return decoder[i]->as<nn::Linear>(); };
        return runDenseSteps(z, {{linear(0), true}, {linear(2), true}, {linear(4), false}}, bf16).view({-1, 1, side, side});
    }
    return decoder->forward(z).view({-1, 1, side, side});
}

}  // namespace latent
