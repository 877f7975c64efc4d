#pragma once
#include "training/OptimizerFactory.h"
#include "training/TrainStep.h"

namespace latent {

// Loss through autograd and the optimiser of the options: any model kind.
//
// TrainOptions::matmul: bf16 runs the forward pass under LibTorch's CPU autocast (convolutions and
// products with bf16 operands, float sums) and the loss in float; auto does so for the conv ae, dae
// and sr where the CPU has AVX512-BF16, which train faster so with their test figures held (docs/PERFORMANCE.md,
// "Speed"). Not for the conv VAE: it learns worse so (docs/PERFORMANCE.md).
class AutogradTrainStep : public TrainStep {
public:
    AutogradTrainStep(AutoencoderImpl& model, const ModelSpec& spec, const TrainOptions& options);
    LossFigures run(const TrainBatch& batch, double beta) override;
    OptimizerState optimizerState() const override { return optimizer_->state(); }
    void loadOptimizerState(const OptimizerState& state) override { optimizer_->loadState(state); }

private:
    ModelOutput forward(const TrainBatch& batch);

    AutoencoderImpl& model_;
    bool bf16Convolutions_ = false;
    ReconstructionLoss loss_;
    std::unique_ptr<Optimizer> optimizer_;
};

}  // namespace latent
