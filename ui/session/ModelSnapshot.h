#pragma once
// No torch headers: a handle that widgets, sessions and queued signals pass around.
#include <QMetaType>

#include <memory>

namespace latent {
struct ModelCheckpoint;
}

// A frozen checkpoint the GUI may share between threads: spec and a private copy of the weights,
// never the model that is training. InferenceSession runs one.
using ModelSnapshot = std::shared_ptr<const latent::ModelCheckpoint>;

Q_DECLARE_METATYPE(ModelSnapshot)
