#include "models/ConvVae.h"

#include "ops/ChannelsLast.h"
#include "ops/ConvTransposeStack.h"

namespace latent {

namespace nn = torch::nn;

ConvVaeImpl::ConvVaeImpl(const ConvVaeOptions& o) : options(o)
{
    conv1 = register_module("conv1", nn::Conv2d(nn::Conv2dOptions(1, 32, 3).stride(2).padding(1)));
    conv2 = register_module("conv2", nn::Conv2d(nn::Conv2dOptions(32, 64, 3).stride(2).padding(1)));
    dense = register_module("dense", nn::Linear(64 * 7 * 7, 16));
    mean = register_module("mean", nn::Linear(16, o.latentDim));
    logvar = register_module("logvar", nn::Linear(16, o.latentDim));
    decoderDense = register_module("decoder_dense", nn::Linear(o.latentDim, 64 * 7 * 7));
    deconv1 = register_module("deconv1", nn::ConvTranspose2d(nn::ConvTranspose2dOptions(64, 64, 3).stride(2).padding(1).output_padding(1)));
    deconv2 = register_module("deconv2", nn::ConvTranspose2d(nn::ConvTranspose2dOptions(64, 32, 3).stride(2).padding(1).output_padding(1)));
    deconvOut = register_module("deconv_out", nn::ConvTranspose2d(nn::ConvTranspose2dOptions(32, 1, 3).padding(1)));
    useChannelsLast(*this);
}

Encoding ConvVaeImpl::encode(const torch::Tensor& input, const torch::Tensor& /*labels*/)
{
    auto h = torch::relu(conv1(toChannelsLast(input)));  // 14x14
    h = torch::relu(conv2(h));                           // 7x7
    h = torch::relu(dense(h.flatten(1)));
    return {mean(h), logvar(h).clamp(kLogvarMin, kLogvarMax)};
}

torch::Tensor ConvVaeImpl::decode(const torch::Tensor& z, const torch::Tensor& /*labels*/)
{
    const DecoderLayers layers = decoderLayers();
    const torch::Tensor h = torch::relu(decoderDense(z)).view({-1, layers.shape[0], layers.shape[1], layers.shape[2]});
    return convTransposeStack(h, layers.transposed);  // 7x7 -> 14x14 -> 28x28, ReLU between
}

DecoderLayers ConvVaeImpl::decoderLayers() const { return {{{decoderDense.get(), true}}, {64, 7, 7}, {deconv1, deconv2, deconvOut}}; }

}  // namespace latent
