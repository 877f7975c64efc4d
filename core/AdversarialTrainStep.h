#pragma once
#include "AdversarialAutoencoder.h"
#include "ModelSpec.h"

#include <memory>

namespace latent {

struct AdversarialLosses {
    float reconstruction = 0;  // summed over pixels, mean over the batch (as the other models)
    float discriminator = 0;   // BCE of telling prior samples (1) from codes (0)
    float generator = 0;       // BCE of the encoder fooling it (codes labelled 1)
};

// One step of adversarial-autoencoder training in three phases, each with its own Adam optimiser
// over its own parameters: (1) reconstruction: encoder + decoder on the reconstruction loss;
// (2) regularisation, discriminator: prior samples vs detached codes; (3) regularisation,
// generator: the encoder against the discriminator. (The lesson's notebook stepped the wrong
// optimiser in phase 3 and left a layer out of its discriminator.)
class AdversarialTrainStep {
public:
    AdversarialTrainStep(AdversarialAutoencoderImpl& model, const ModelSpec& spec, double learningRate,
                         double adversarialLearningRate);
    ~AdversarialTrainStep();
    AdversarialLosses run(const torch::Tensor& input, const torch::Tensor& target);

private:
    struct Optimisers;
    AdversarialAutoencoderImpl& model_;
    ModelSpec spec_;
    std::unique_ptr<Optimisers> opt_;
};

}  // namespace latent
