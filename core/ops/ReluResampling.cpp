#include "ops/ReluResampling.h"
#include "ops/KernelData.h"

#include "runtime/FastPaths.h"

#include "kernels/ReluResamplingKernels.h"

namespace latent {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;
namespace F = torch::nn::functional;

bool runsHere(const torch::Tensor& x)
{
    return fastPathAllowed(x) && x.dim() == 4 && x.size(1) > 0 &&
           (x.scalar_type() == torch::kFloat32 || x.scalar_type() == torch::kBFloat16) && x.is_contiguous(kChannelsLast);
}

NhwcShape shapeOf(torch::IntArrayRef nchw) { return {nchw[0], nchw[2], nchw[3], nchw[1]}; }

// The kernels take bf16 as its bits.
template <typename Kernel>
void dispatch(const torch::Tensor& like, Kernel&& kernel)
{
    if (like.scalar_type() == torch::kFloat32)
        kernel(static_cast<float*>(nullptr));
    else
        kernel(static_cast<uint16_t*>(nullptr));
}
// The gradient in the type of the tensor it belongs to, channels-last.
torch::Tensor gradientAs(const torch::Tensor& grad, torch::ScalarType type) { return grad.to(type).contiguous(kChannelsLast); }

// relu then 2x2 max pooling (ceil mode); with winner, also which of the window's four each output
// came from (for the gradient), a byte per output.
torch::Tensor pooled(const torch::Tensor& x, torch::Tensor* winner)
{
    const NhwcShape in = shapeOf(x.sizes());
    const torch::Tensor y = torch::empty({in.n, in.c, (in.h + 1) / 2, (in.w + 1) / 2}, x.options().memory_format(kChannelsLast));
    if (winner) *winner = torch::empty({y.numel()}, x.options().dtype(torch::kUInt8));
    dispatch(x, [&](auto* type) {
        using T = std::remove_pointer_t<decltype(type)>;
        reluMaxPool2Forward(kernelData<T>(x), kernelData<T>(y), winner ? kernelData<uint8_t>(*winner) : nullptr, in, at::get_num_threads());
    });
    return y;
}

class ReluMaxPoolFunction : public torch::autograd::Function<ReluMaxPoolFunction> {
public:
    static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x)
    {
        torch::Tensor winner;  // a byte per output (max_pool2d keeps 8)
        const torch::Tensor y = pooled(x, &winner);
        ctx->save_for_backward({winner});
        ctx->saved_data["shape"] = x.sizes().vec();
        ctx->saved_data["dtype"] = x.scalar_type();
        return y;
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads)
    {
        const torch::Tensor winner = ctx->get_saved_variables()[0];
        const std::vector<int64_t> shape = ctx->saved_data["shape"].toIntVector();
        const auto dtype = ctx->saved_data["dtype"].toScalarType();
        const torch::Tensor gy = gradientAs(grads[0], dtype);
        const torch::Tensor gx = torch::empty(shape, gy.options().memory_format(kChannelsLast));
        dispatch(gy, [&](auto* type) {
            using T = std::remove_pointer_t<decltype(type)>;
            reluMaxPool2Backward(kernelData<T>(gy), kernelData<uint8_t>(winner), kernelData<T>(gx), shapeOf(shape), at::get_num_threads());
        });
        return {gx};
    }
};

class ReluUpsampleFunction : public torch::autograd::Function<ReluUpsampleFunction> {
public:
    static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x)
    {
        const NhwcShape in = shapeOf(x.sizes());
        const torch::Tensor y = torch::empty({in.n, in.c, 2 * in.h, 2 * in.w}, x.options().memory_format(kChannelsLast));
        dispatch(x, [&](auto* type) {
            using T = std::remove_pointer_t<decltype(type)>;
            reluUpsample2Forward(kernelData<T>(x), kernelData<T>(y), in, at::get_num_threads());
        });
        ctx->save_for_backward({x});
        return y;
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads)
    {
        const torch::Tensor x = ctx->get_saved_variables()[0];
        const torch::Tensor gy = gradientAs(grads[0], x.scalar_type());
        const torch::Tensor gx = torch::empty_like(x, x.options().memory_format(kChannelsLast));
        dispatch(x, [&](auto* type) {
            using T = std::remove_pointer_t<decltype(type)>;
            reluUpsample2Backward(kernelData<T>(gy), kernelData<T>(x), kernelData<T>(gx), shapeOf(x.sizes()), at::get_num_threads());
        });
        return {gx};
    }
};

}  // namespace

torch::Tensor reluMaxPool2(const torch::Tensor& x)
{
    if (!runsHere(x)) return F::max_pool2d(torch::relu(x), F::MaxPool2dFuncOptions(2).ceil_mode(true));
    if (!(torch::GradMode::is_enabled() && x.requires_grad())) return pooled(x, nullptr);
    return ReluMaxPoolFunction::apply(x);
}

torch::Tensor reluUpsample2(const torch::Tensor& x)
{
    if (!runsHere(x))
        return F::interpolate(
            torch::relu(x),
            F::InterpolateFuncOptions().scale_factor(std::vector<double>{2.0, 2.0}).mode(torch::kNearest).recompute_scale_factor(false));
    return ReluUpsampleFunction::apply(x);
}

}  // namespace latent
