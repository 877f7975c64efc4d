#pragma once
#include "models/Autoencoder.h"
#include "data/ImageDataset.h"
#include "models/ModelSpec.h"
#include "persistence/TrainingState.h"
#include "training/TrainOptions.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>

namespace latent {

struct TrainProgress {
    int epoch = 0, epochs = 0;  // epoch is 1-based
    int64_t step = 0, stepsPerEpoch = 0;
    double samplesPerSecond = 0;
    double secondsElapsed = 0, secondsLeft = 0;
    double beta = 0;    // effective beta (after warm-up)
    int threads = 0;    // training threads now (see TrainOptions::threads)
    LossFigures train;  // mean over the steps since the last report
};

struct EpochReport {
    int epoch = 0, epochs = 0;
    LossFigures train;  // mean over the epoch
    bool hasTest = false;
    LossFigures test;  // whole test split, beta = 1 (the negative ELBO for a VAE)
    double samplesPerSecond = 0;
    double seconds = 0;
};

enum class TrainStatus { Finished, Cancelled, Diverged };

struct TrainResult {
    TrainStatus status = TrainStatus::Finished;
    int epochsDone = 0;  // complete epochs
    int64_t steps = 0;
    double samplesPerSecond = 0;      // over the whole run, pauses excluded
    std::string message;              // why it stopped, for Cancelled and Diverged
    int threadChanges = 0;            // times the thread count followed other processes' load
    double firstStepUnixSeconds = 0;  // when the first step ended (wall clock), for start-up figures
    EpochReport last;
};

// Trains a model on an image dataset. train() runs on the calling thread (the GUI's worker, the
// CLI's main thread); pause(), resume() and cancel() may be called from any thread, and cancel()
// from a signal handler: they only store atomics, checked between steps. A cancelled trainer
// stays cancelled (make a new one for the next run).
class Trainer {
public:
    Trainer(Autoencoder model, ModelSpec spec, TrainOptions options);
    ~Trainer();

    void setProgressCallback(std::function<void(const TrainProgress&)> f) { onProgress_ = std::move(f); }
    void setEpochCallback(std::function<void(const EpochReport&)> f) { onEpoch_ = std::move(f); }
    // What the train step computes once before its first step (the map's neighbour graph): the
    // stage's name and the fraction done, as it goes. cancel() stops it too.
    void setPreparationCallback(std::function<void(const std::string& stage, double fraction)> f) { onPreparation_ = std::move(f); }

    // A non-finite loss stops training and restores weights saved at a recent finite step
    // (at most progressEvery steps back).
    TrainResult train(const ImageDataset& train, const ImageDataset* test = nullptr);

    // Go on from a saved state (with options.startEpoch): the optimisers' moments and the random
    // generator as they were after that epoch. Checked when train() starts (std::invalid_argument).
    void setResumeState(TrainingState state) { resumeState_ = std::move(state); }
    // The state after the last complete epoch, to save with the weights: call it from the epoch
    // callback (the generator as it was when that epoch ended, before any callback drew from it).
    TrainingState state() const;

    void pause() { paused_.store(true); }
    void resume() { paused_.store(false); }
    void cancel() { cancelled_.store(true); }
    bool isPaused() const { return paused_.load(); }

    // Loss parts over a whole dataset without gradients (beta = 1).
    static LossFigures evaluate(AutoencoderImpl& model, const ModelSpec& spec, const ImageDataset& data, int batchSize = kEvalBatch);

private:
    // The train step for this model and options, with the optimiser and generator state to resume from.
    void prepareStep();
    // The epoch's report: its training figures, the test split's and the generator state to save.
    EpochReport finishEpoch(int epoch, const LossFigures& train, int64_t samples, double trainSeconds, const ImageDataset* testSet);
    double betaAt(int epoch0, double fraction) const;
    struct Run;
    // One epoch's steps; the result to return when training stops inside it (cancelled or
    // diverged). epochPaused receives the seconds spent paused.
    std::optional<TrainResult> trainEpoch(int epoch, Run& run, double& epochPaused);
    // Waits while paused; returns the seconds waited.
    double waitWhilePaused() const;

    Autoencoder model_;
    ModelSpec spec_;
    TrainOptions options_;
    std::unique_ptr<class TrainStep> step_;
    TrainingState resumeState_;
    torch::Tensor generatorAtEpochEnd_;
    std::function<void(const TrainProgress&)> onProgress_;
    std::function<void(const EpochReport&)> onEpoch_;
    std::function<void(const std::string&, double)> onPreparation_;
    std::atomic<bool> paused_{false}, cancelled_{false};
};

}  // namespace latent
