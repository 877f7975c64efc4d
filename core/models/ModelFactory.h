#pragma once
#include "models/Autoencoder.h"
#include "models/ModelSpec.h"

namespace latent {

// Builds the (untrained) model a spec describes, after ModelSpec::validate: throws
// std::invalid_argument, in the catalog's words, on a spec that names no buildable model.
Autoencoder makeModel(const ModelSpec& spec);
// A new model of the same spec holding a copy of model's weights (for the GUI's decoding copy,
// which must never share tensors with a model that is training).
Autoencoder cloneModel(const ModelSpec& spec, AutoencoderImpl& model);

}  // namespace latent
