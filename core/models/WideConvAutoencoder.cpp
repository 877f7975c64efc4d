#include "models/WideConvAutoencoder.h"
#include "models/ChannelsLast.h"

namespace latent {

namespace nn = torch::nn;
namespace F = torch::nn::functional;

namespace {
nn::Conv2d conv(int64_t in, int64_t out) { return nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(1)); }
torch::Tensor up2(const torch::Tensor& x)
{
    return F::interpolate(x, F::InterpolateFuncOptions().scale_factor(std::vector<double>{2.0, 2.0}).mode(torch::kNearest).recompute_scale_factor(false));
}
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
    auto h = F::max_pool2d(torch::relu(enc1(toChannelsLast(input))), F::MaxPool2dFuncOptions(2));  // 14
    h = F::max_pool2d(torch::relu(enc2(h)), F::MaxPool2dFuncOptions(2));  // 7
    return {h.flatten(1), {}};
}

torch::Tensor WideConvAutoencoderImpl::decode(const torch::Tensor& z, const torch::Tensor& /*labels*/)
{
    auto h = z.view({-1, 32, 7, 7});
    h = up2(torch::relu(dec1(h)));  // 14
    h = up2(torch::relu(dec2(h)));  // 28
    return decOut(h);
}

}  // namespace latent
