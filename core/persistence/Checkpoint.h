#pragma once
#include "models/Autoencoder.h"
#include "models/ModelSpec.h"
#include "persistence/TrainingHistory.h"
#include "persistence/TrainingState.h"

#include <optional>
#include <stdexcept>
#include <string>

namespace latent {

// A file that is not a checkpoint, is damaged, or holds another model; what() says which.
class CheckpointError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// What a checkpoint holds, in a file or in memory: the model's description, its weights and how
// its training may go on. (The window shares frozen ones as ModelSnapshot and runs them through an
// InferenceSession.)
struct ModelCheckpoint {
    ModelSpec spec;
    Autoencoder model;
    TrainingState training;   // empty unless the file was saved with one
    TrainingHistory history;  // empty for files saved without one (older ones, TorchScript modules)
};

// One file (a LibTorch archive) holding a format tag, the ModelSpec as text, every parameter
// and buffer by its dotted name and, when training may go on, the TrainingState. Saving writes
// "<path>.tmp" and renames it over the target, so a crash or a full disk mid-save never destroys
// the previous file.
class Checkpoint {
public:
    static constexpr const char* kFormat = "latent-explorer-checkpoint-1";

    static void save(const std::string& path, const ModelSpec& spec, AutoencoderImpl& model, const TrainingState& training = {},
                     const TrainingHistory& history = {});
    // Rebuilds the model from the stored spec and loads the weights, checking every name and shape.
    // With expectedKind set, a checkpoint of another kind is refused.
    static ModelCheckpoint load(const std::string& path, std::optional<ModelKind> expectedKind = std::nullopt);
    // Loads weights into an existing model of a given spec (the GUI's "open into this model").
    static void loadInto(const std::string& path, const ModelSpec& spec, AutoencoderImpl& model);
};

}  // namespace latent
