#include "ops/ChannelsLast.h"

#include "runtime/FastPaths.h"

#include <torch/csrc/jit/frontend/tracer.h>

namespace latent {

void useChannelsLast(torch::nn::Module& module)
{
    if (referencePaths()) return;
    torch::NoGradGuard noGrad;
    for (auto& p : module.parameters())
        if (p.dim() == 4) p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
}

torch::Tensor toChannelsLast(const torch::Tensor& images)
{
    if (images.dim() != 4 || referencePaths()) return images;
    // One channel: NCHW is already channels-last contiguous, so contiguous() keeps NCHW strides,
    // which the convolution reads as NCHW, and the first layer's output (the largest) came out
    // NCHW. The same memory with channels-last strides says which layout is meant.
    // (Not while tracing: as_strided would record this batch's sizes in the TorchScript graph.)
    if (images.size(1) == 1 && !torch::jit::tracer::isTracing()) {
        const torch::Tensor c = images.contiguous();
        const int64_t h = c.size(2), w = c.size(3);
        return c.as_strided(c.sizes(), {h * w, 1, w, 1});
    }
    return images.contiguous(at::MemoryFormat::ChannelsLast);
}

}  // namespace latent
