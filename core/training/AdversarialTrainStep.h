#pragma once
#include "models/AdversarialAutoencoder.h"
#include "models/ModelSpec.h"
#include "training/TrainStep.h"

#include <memory>

namespace latent {

// One step of adversarial-autoencoder training in three phases, each with its own Adam optimiser
// over its own parameters: (1) reconstruction: encoder + decoder on the reconstruction loss;
// (2) regularisation, discriminator: prior samples vs detached codes; (3) regularisation,
// generator: the encoder against the discriminator. (The lesson's notebook stepped the wrong
// optimiser in phase 3 and left a layer out of its discriminator.)
// Its losses: reconstruction summed over pixels, mean over the batch (as the other models);
// discriminator, the BCE of telling prior samples (1) from codes (0); generator, the BCE of the
// encoder fooling it (codes labelled 1). total is the reconstruction, or non-finite when any
// phase diverged; beta is not used.
class AdversarialTrainStep : public TrainStep {
public:
    AdversarialTrainStep(AdversarialAutoencoderImpl& model, const ModelSpec& spec, double learningRate, double adversarialLearningRate);
    ~AdversarialTrainStep();
    LossFigures run(const TrainBatch& batch, double beta) override;
    OptimizerState optimizerState() const override;
    void loadOptimizerState(const OptimizerState& state) override;

private:
    struct Optimisers;
    AdversarialAutoencoderImpl& model_;
    ModelSpec spec_;
    std::unique_ptr<Optimisers> opt_;
};

}  // namespace latent
