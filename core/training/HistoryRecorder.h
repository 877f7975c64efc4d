#pragma once
#include "data/ImageDataset.h"
#include "models/Autoencoder.h"
#include "models/ModelSpec.h"
#include "persistence/TrainingHistory.h"
#include "training/Trainer.h"

namespace latent {

// Keeps a run's TrainingHistory as it trains, from the Trainer's callbacks: every progress window's
// losses and every epoch's test losses; the codes of TrainingHistory::kDigits test digits for the
// replay (the untrained model's, three times in the first epoch, when most of the map's structure
// appears, and after every epoch) when the latent space can be drawn (2 to 16 dims). A resumed
// run goes on with the model's own history.
class HistoryRecorder {
public:
    HistoryRecorder(TrainingHistory start, const ModelSpec& spec, const ImageDataset& test);

    void progress(const TrainProgress& p, AutoencoderImpl& model);
    void epoch(const EpochReport& e, AutoencoderImpl& model);
    // The replayed digits' codes now, after `epochsDone` epochs (skipped when not after the last).
    void snapshot(double epochsDone, AutoencoderImpl& model);
    const TrainingHistory& history() const { return history_; }

private:
    TrainingHistory history_;
    ModelSpec spec_;
    ImageDataset replayed_;  // the replayed test digits, gathered once (empty: no snapshots)
    int64_t lastStep_ = 0;   // of the last progress report
};

}  // namespace latent
