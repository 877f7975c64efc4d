#pragma once
#include "models/Autoencoder.h"
#include "models/ModelSpec.h"
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
};

// The step that trains this model best: the adversarial three-phase step for aae, the hand-written
// MLP VAE step for the default VAE (BCE, on the CPU), autograd for everything else. model must be
// the one makeModel built for spec.
std::unique_ptr<TrainStep> makeTrainStep(AutoencoderImpl& model, const ModelSpec& spec, const TrainOptions& options);

}  // namespace latent
