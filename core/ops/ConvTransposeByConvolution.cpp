#include "ops/ConvTransposeByConvolution.h"

#include "runtime/TorchCompat.h"
#include "runtime/FastPaths.h"

namespace latent {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// The convolution that the transposed one is the adjoint of maps [N, Cout, OH, OW] to [N, Cin, H, W]
// with the same weight tensor ([Cin, Cout, k, k] is [its outputs, its inputs, k, k]).
class ConvTransposeFunction : public torch::autograd::Function<ConvTransposeFunction> {
public:
    static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias,
                                 torch::IntArrayRef stride, torch::IntArrayRef padding, torch::IntArrayRef outputPadding)
    {
        const int64_t n = x.size(0), cout = weight.size(1);
        std::vector<int64_t> outSize{n, cout, 0, 0};
        for (int d = 0; d < 2; ++d)
            outSize[size_t(2 + d)] =
                (x.size(2 + d) - 1) * stride[size_t(d)] - 2 * padding[size_t(d)] + weight.size(2 + d) + outputPadding[size_t(d)];
        // Only the shape of the convolution's input is read for its input gradient.
        const torch::Tensor shape = torch::empty(outSize, x.options().memory_format(x.suggest_memory_format()));
        // bf16 input (autocast): the weight in bf16 too, as autocast gives the layer both.
        const torch::Tensor w = weight.to(x.scalar_type());
        torch::Tensor y = std::get<0>(
            at::convolution_backward(x, shape, w, c10::nullopt, stride, padding, {1, 1}, false, {0, 0}, 1, {true, false, false}));
        if (bias.defined()) y.add_(bias.to(x.scalar_type()).view({1, -1, 1, 1}));
        ctx->save_for_backward({x, w});
        ctx->saved_data["weight_type"] = weight.scalar_type();
        ctx->saved_data["stride"] = stride.vec();
        ctx->saved_data["padding"] = padding.vec();
        ctx->saved_data["bias"] = bias.defined();
        return y;
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor &x = saved[0], &weight = saved[1];
        const std::vector<int64_t> stride = ctx->saved_data["stride"].toIntVector(), padding = ctx->saved_data["padding"].toIntVector();
        const torch::Tensor g = grads[0].to(x.scalar_type()).contiguous(x.suggest_memory_format());
        torch::Tensor gx, gw, gb;
        if (ctx->needs_input_grad(0)) gx = at::convolution(g, weight, c10::nullopt, stride, padding, {1, 1}, false, {0, 0}, 1);
        const auto weightType = ctx->saved_data["weight_type"].toScalarType();
        if (ctx->needs_input_grad(1))
            gw = std::get<1>(
                     at::convolution_backward(x, g, weight, c10::nullopt, stride, padding, {1, 1}, false, {0, 0}, 1, {false, true, false}))
                     .to(weightType);
        if (ctx->saved_data["bias"].toBool() && ctx->needs_input_grad(2)) gb = g.sum({0, 2, 3}, false, weightType);
        return {gx, gw, gb, torch::Tensor(), torch::Tensor(), torch::Tensor()};
    }
};

}  // namespace

torch::Tensor convTranspose2d(torch::nn::ConvTranspose2d& layer, const torch::Tensor& x)
{
    const auto& o = layer->options;
    const bool plain = (*o.dilation())[0] == 1 && (*o.dilation())[1] == 1 && o.groups() == 1 &&
                       compat::variants::holds_alternative<torch::enumtype::kZeros>(o.padding_mode()) &&
                       compat::variants::holds_alternative<torch::ExpandingArray<2>>(o.padding());
    if (!plain || !fastPathAllowed(x) || x.dim() != 4 || (x.scalar_type() != torch::kFloat32 && x.scalar_type() != torch::kBFloat16))
        return layer->forward(x);
    const auto padding = *compat::variants::get<torch::ExpandingArray<2>>(o.padding());
    return ConvTransposeFunction::apply(x, layer->weight, layer->bias, *o.stride(), padding, *o.output_padding());
}

}  // namespace latent
