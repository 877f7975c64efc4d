#include "models/DenseVae.h"

#include <cmath>
#include <stdexcept>

namespace latent {

DenseVaeImpl::DenseVaeImpl(const DenseVaeOptions& o) : options(o)
{
    encoderHidden = register_module("encoder_hidden", torch::nn::Linear(o.imagePixels + o.classes, o.hidden));
    encoderMean = register_module("encoder_mean", torch::nn::Linear(o.hidden, o.latentDim));
    encoderLogvar = register_module("encoder_logvar", torch::nn::Linear(o.hidden, o.latentDim));
    decoderHidden = register_module("decoder_hidden", torch::nn::Linear(o.latentDim + o.classes, o.hidden));
    decoderOutput = register_module("decoder_output", torch::nn::Linear(o.hidden, o.imagePixels));
}

torch::Tensor DenseVaeImpl::oneHot(const torch::Tensor& labels) const
{
    if (!labels.defined())
        throw std::invalid_argument("a conditional VAE (cvae) needs the digit to draw or encode as (a label 0-" +
                                    std::to_string(options.classes - 1) + ")");
    const torch::Tensor l = labels.reshape({-1}).to(torch::kLong);
    if (l.numel() > 0 && (l.min().item<int64_t>() < 0 || l.max().item<int64_t>() >= options.classes))
        throw std::invalid_argument("a label is outside 0.." + std::to_string(options.classes - 1));
    return torch::one_hot(l, options.classes).to(torch::kFloat32);
}

torch::Tensor DenseVaeImpl::withLabels(const torch::Tensor& x, const torch::Tensor& labels) const
{
    return options.classes > 0 ? torch::cat({x, oneHot(labels)}, 1) : x;
}

Encoding DenseVaeImpl::encode(const torch::Tensor& input, const torch::Tensor& labels)
{
    const torch::Tensor h = torch::relu(encoderHidden(withLabels(input.flatten(1), labels)));
    return {encoderMean(h), encoderLogvar(h).clamp(kLogvarMin, kLogvarMax)};
}

torch::Tensor DenseVaeImpl::decode(const torch::Tensor& z, const torch::Tensor& labels)
{
    const DecoderLayers layers = decoderLayers();
    // denseLayers: a single point (the drag) runs through plain loops instead of LibTorch's operations.
    return denseLayers(withLabels(z, labels), layers.dense).view({-1, layers.shape[0], layers.shape[1], layers.shape[2]});
}

torch::Tensor DenseVaeImpl::decoderInput(const torch::Tensor& z, const torch::Tensor& labels) const { return withLabels(z, labels); }

DecoderLayers DenseVaeImpl::decoderLayers() const
{
    const int64_t side = int64_t(std::lround(std::sqrt(double(options.imagePixels))));
    return {{{decoderHidden.get(), true}, {decoderOutput.get(), false}}, {1, side, side}, {}};
}

}  // namespace latent
