#include "models/ConvAutoencoder.h"
#include "ops/ChannelsLast.h"
#include "ops/OneChannelConvolution.h"
#include "ops/ReluResampling.h"

namespace latent {

namespace nn = torch::nn;

namespace {
nn::Conv2d conv(int64_t in, int64_t out, bool same = true) { return nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(same ? 1 : 0)); }
}  // namespace

ConvAutoencoderImpl::ConvAutoencoderImpl(const ConvAutoencoderOptions& o) : options(o)
{
    enc1 = register_module("enc1", conv(1, 16));
    enc2 = register_module("enc2", conv(16, 8));
    enc3 = register_module("enc3", conv(8, 8));
    if (o.latentDim > 0) {
        toLatent = register_module("to_latent", nn::Linear(8 * 4 * 4, o.latentDim));
        fromLatent = register_module("from_latent", nn::Linear(o.latentDim, 8 * 4 * 4));
    }
    dec1 = register_module("dec1", conv(8, 8));
    dec2 = register_module("dec2", conv(8, 8));
    dec3 = register_module("dec3", conv(8, 16, /*same=*/false));
    decOut = register_module("dec_out", conv(16, 1));
    useChannelsLast(*this);
}

Encoding ConvAutoencoderImpl::encode(const torch::Tensor& input, const torch::Tensor& /*labels*/)
{
    auto h = reluMaxPool2(oneChannelConv(enc1, toChannelsLast(input)));  // 14
    h = reluMaxPool2(enc2(h));                                           // 7
    h = reluMaxPool2(enc3(h));                                           // 4 (ceil mode, Keras' "same")
    h = h.flatten(1);
    return {options.latentDim > 0 ? toLatent(h) : h, {}};
}

torch::Tensor ConvAutoencoderImpl::decode(const torch::Tensor& z, const torch::Tensor& /*labels*/)
{
    auto h = (options.latentDim > 0 ? torch::relu(fromLatent(z)) : z).view({-1, 8, 4, 4});
    h = reluUpsample2(dec1(h));  // 8
    h = reluUpsample2(dec2(h));  // 16
    h = reluUpsample2(dec3(h));  // 14 -> 28
    return oneChannelConv(decOut, h);
}

}  // namespace latent
