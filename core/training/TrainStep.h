#pragma once
#include "models/Autoencoder.h"
#include "models/ModelSpec.h"
#include "training/Optimizer.h"
#include "training/TrainOptions.h"

#include <memory>

namespace latent {

// One batch as a model kind is trained on it: what it is fed (noisy for dae, small for sr), what
// it should give back, and the digits' labels (used by conditional models, ignored by the rest).
struct TrainBatch {
    torch::Tensor input, target, labels;
};

// One optimisation step on one batch: forward, gradients, parameter update. Returns the loss
// parts (beta applied to total); a non-finite total tells the trainer that training diverged.
class TrainStep {
public:
    virtual ~TrainStep() = default;
    virtual LossFigures run(const TrainBatch& batch, double beta) = 0;
    // Called before the first step of every epoch (0-based) and after its last, before the epoch is
    // reported and saved: for schedules by epoch and for what a step fits from a whole epoch.
    virtual void beginEpoch(int /*epoch*/) {}
    virtual void endEpoch() {}
    // The optimisers' state, to save with the weights and go on from later (see TrainingState).
    virtual OptimizerState optimizerState() const = 0;
    virtual void loadOptimizerState(const OptimizerState& state) = 0;  // throws std::invalid_argument
};

}  // namespace latent
