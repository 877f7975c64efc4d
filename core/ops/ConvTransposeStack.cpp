#include "ops/ConvTransposeStack.h"

#include "ops/ChannelsLast.h"
#include "ops/ConvTransposeByConvolution.h"
#include "ops/ConvTransposeGemm.h"
#include "ops/InferenceCheck.h"
#include "runtime/ParallelFor.h"
#include "runtime/TorchCompat.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <memory>

namespace latent {

namespace {

// The layer's square stride, padding and output padding, or false when it has another shape.
bool squareShape(const torch::nn::ConvTranspose2dImpl& layer, int64_t& stride, int64_t& padding, int64_t& outputPadding)
{
    const auto& o = layer.options;
    if (!compat::variants::holds_alternative<torch::ExpandingArray<2>>(o.padding()) ||
        !compat::variants::holds_alternative<torch::enumtype::kZeros>(o.padding_mode()))
        return false;
    const auto& s = *o.stride();
    const auto& p = *compat::variants::get<torch::ExpandingArray<2>>(o.padding());
    const auto& op = *o.output_padding();
    const auto& k = *o.kernel_size();
    const auto& d = *o.dilation();
    if (s[0] != s[1] || p[0] != p[1] || op[0] != op[1] || k[0] != k[1] || d[0] != 1 || d[1] != 1 || o.groups() != 1) return false;
    stride = s[0], padding = p[0], outputPadding = op[0];
    return true;
}

torch::Tensor throughLayers(const torch::Tensor& x, const std::vector<torch::nn::ConvTranspose2d>& layers)
{
    torch::Tensor h = toChannelsLast(x);
    for (size_t i = 0; i < layers.size(); ++i) {
        torch::nn::ConvTranspose2d layer = layers[i];  // a holder: convTranspose2d runs the layer
        h = convTranspose2d(layer, h);
        if (i + 1 < layers.size()) h = torch::relu(h);
    }
    return h;
}

}  // namespace

torch::Tensor convTransposeStack(const torch::Tensor& x, const std::vector<torch::nn::ConvTranspose2d>& layers, bool bf16)
{
    if (layers.empty()) return x;
    std::vector<ConvTransposeGemm> gemms;
    bool blocked =
        x.dim() == 4 && layers.back()->options.out_channels() == 1 && runsWithoutGradients(*layers.front(), layers.front()->weight, x);
    for (size_t i = 0; blocked && i < layers.size(); ++i) {
        int64_t stride = 0, padding = 0, outputPadding = 0;
        blocked = squareShape(*layers[i], stride, padding, outputPadding);
        // The last layer's products stay float: they are small and its sums are the logits.
        if (blocked) gemms.emplace_back(layers[i]->weight, layers[i]->bias, stride, padding, outputPadding, bf16 && i + 1 < layers.size());
    }
    if (!blocked) return throughLayers(x, layers);

    const int64_t n = x.size(0);
    std::vector<int64_t> side{x.size(2)}, width{x.size(3)}, channels{x.size(1)};
    for (const ConvTransposeGemm& g : gemms) {
        side.push_back(g.outputSize(side.back()));
        width.push_back(g.outputSize(width.back()));
        channels.push_back(g.outChannels());
    }
    torch::Tensor out = torch::empty({n, 1, side.back(), width.back()});
    if (n == 0) return out;
    const torch::Tensor xc = x.contiguous();  // NCHW
    const int64_t block = std::min<int64_t>(8, n), pixels = side[0] * width[0], c0 = channels[0];
    int64_t scratchFloats = 0;
    for (size_t i = 0; i < gemms.size(); ++i) scratchFloats = std::max(scratchFloats, gemms[i].scratchFloats(block, side[i], width[i]));
    const float* in = xc.data_ptr<float>();
    float* o = out.data_ptr<float>();
    parallelFor((n + block - 1) / block, at::get_num_threads(), [&](int64_t first, int64_t lastBlock) {
        // Each layer's input for a block, channels-last; left uninitialised: written before read.
        std::vector<std::unique_ptr<float[]>> act;
        for (size_t i = 0; i < gemms.size(); ++i) act.emplace_back(new float[size_t(block * side[i] * width[i] * channels[i])]);
        const std::unique_ptr<float[]> scratch(new float[size_t(scratchFloats)]);
        for (int64_t b = first; b < lastBlock; ++b) {
            const int64_t i0 = b * block, count = std::min(block, n - i0);
            float* a = act[0].get();
            for (int64_t i = 0; i < count; ++i)  // [C, H, W] -> [H, W, C]
                for (int64_t c = 0; c < c0; ++c)
                    for (int64_t p = 0; p < pixels; ++p) a[(i * pixels + p) * c0 + c] = in[((i0 + i) * c0 + c) * pixels + p];
            for (size_t l = 0; l < gemms.size(); ++l) {
                const bool last = l + 1 == gemms.size();
                // One output channel: the last layer's NHWC is NCHW.
                float* to = last ? o + i0 * side.back() * width.back() : act[l + 1].get();
                gemms[l].run(act[l].get(), count, side[l], width[l], to, scratch.get(), !last);
            }
        }
    });
    return out;
}

}  // namespace latent
