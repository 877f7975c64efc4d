#include "training/AutogradTrainStep.h"

#include "runtime/Gemm.h"
#include "training/Loss.h"
#include "runtime/TorchCompat.h"

#include <ATen/autocast_mode.h>

namespace latent {

AutogradTrainStep::AutogradTrainStep(AutoencoderImpl& model, const ModelSpec& spec, const TrainOptions& options)
    : model_(model), loss_(spec.reconstruction), optimizer_(makeOptimizer(model.parameters(), options))
{
    const bool onCpu = model.parameters().front().device().is_cpu();
    const bool gainsFromBf16 =
        (spec.kind == ModelKind::Ae || spec.kind == ModelKind::Dae || spec.kind == ModelKind::Sr) && !spec.isTorchScript();
    bf16Convolutions_ = onCpu && (options.matmul == MatmulPrecision::BFloat16 ||
                                  (options.matmul == MatmulPrecision::Auto && gainsFromBf16 && Gemm::hasNativeBf16()));
}

namespace {
// LibTorch's CPU autocast for one forward pass: convolutions and products take bf16, sums stay
// float inside oneDNN. Off again (and its weight casts dropped) however the pass ends.
class Bf16Autocast {
public:
    Bf16Autocast() { compat::setCpuAutocastBf16(true); }
    ~Bf16Autocast()
    {
        compat::setCpuAutocastBf16(false);
        at::autocast::clear_cache();
    }
    Bf16Autocast(const Bf16Autocast&) = delete;
    Bf16Autocast& operator=(const Bf16Autocast&) = delete;
};

torch::Tensor asFloat(const torch::Tensor& t) { return t.defined() ? t.to(torch::kFloat32) : t; }
}  // namespace

ModelOutput AutogradTrainStep::forward(const TrainBatch& batch)
{
    if (!bf16Convolutions_) return model_.forward(batch.input, batch.labels);
    ModelOutput out;
    {
        const Bf16Autocast autocast;
        out = model_.forward(batch.input, batch.labels);
    }
    // The loss in float: its sums over 784 pixels and the batch.
    return {asFloat(out.reconstruction), asFloat(out.mean), asFloat(out.logvar)};
}

LossFigures AutogradTrainStep::run(const TrainBatch& batch, double beta)
{
    const LossParts loss = computeLoss(forward(batch), batch.target, loss_, beta);
    LossFigures out;
    out.total = loss.total.item<float>();
    out.reconstruction = loss.reconstruction.item<float>();
    out.kl = loss.kl.item<float>();
    if (!std::isfinite(out.total)) return out;  // no update from a diverged loss
    optimizer_->zeroGrad();
    loss.total.backward();
    optimizer_->step();
    return out;
}

}  // namespace latent
