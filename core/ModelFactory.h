#pragma once
#include "Autoencoder.h"
#include "ModelSpec.h"

namespace latent {

// Builds the (untrained) model a spec describes. Throws std::invalid_argument on a spec that
// names no buildable model (a VAE with latent size 0, say).
Autoencoder makeModel(const ModelSpec& spec);

}  // namespace latent
