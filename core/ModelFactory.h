#pragma once
#include "Autoencoder.h"
#include "ModelSpec.h"

namespace latent {

// Builds the (untrained) model a spec describes. Throws std::invalid_argument on a spec that
// names no buildable model (a VAE with latent size 0, say).
Autoencoder makeModel(const ModelSpec& spec);
// A new model of the same spec holding a copy of model's weights (for the GUI's decoding copy,
// which must never share tensors with a model that is training).
Autoencoder cloneModel(const ModelSpec& spec, AutoencoderImpl& model);

}  // namespace latent
