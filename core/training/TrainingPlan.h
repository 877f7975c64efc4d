#pragma once
#include "data/ImageDataset.h"
#include "persistence/Checkpoint.h"
#include "models/ModelSpec.h"
#include "training/TrainOptions.h"
#include "persistence/TrainingHistory.h"
#include "persistence/TrainingState.h"

#include <map>
#include <optional>
#include <string>

namespace latent {

// What a person asks of a new training run, in the words of `latent-cli train`'s options (the
// window's form fills the same fields). Run settings are text, as the checkpoint stores them.
struct RunRequest {
    std::string model = "vae";        // a kind: ModelCatalog::kindList()
    std::optional<std::string> arch;  // absent: the kind's first
    std::optional<int> latentDim;     // absent: the kind's default
    double noiseStd = 0.5;            // dae
    int downscale = 2;                // sr
    std::string loss = "bce";
    std::string dataset = "mnist";  // name or folder
    // "batch", "lr", "adversarial-lr", "optimizer", "beta", "kl-warmup", "seed", "train-limit",
    // "matmul", "map-weight", "perplexity"; missing ones take TrainOptions' defaults (the batch:
    // ModelCatalog::suggestedBatch). Numbers written with formatNumber.
    std::map<std::string, std::string> settings;
};

// A run ready to train: the spec that will be saved with it, the trainer's options, the model and
// the optimiser state to go on from (empty for a new run). One builder for the CLI and the window,
// so that a checkpoint written by either resumes the same way in the other.
struct TrainingPlan {
    ModelSpec spec;
    TrainOptions options;
    Autoencoder model;
    TrainingState state;
    TrainingHistory history;  // a resumed model's so far (HistoryRecorder goes on with it)

    // A new run: the request checked by the catalog (std::invalid_argument naming what is wrong;
    // nothing is quietly changed into another model), its settings recorded in the spec, the
    // random generator seeded from them and the model initialised.
    static TrainingPlan start(const RunRequest& request);
    // Going on with a saved model: its settings, weights and optimiser state, copied so that the
    // source stays as it was. `where` names the source in messages.
    static TrainingPlan resume(const ModelCheckpoint& saved, const std::string& where);

    // Train up to `epochsInAll` epochs (recorded in the spec); a resumed run starts where it stopped.
    void setEpochs(int epochsInAll);
    // Train on `device` (a name resolveDevice gave; "cpu" unless this is called), recorded in the
    // spec's "device" for people to read. It is not a setting a resumed run keeps: a run saved on
    // a GPU goes on wherever the next one is asked to (trainOptionsFromSettings does not read it).
    void setDevice(const std::string& device);
    // The run's dataset, its training split cut to the "train-limit" setting when one is given.
    DatasetSplits loadData() const;
};

}  // namespace latent
