#include "ops/OneChannelConvolution.h"
#include "ops/KernelData.h"

#include "runtime/FastPaths.h"

#include "kernels/OneChannelConvolutionKernels.h"
#include "runtime/TorchCompat.h"

#include <ATen/autocast_mode.h>

namespace latent {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// The kernels' channel counts (the models' 16 and 32): whole vectors of 16 floats.
bool kernelChannels(int64_t c) { return c == 16 || c == 32; }

OneChannelShape shapeOf(torch::IntArrayRef nchw, int64_t channels) { return {nchw[0], nchw[2], nchw[3], channels}; }

// 1 -> c. Weight [c, 1, 3, 3] as [9][c].
class FromOneFunction : public torch::autograd::Function<FromOneFunction> {
public:
    static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& image, const torch::Tensor& weight, const torch::Tensor& bias)
    {
        const int64_t c = weight.size(0);
        const OneChannelShape s = shapeOf(image.sizes(), c);
        const torch::Tensor x = image.contiguous();
        const torch::Tensor taps = weight.detach().reshape({c, 9}).t().contiguous();
        const torch::Tensor b = bias.detach().contiguous();
        const bool bf16 = compat::cpuAutocastBf16();
        const torch::Tensor y =
            torch::empty({s.n, c, s.h, s.w}, image.options().dtype(bf16 ? torch::kBFloat16 : torch::kFloat32).memory_format(kChannelsLast));
        if (bf16)
            convFromOneForward(kernelData<float>(x), kernelData<float>(taps), kernelData<float>(b), kernelData<uint16_t>(y), s,
                               at::get_num_threads());
        else
            convFromOneForward(kernelData<float>(x), kernelData<float>(taps), kernelData<float>(b), kernelData<float>(y), s,
                               at::get_num_threads());
        ctx->save_for_backward({x, taps});
        ctx->saved_data["shape"] = image.sizes().vec();
        return y;
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor &x = saved[0], &taps = saved[1];
        const std::vector<int64_t> shape = ctx->saved_data["shape"].toIntVector();
        const int64_t c = taps.size(1);
        const OneChannelShape s = shapeOf(shape, c);
        torch::Tensor gy = grads[0];
        if (gy.scalar_type() != torch::kBFloat16) gy = gy.to(torch::kFloat32);
        gy = gy.contiguous(kChannelsLast);
        const torch::Tensor gx = ctx->needs_input_grad(0) ? torch::empty(shape, x.options()) : torch::Tensor();
        const torch::Tensor gw = torch::empty({9, c}, taps.options()), gb = torch::empty({c}, taps.options());
        float* gxData = gx.defined() ? kernelData<float>(gx) : nullptr;
        if (gy.scalar_type() == torch::kBFloat16)
            convFromOneBackward(kernelData<uint16_t>(gy), kernelData<float>(x), kernelData<float>(taps), gxData, kernelData<float>(gw),
                                kernelData<float>(gb), s, at::get_num_threads());
        else
            convFromOneBackward(kernelData<float>(gy), kernelData<float>(x), kernelData<float>(taps), gxData, kernelData<float>(gw),
                                kernelData<float>(gb), s, at::get_num_threads());
        return {gx, gw.t().reshape({c, 1, 3, 3}), gb};
    }
};

// c -> 1. Weight [1, c, 3, 3] as [9][c].
class ToOneFunction : public torch::autograd::Function<ToOneFunction> {
public:
    static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias)
    {
        const int64_t c = x.size(1);
        const OneChannelShape s = shapeOf(x.sizes(), c);
        const torch::Tensor taps = weight.detach()[0].permute({1, 2, 0}).contiguous();
        const float b = bias.detach().to(torch::kFloat32).item<float>();
        const torch::Tensor y = torch::empty({s.n, 1, s.h, s.w}, x.options().dtype(torch::kFloat32));
        if (x.scalar_type() == torch::kBFloat16)
            convToOneForward(kernelData<uint16_t>(x), kernelData<float>(taps), b, kernelData<float>(y), s, at::get_num_threads());
        else
            convToOneForward(kernelData<float>(x), kernelData<float>(taps), b, kernelData<float>(y), s, at::get_num_threads());
        ctx->save_for_backward({x, taps});
        return y;
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor &x = saved[0], &taps = saved[1];
        const int64_t c = x.size(1);
        const OneChannelShape s = shapeOf(x.sizes(), c);
        const torch::Tensor gy = grads[0].to(torch::kFloat32).contiguous();
        const torch::Tensor gx =
            ctx->needs_input_grad(0) ? torch::empty_like(x, x.options().memory_format(kChannelsLast)) : torch::Tensor();
        const torch::Tensor gw = torch::empty({3, 3, c}, taps.options()), gb = torch::empty({1}, taps.options());
        if (x.scalar_type() == torch::kBFloat16)
            convToOneBackward(kernelData<float>(gy), kernelData<uint16_t>(x), kernelData<float>(taps),
                              gx.defined() ? kernelData<uint16_t>(gx) : nullptr, kernelData<float>(gw), kernelData<float>(gb), s,
                              at::get_num_threads());
        else
            convToOneBackward(kernelData<float>(gy), kernelData<float>(x), kernelData<float>(taps),
                              gx.defined() ? kernelData<float>(gx) : nullptr, kernelData<float>(gw), kernelData<float>(gb), s,
                              at::get_num_threads());
        return {gx, gw.permute({2, 0, 1}).unsqueeze(0), gb};
    }
};

bool plain3x3(const torch::nn::detail::ConvNdOptions<2>& o)
{
    const auto* padding = compat::variants::get_if<torch::ExpandingArray<2>>(&o.padding());
    return (*o.kernel_size())[0] == 3 && (*o.kernel_size())[1] == 3 && (*o.stride())[0] == 1 && (*o.stride())[1] == 1 && padding &&
           (**padding)[0] == 1 && (**padding)[1] == 1 && (*o.dilation())[0] == 1 && (*o.dilation())[1] == 1 && o.groups() == 1 &&
           o.bias() && compat::variants::holds_alternative<torch::enumtype::kZeros>(o.padding_mode());
}

}  // namespace

torch::Tensor oneChannelConv(torch::nn::Conv2d& layer, const torch::Tensor& x)
{
    const auto& o = layer->options;
    const bool fits = fastPathAllowed(x) && x.dim() == 4 && x.size(0) > 0 && x.size(2) > 0 && x.size(3) > 0 && plain3x3(o) &&
                      layer->weight.scalar_type() == torch::kFloat32;
    if (fits && o.in_channels() == 1 && kernelChannels(o.out_channels()) && x.size(1) == 1 && x.scalar_type() == torch::kFloat32)
        return FromOneFunction::apply(x, layer->weight, layer->bias);
    if (fits && o.out_channels() == 1 && kernelChannels(o.in_channels()) && x.size(1) == o.in_channels() &&
        (x.scalar_type() == torch::kFloat32 || x.scalar_type() == torch::kBFloat16) && x.is_contiguous(kChannelsLast))
        return ToOneFunction::apply(x, layer->weight, layer->bias);
    return layer->forward(x);
}

}  // namespace latent
