#pragma once
#include "training/TrainStep.h"

#include <memory>

namespace latent {

// The step that trains this model best: the adversarial three-phase step for aae, the hand-written
// MLP VAE step for the default VAE (BCE, on the CPU), autograd for everything else. model must be
// the one makeModel built for spec.
std::unique_ptr<TrainStep> makeTrainStep(AutoencoderImpl& model, const ModelSpec& spec, const TrainOptions& options);

}  // namespace latent
