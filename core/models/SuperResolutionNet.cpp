#include "models/SuperResolutionNet.h"

#include "ops/ChannelsLast.h"
#include "ops/OneChannelConvolution.h"
#include "ops/ConvTransposeByConvolution.h"

namespace latent {

namespace nn = torch::nn;

SuperResolutionNetImpl::SuperResolutionNetImpl(const SuperResolutionNetOptions& o) : options(o)
{
    TORCH_CHECK(o.factor == 2 || o.factor == 4, "super-resolution factor must be 2 or 4");
    enc1 = register_module("enc1", nn::Conv2d(nn::Conv2dOptions(1, 32, 3).padding(1)));
    enc2 = register_module("enc2", nn::Conv2d(nn::Conv2dOptions(32, 32, 3).padding(1)));
    up1 = register_module("up1", nn::ConvTranspose2d(nn::ConvTranspose2dOptions(32, 32, 2).stride(2)));
    if (o.factor == 4) up2 = register_module("up2", nn::ConvTranspose2d(nn::ConvTranspose2dOptions(32, 32, 2).stride(2)));
    refine = register_module("refine", nn::Conv2d(nn::Conv2dOptions(32, 16, 3).padding(1)));
    out = register_module("out", nn::Conv2d(nn::Conv2dOptions(16, 1, 3).padding(1)));
    useChannelsLast(*this);
}

Encoding SuperResolutionNetImpl::encode(const torch::Tensor& input, const torch::Tensor& /*labels*/)
{
    return {torch::relu(enc2(torch::relu(oneChannelConv(enc1, toChannelsLast(input))))), {}};
}

torch::Tensor SuperResolutionNetImpl::decode(const torch::Tensor& features, const torch::Tensor& /*labels*/)
{
    auto h = torch::relu(convTranspose2d(up1, features));
    if (options.factor == 4) h = torch::relu(convTranspose2d(up2, h));
    return oneChannelConv(out, torch::relu(refine(h)));
}

}  // namespace latent
