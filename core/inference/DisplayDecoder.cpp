#include "inference/DisplayDecoder.h"

#include "ops/ConvTransposeStack.h"
#include "ops/InferenceCheck.h"

namespace latent {

namespace {
constexpr int64_t kBf16ConvRows = 64;  // fewer codes: the conv layers' weights would cost more to convert than bf16 saves
}

DisplayDecoder::DisplayDecoder(Autoencoder model) : model_(std::move(model))
{
    if (!model_) throw std::invalid_argument("DisplayDecoder: no model");
}

torch::Tensor DisplayDecoder::decode(const torch::Tensor& z, const torch::Tensor& labels)
{
    const DecoderLayers layers = model_->decoderLayers();
    if (layers.dense.empty() || z.dim() != 2 || !runsWithoutGradients(*model_, layers.dense.front().layer->weight, z))
        return model_->decode(z, labels);
    const int64_t n = z.size(0);
    const std::vector<int64_t>& shape = layers.shape;
    if (layers.transposed.empty() && n <= kSmallBatchMaxRows) {
        const torch::Tensor in = model_->decoderInput(z, labels);
        const std::unique_lock<std::mutex> lock = bf16_.lock();
        std::vector<const uint16_t*> bits;
        for (const DenseStep& step : layers.dense) bits.push_back(bf16_.bitsOf(step.layer->weight));
        return runDenseSteps(in, layers.dense, &bits).view({-1, shape[0], shape[1], shape[2]});
    }
    if (!layers.transposed.empty() && n >= kBf16ConvRows) {
        const torch::Tensor h = denseLayers(model_->decoderInput(z, labels), layers.dense).view({-1, shape[0], shape[1], shape[2]});
        return convTransposeStack(h, layers.transposed, true);
    }
    return model_->decode(z, labels);
}

}  // namespace latent
