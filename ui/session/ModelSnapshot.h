#pragma once
// No torch headers: a handle that widgets, sessions and queued signals pass around.
#include <QMetaType>

#include <memory>

namespace latent {
struct LoadedModel;
}

// A model the GUI may use on its own thread: spec and a private copy of the weights, never the
// model that is training.
using ModelSnapshot = std::shared_ptr<const latent::LoadedModel>;

Q_DECLARE_METATYPE(ModelSnapshot)
