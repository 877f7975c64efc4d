#include "models/ConditionalVae.h"

#include "ops/SmallBatchDense.h"

#include <cmath>
#include <stdexcept>

namespace latent {

ConditionalVaeImpl::ConditionalVaeImpl(const ConditionalVaeOptions& o) : options(o)
{
    encoderHidden = register_module("encoder_hidden", torch::nn::Linear(o.imagePixels + o.classes, o.hidden));
    encoderMean = register_module("encoder_mean", torch::nn::Linear(o.hidden, o.latentDim));
    encoderLogvar = register_module("encoder_logvar", torch::nn::Linear(o.hidden, o.latentDim));
    decoderHidden = register_module("decoder_hidden", torch::nn::Linear(o.latentDim + o.classes, o.hidden));
    decoderOutput = register_module("decoder_output", torch::nn::Linear(o.hidden, o.imagePixels));
}

torch::Tensor ConditionalVaeImpl::oneHot(const torch::Tensor& labels) const
{
    if (!labels.defined())
        throw std::invalid_argument("a conditional VAE (cvae) needs the digit to draw or encode as (a label 0-" +
                                    std::to_string(options.classes - 1) + ")");
    const torch::Tensor l = labels.reshape({-1}).to(torch::kLong);
    if (l.numel() > 0 && (l.min().item<int64_t>() < 0 || l.max().item<int64_t>() >= options.classes))
        throw std::invalid_argument("a label is outside 0.." + std::to_string(options.classes - 1));
    return torch::one_hot(l, options.classes).to(torch::kFloat32);
}

Encoding ConditionalVaeImpl::encode(const torch::Tensor& input, const torch::Tensor& labels)
{
    const torch::Tensor x = torch::cat({input.flatten(1), oneHot(labels)}, 1);
    const torch::Tensor h = torch::relu(encoderHidden(x));
    return {encoderMean(h), encoderLogvar(h).clamp(kLogvarMin, kLogvarMax)};
}

torch::Tensor ConditionalVaeImpl::decode(const torch::Tensor& z, const torch::Tensor& labels) { return decodeWith(z, labels, nullptr); }
torch::Tensor ConditionalVaeImpl::decodeForDisplay(const torch::Tensor& z, const torch::Tensor& labels)
{
    return decodeWith(z, labels, &displayWeights_);
}

torch::Tensor ConditionalVaeImpl::decodeWith(const torch::Tensor& z, const torch::Tensor& labels, Bf16WeightCache* bf16)
{
    const int64_t side = int64_t(std::lround(std::sqrt(double(options.imagePixels))));
    const torch::Tensor in = torch::cat({z, oneHot(labels)}, 1);
    if (smallBatchApplies(*this, in))  // a single point: plain loops instead of LibTorch's operations
        return runDenseSteps(in, {{decoderHidden.get(), true}, {decoderOutput.get(), false}}, bf16).view({-1, 1, side, side});
    const torch::Tensor h = torch::relu(decoderHidden(in));
    return decoderOutput(h).view({-1, 1, side, side});
}

}  // namespace latent
