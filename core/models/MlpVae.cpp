#include "models/MlpVae.h"

#include "ops/SmallBatchDense.h"

namespace latent {

MlpVaeImpl::MlpVaeImpl(const MlpVaeOptions& o) : options(o)
{
    encoderHidden = register_module("encoder_hidden", torch::nn::Linear(o.imagePixels, o.hidden));
    encoderMean = register_module("encoder_mean", torch::nn::Linear(o.hidden, o.latentDim));
    encoderLogvar = register_module("encoder_logvar", torch::nn::Linear(o.hidden, o.latentDim));
    decoderHidden = register_module("decoder_hidden", torch::nn::Linear(o.latentDim, o.hidden));
    decoderOutput = register_module("decoder_output", torch::nn::Linear(o.hidden, o.imagePixels));
}

Encoding MlpVaeImpl::encode(const torch::Tensor& input, const torch::Tensor& /*labels*/)
{
    auto h = torch::relu(encoderHidden(input.flatten(1)));
    return {encoderMean(h), encoderLogvar(h).clamp(kLogvarMin, kLogvarMax)};
}

torch::Tensor MlpVaeImpl::decode(const torch::Tensor& z, const torch::Tensor& labels) { return decodeWith(z, labels, nullptr); }
torch::Tensor MlpVaeImpl::decodeForDisplay(const torch::Tensor& z, const torch::Tensor& labels)
{
    return decodeWith(z, labels, &displayWeights_);
}

torch::Tensor MlpVaeImpl::decodeWith(const torch::Tensor& z, const torch::Tensor& /*labels*/, Bf16WeightCache* bf16)
{
    const int64_t side = int64_t(std::lround(std::sqrt(double(options.imagePixels))));
    if (smallBatchApplies(*this, z))  // a single point: plain loops instead of LibTorch's operations
        return runDenseSteps(z, {{decoderHidden.get(), true}, {decoderOutput.get(), false}}, bf16).view({-1, 1, side, side});
    return decoderOutput(torch::relu(decoderHidden(z))).view({-1, 1, side, side});
}

}  // namespace latent
