#pragma once
#include "training/OptimizerFactory.h"
#include "training/TrainStep.h"

namespace latent {

// Loss through autograd and the optimiser of the options: any model kind.
class AutogradTrainStep : public TrainStep {
public:
    AutogradTrainStep(AutoencoderImpl& model, const ModelSpec& spec, const TrainOptions& options);
    LossFigures run(const TrainBatch& batch, double beta) override;
    OptimizerState optimizerState() const override { return optimizer_->state(); }
    void loadOptimizerState(const OptimizerState& state) override { optimizer_->loadState(state); }

private:
    AutoencoderImpl& model_;
    ReconstructionLoss loss_;
    std::unique_ptr<Optimizer> optimizer_;
};

}  // namespace latent
