#include "models/WideConvAutoencoder.h"
#include "ops/ChannelsLast.h"
#include "ops/OneChannelConvolution.h"
#include "ops/ReluResampling.h"

namespace latent {

namespace nn = torch::nn;

namespace {
nn::Conv2d conv(int64_t in, int64_t out) { return nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(1)); }
}  // namespace

WideConvAutoencoderImpl::WideConvAutoencoderImpl()
{
    enc1 = register_module("enc1", conv(1, 32));
    enc2 = register_module("enc2", conv(32, 32));
    dec1 = register_module("dec1", conv(32, 32));
    dec2 = register_module("dec2", conv(32, 32));
    decOut = register_module("dec_out", conv(32, 1));
    useChannelsLast(*this);
}

Encoding WideConvAutoencoderImpl::encode(const torch::Tensor& input, const torch::Tensor& /*labels*/)
{
    auto h = reluMaxPool2(oneChannelConv(enc1, toChannelsLast(input)));  // 14
    h = reluMaxPool2(enc2(h));                                           // 7
    return {h.flatten(1), {}};
}

torch::Tensor WideConvAutoencoderImpl::decode(const torch::Tensor& z, const torch::Tensor& /*labels*/)
{
    auto h = z.view({-1, 32, 7, 7});
    h = reluUpsample2(dec1(h));  // 14
    h = reluUpsample2(dec2(h));  // 28
    return oneChannelConv(decOut, h);
}

}  // namespace latent
