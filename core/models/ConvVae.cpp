#include "models/ConvVae.h"

#include "ops/ChannelsLast.h"
#include "ops/ConvTransposeByConvolution.h"
#include "ops/ConvTransposeGemm.h"

#include "runtime/ParallelFor.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <memory>

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
    // Inference on the CPU (the latent view's grid and drag, samples, scores): see decodeBlocks.
    if (runsInference(z)) return decodeBlocks(z, false);
    auto h = toChannelsLast(torch::relu(decoderDense(z)).view({-1, 64, 7, 7}));
    h = torch::relu(convTranspose2d(deconv1, h));  // 14x14
    h = torch::relu(convTranspose2d(deconv2, h));  // 28x28
    return convTranspose2d(deconvOut, h);
}

torch::Tensor ConvVaeImpl::decodeForDisplay(const torch::Tensor& z, const torch::Tensor& labels)
{
    return runsInference(z) ? decodeBlocks(z, true) : decode(z, labels);
}

// The same layers, a few images at a time through all of them (channels-last, in the cores'
// caches), the blocks in parallel: a 30x30 grid took ~1 s through LibTorch's layers.
torch::Tensor ConvVaeImpl::decodeBlocks(const torch::Tensor& z, bool bf16)
{
    const int64_t n = z.size(0);
    const torch::Tensor dense = torch::relu(decoderDense(z)).contiguous();  // [n, 64 * 7 * 7], channel-major
    torch::Tensor out = torch::empty({n, 1, 28, 28});
    if (n == 0) return out;
    // The last layer (32 -> 1 channel) stays float: its products are small and its sums the logits.
    // A few images (a drag's single point) stay float too: converting the weights would cost more.
    bf16 = bf16 && n >= 64;
    const ConvTransposeGemm up1(deconv1->weight, deconv1->bias, 2, 1, 1, bf16), up2(deconv2->weight, deconv2->bias, 2, 1, 1, bf16),
        last(deconvOut->weight, deconvOut->bias, 1, 1, 0);
    const int64_t kBlock = std::min<int64_t>(8, n);
    const float* d = dense.data_ptr<float>();
    float* o = out.data_ptr<float>();
    parallelFor((n + kBlock - 1) / kBlock, at::get_num_threads(), [&](int64_t first, int64_t lastBlock) {
        // Left uninitialised: every buffer is written before it is read.
        const std::unique_ptr<float[]> in(new float[size_t(kBlock * 7 * 7 * 64)]), h1(new float[size_t(kBlock * 14 * 14 * 64)]),
            h2(new float[size_t(kBlock * 28 * 28 * 32)]),
            scratch(new float[size_t(
                std::max({up1.scratchFloats(kBlock, 7, 7), up2.scratchFloats(kBlock, 14, 14), last.scratchFloats(kBlock, 28, 28)}))]);
        for (int64_t b = first; b < lastBlock; ++b) {
            const int64_t i0 = b * kBlock, count = std::min(kBlock, n - i0);
            for (int64_t i = 0; i < count; ++i)  // [64, 7, 7] -> [7, 7, 64]
                for (int64_t c = 0; c < 64; ++c)
                    for (int64_t p = 0; p < 49; ++p) in[size_t((i * 49 + p) * 64 + c)] = d[(i0 + i) * 3136 + c * 49 + p];
            up1.run(in.get(), count, 7, 7, h1.get(), scratch.get(), true);
            up2.run(h1.get(), count, 14, 14, h2.get(), scratch.get(), true);
            last.run(h2.get(), count, 28, 28, o + i0 * 784, scratch.get(), false);  // one channel: NHWC is NCHW
        }
    });
    return out;
}

}  // namespace latent
