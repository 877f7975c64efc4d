#include "training/AutogradTrainStep.h"

#include "training/Loss.h"

namespace latent {

AutogradTrainStep::AutogradTrainStep(AutoencoderImpl& model, const ModelSpec& spec, const TrainOptions& options)
    : model_(model), loss_(spec.reconstruction), optimizer_(makeOptimizer(model.parameters(), options))
{
}

LossFigures AutogradTrainStep::run(const TrainBatch& batch, double beta)
{
    const LossParts loss = computeLoss(model_.forward(batch.input, batch.labels), batch.target, loss_, beta);
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
