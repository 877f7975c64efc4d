#pragma once
// No torch headers here: this header is included by moc'd files and widgets.
#include "session/LatentGrid.h"
#include "session/ModelSnapshot.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

namespace latent {
class HistoryRecorder;
struct DatasetSplits;
struct TrainingPlan;
struct TrainingState;
}  // namespace latent

// What the training form asks for.
struct TrainingRequest {
    QString dataset = "mnist";  // name or folder
    QString model = "vae";      // a kind and an architecture it allows: see core/models/ModelCatalog.h
    QString arch = "mlp";
    int latentDim = 2;
    int epochs = 10;
    int batchSize = 128;
    double learningRate = 1e-3;
    double beta = 1.0;
    int klWarmupEpochs = 0;
    double noiseStd = 0.5;
    int seed = 0;
    int threads = 0;          // 0: one per core, fewer while other processes hold cores
    QString device = "auto";  // --device's words: auto, cpu, cuda, cuda:N (runtime/ComputeDevice.h)
    int progressEvery = 20;
    int trainLimit = 0;  // 0: the whole training split
    // The separated map (model "map"): neighbours per image in its graph, UMAP's min_dist, the
    // weights of the neighbour loss and of the pull towards UMAP's layout (TrainOptions).
    int mapNeighbours = 15;
    double minDist = 0.1;
    double mapWeight = 10;
    double layoutWeight = 10;
    // Continue this model (its settings, weights, optimiser state and dataset) for `epochs` more
    // epochs; the form's model and optimiser settings are not used.
    ModelSnapshot continueFrom;
    // The model as it stands after every epoch, with its optimiser state, for a restore after a
    // crash ("": none). Written by the worker, whole or not at all (Checkpoint::save).
    QString autosavePath;
};

struct TrainingProgress {
    int epoch = 0, epochs = 0;
    qint64 step = 0, stepsPerEpoch = 0, globalStep = 0;
    double samplesPerSecond = 0, secondsLeft = 0;
    int threads = 0;  // training threads now
    QString device;   // where training runs: "cpu", "cuda:0"
    double total = 0, reconstruction = 0, kl = 0;
    double discriminator = 0, generator = 0;  // adversarial autoencoder only
};

struct EpochSummary {
    int epoch = 0, epochs = 0;
    qint64 globalStep = 0;
    double trainTotal = 0, trainReconstruction = 0, trainKl = 0;
    bool hasTest = false;
    double testTotal = 0, testReconstruction = 0, testKl = 0;
    double seconds = 0;  // the epoch's training and test pass, pauses excluded
};

// The test digits encoded by a published model and its manifold grid, computed by the worker
// between epochs: on two cores, encoding beside the training loop would make both wait on
// each other (OpenBLAS serialises concurrent callers with a busy wait).
struct LatentUpdate {
    ModelSnapshot model;
    std::shared_ptr<const LatentCodes> codes;
    DecodedGrid grid;
    GridSettings settings;  // what the grid was decoded for
    double seconds = 0;     // the worker's time for the copy, the codes and the grid (training waits)
};

// The settings a model was trained with, as the form shows them (an opened model's own, not the
// form's last ones); fields the model does not record keep the defaults.
TrainingRequest requestFor(const ModelSnapshot& model);

Q_DECLARE_METATYPE(TrainingRequest)
Q_DECLARE_METATYPE(TrainingProgress)
Q_DECLARE_METATYPE(EpochSummary)
Q_DECLARE_METATYPE(LatentUpdate)

// Drives the core Trainer on a worker thread (the worker-object pattern: moved to a QThread, told
// to train by a queued call, reporting through queued signals). The training loop blocks the
// worker's event loop, so pause, resume and stop are plain thread-safe calls on atomic flags.
// Before the first step, after every epoch and when stopped early it publishes a copy of the weights, so that the GUI thread
// decodes without ever touching the model that is training. One worker serves one training run.
class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override;

    // Thread-safe; effective between two training steps.
    void pause();
    void resume();
    void stop();
    bool isPaused() const;
    // Thread-safe: the grid decoded with each published model (the latent panel's settings).
    void setGridSettings(const GridSettings& settings);

    enum Outcome { Finished, Stopped, Diverged, Failed };
    Q_ENUM(Outcome)

public Q_SLOTS:
    void train(const TrainingRequest& request);  // call through a queued connection

Q_SIGNALS:
    void started(const QString& description, qint64 trainImages, qint64 testImages);
    void progress(const TrainingProgress& progress);
    // Work before the first step (the map's neighbour graph): "neighbours" or "layout", 0-1;
    // sent when the whole percent changes.
    void preparing(const QString& stage, double fraction);
    void epochFinished(const EpochSummary& summary);
    void modelPublished(const ModelSnapshot& model);
    void latentPublished(const LatentUpdate& update);  // right after modelPublished, for models with a latent space
    void autosaveFailed(const QString& message);       // once per run; training goes on
    // message says why for Stopped, Diverged and Failed.
    void finished(TrainingWorker::Outcome outcome, const QString& message);

private:
    // history: the run's so far, which the copy takes along (with a map snapshot at epochsDone).
    void publish(const latent::TrainingPlan& plan, const std::shared_ptr<latent::DatasetSplits>& data, int epochsDone,
                 const latent::TrainingState& training, latent::HistoryRecorder& history);

    struct Private;
    std::unique_ptr<Private> d;
};
