#pragma once
#include "data/ImageDataset.h"
#include "models/Autoencoder.h"
#include "models/ModelSpec.h"
#include "training/Optimizer.h"
#include "training/TrainOptions.h"

#include <functional>
#include <memory>
#include <string>

namespace latent {

// One batch as a model kind is trained on it: what it is fed (noisy for dae, small for sr), what
// it should give back, the digits' labels (used by conditional models, ignored by the rest) and
// their rows in the training set (int64; the map finds their neighbours by them).
struct TrainBatch {
    torch::Tensor input, target, labels, rows;
};

// Reports the stage of a step's preparation ("neighbours") and the fraction done; returns false to
// stop (the run was cancelled).
using PreparationProgress = std::function<bool(const std::string& stage, double fraction)>;

// One optimisation step on one batch: forward, gradients, parameter update. Returns the loss
// parts (beta applied to total); a non-finite total tells the trainer that training diverged.
class TrainStep {
public:
    virtual ~TrainStep() = default;
    virtual LossFigures run(const TrainBatch& batch, double beta) = 0;
    // Work over the whole training set before the first step (the map's neighbour graph), given
    // the set the batches' rows point into (it outlives the step's use). False: cancelled.
    virtual bool prepare(const ImageDataset& /*train*/, const PreparationProgress& /*progress*/) { return true; }
    // Called before the first step of every epoch (0-based) and after its last, before the epoch is
    // reported and saved: for schedules by epoch and for what a step fits from a whole epoch.
    virtual void beginEpoch(int /*epoch*/) {}
    virtual void endEpoch() {}
    // The optimisers' state, to save with the weights and go on from later (see TrainingState).
    virtual OptimizerState optimizerState() const = 0;
    virtual void loadOptimizerState(const OptimizerState& state) = 0;  // throws std::invalid_argument
};

}  // namespace latent
