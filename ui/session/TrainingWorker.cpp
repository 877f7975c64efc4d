#include "session/TrainingWorker.h"

#include "persistence/Checkpoint.h"
#include "io/NumberText.h"
#include "session/DigitDataset.h"
#include "session/InferenceSession.h"
#include "models/ModelFactory.h"
#include "runtime/ComputeDevice.h"
#include "training/HistoryRecorder.h"
#include "training/Trainer.h"
#include "training/TrainingPlan.h"

#include <QElapsedTimer>

#include <atomic>
#include <mutex>

using namespace latent;

struct TrainingWorker::Private {
    std::mutex mutex;  // guards trainer (set and cleared by the worker thread)
    Trainer* trainer = nullptr;
    std::atomic<bool> pauseRequested{false}, stopRequested{false};
    std::mutex gridMutex;
    GridSettings grid;
};

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent), d(std::make_unique<Private>())
{
    qRegisterMetaType<TrainingRequest>();
    qRegisterMetaType<TrainingProgress>();
    qRegisterMetaType<EpochSummary>();
    qRegisterMetaType<ModelSnapshot>();
    qRegisterMetaType<LatentUpdate>();
    qRegisterMetaType<TrainingWorker::Outcome>();
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::pause()
{
    d->pauseRequested = true;
    std::lock_guard<std::mutex> lock(d->mutex);
    if (d->trainer) d->trainer->pause();
}

void TrainingWorker::resume()
{
    d->pauseRequested = false;
    std::lock_guard<std::mutex> lock(d->mutex);
    if (d->trainer) d->trainer->resume();
}

void TrainingWorker::stop()
{
    d->stopRequested = true;
    std::lock_guard<std::mutex> lock(d->mutex);
    if (d->trainer) {
        d->trainer->resume();
        d->trainer->cancel();
    }
}

bool TrainingWorker::isPaused() const { return d->pauseRequested.load(); }

void TrainingWorker::setGridSettings(const GridSettings& settings)
{
    std::lock_guard<std::mutex> lock(d->gridMutex);
    d->grid = settings;
}

namespace {

// The form's request in the words `latent-cli train` uses, so that both build runs the same way.
RunRequest runRequest(const TrainingRequest& r)
{
    RunRequest request;
    request.model = r.model.toStdString();
    request.arch = r.arch.toStdString();
    request.latentDim = r.latentDim;
    request.noiseStd = r.noiseStd;
    request.dataset = r.dataset.toStdString();
    // formatNumber, not std::to_string: this thread follows the user's locale, and a checkpoint
    // must read the same under every locale (and keep 1e-05 as 1e-05).
    request.settings = {{"batch", std::to_string(r.batchSize)},
                        {"lr", formatNumber(r.learningRate)},
                        {"beta", formatNumber(r.beta)},
                        {"kl-warmup", std::to_string(r.klWarmupEpochs)},
                        {"seed", std::to_string(r.seed)}};
    if (r.trainLimit > 0) request.settings["train-limit"] = std::to_string(r.trainLimit);
    if (r.model == QLatin1String("map")) {
        request.settings["map-objective"] = "umap";
        request.settings["neighbours"] = std::to_string(r.mapNeighbours);
        request.settings["min-dist"] = formatNumber(r.minDist);
        request.settings["map-weight"] = formatNumber(r.mapWeight);
        request.settings["layout-weight"] = formatNumber(r.layoutWeight);
    }
    return request;
}

// What a request trains: a new run of the form's settings, or the given model for more epochs
// (throws with what is wrong, e.g. a GPU this build lacks).
TrainingPlan planFor(const TrainingRequest& r)
{
    TrainingPlan plan;
    if (r.continueFrom) {
        // Copies: the snapshot stays as it was (the window may save it while this trains).
        plan = TrainingPlan::resume(*r.continueFrom, "the model's training settings");
        plan.setEpochs(plan.spec.epochsDone + r.epochs);
    } else {
        plan = TrainingPlan::start(runRequest(r));
        plan.setEpochs(r.epochs);
    }
    plan.setDevice(resolveDevice(r.device.toStdString()));
    plan.options.progressEvery = r.progressEvery;
    plan.options.threads = r.threads;  // this thread's OpenMP team: the GUI thread and background jobs keep theirs
    return plan;
}

}  // namespace

TrainingRequest requestFor(const ModelSnapshot& model)
{
    TrainingRequest r;
    if (!model) return r;
    const ModelSpec& spec = model->spec;
    r.model = QString::fromStdString(toString(spec.kind));
    r.arch = QString::fromStdString(toString(spec.arch));
    r.latentDim = spec.latentDim;
    r.noiseStd = spec.noiseStd;
    if (!spec.dataset.empty()) r.dataset = QString::fromStdString(spec.dataset);
    r.epochs = std::max(1, spec.epochsDone);
    auto number = [&spec](const char* key, double fallback) {
        const auto it = spec.hyperParameters.find(key);
        const std::optional<double> v = it == spec.hyperParameters.end() ? std::nullopt : parseNumber(it->second);
        return v ? *v : fallback;
    };
    r.batchSize = int(number("batch", r.batchSize));
    r.learningRate = number("lr", r.learningRate);
    r.beta = number("beta", r.beta);
    r.klWarmupEpochs = int(number("kl-warmup", r.klWarmupEpochs));
    r.seed = int(number("seed", r.seed));
    r.trainLimit = int(number("train-limit", 0));
    r.mapNeighbours = int(number("neighbours", r.mapNeighbours));
    r.minDist = number("min-dist", r.minDist);
    r.mapWeight = number("map-weight", r.mapWeight);
    r.layoutWeight = number("layout-weight", r.layoutWeight);
    return r;
}

namespace {

TrainingProgress progressFrom(const TrainProgress& p)
{
    TrainingProgress out;
    out.epoch = p.epoch;
    out.epochs = p.epochs;
    out.step = p.step;
    out.stepsPerEpoch = p.stepsPerEpoch;
    out.globalStep = int64_t(p.epoch - 1) * p.stepsPerEpoch + p.step;
    out.samplesPerSecond = p.samplesPerSecond;
    out.threads = p.threads;
    out.secondsLeft = p.secondsLeft;
    out.total = p.train.total;
    out.reconstruction = p.train.reconstruction;
    out.kl = p.train.kl;
    out.discriminator = p.train.discriminator;
    out.generator = p.train.generator;
    return out;
}

EpochSummary summaryFrom(const EpochReport& e, int64_t globalStep)
{
    EpochSummary s;
    s.epoch = e.epoch;
    s.epochs = e.epochs;
    s.globalStep = globalStep;
    s.trainTotal = e.train.total;
    s.trainReconstruction = e.train.reconstruction;
    s.trainKl = e.train.kl;
    s.hasTest = e.hasTest;
    s.testTotal = e.test.total;
    s.testReconstruction = e.test.reconstruction;
    s.testKl = e.test.kl;
    s.seconds = e.seconds;
    return s;
}

TrainingWorker::Outcome outcomeOf(TrainStatus status)
{
    return status == TrainStatus::Finished    ? TrainingWorker::Finished
           : status == TrainStatus::Cancelled ? TrainingWorker::Stopped
                                              : TrainingWorker::Diverged;
}

}  // namespace

// A copy of the weights for the GUI thread and, for models with a latent space, the test codes
// and the grid decoded with the latent panel's settings.
void TrainingWorker::publish(const TrainingPlan& plan, const std::shared_ptr<DatasetSplits>& data, int epochsDone,
                             const TrainingState& training, HistoryRecorder& history)
{
    QElapsedTimer clock;
    clock.start();
    auto snapshot = std::make_shared<ModelCheckpoint>();
    snapshot->spec = plan.spec;
    snapshot->spec.epochsDone = epochsDone;
    snapshot->model = cloneModel(plan.spec, *plan.model);
    snapshot->training = training;
    history.snapshot(epochsDone, *snapshot->model);
    snapshot->history = history.history();
    LatentUpdate update;
    update.model = snapshot;
    if (plan.spec.hasLatent()) {
        InferenceSession session(update.model);
        {
            std::lock_guard<std::mutex> lock(d->gridMutex);
            update.settings = d->grid;
        }
        session.setCondition(update.settings.condition);
        auto codes = std::make_shared<LatentCodes>(session.encode(DigitDataset::wrap(data)));
        update.grid = session.decodeGrid(update.settings.spec(session.latentDim(), codes.get(), {}));
        update.codes = std::move(codes);
    }
    update.seconds = clock.nsecsElapsed() / 1e9;
    Q_EMIT modelPublished(update.model);
    if (update.codes) Q_EMIT latentPublished(update);
}

void TrainingWorker::train(const TrainingRequest& r)
{
    if (d->stopRequested) {
        Q_EMIT finished(Stopped, QStringLiteral("stopped before training started"));
        return;
    }
    TrainingPlan plan;
    auto data = std::make_shared<DatasetSplits>();
    try {
        plan = planFor(r);
        *data = plan.loadData();
    } catch (const std::exception& e) {
        Q_EMIT finished(Failed, QString::fromStdString(e.what()));
        return;
    }
    Q_EMIT started(QString::fromStdString(plan.spec.describe()), data->train.size(), data->test.size());
    HistoryRecorder history(plan.history, plan.spec, data->test);       // a continued model's goes on
    publish(plan, data, plan.options.startEpoch, plan.state, history);  // the space before it forms

    bool autosaveWorks = !r.autosavePath.isEmpty();
    auto autosave = [&](int epochsDone, const TrainingState& training) {
        if (!autosaveWorks) return;
        try {
            ModelSpec saved = plan.spec;
            saved.epochsDone = epochsDone;
            Checkpoint::save(r.autosavePath.toStdString(), saved, *plan.model, training, history.history());
        } catch (const std::exception& e) {
            autosaveWorks = false;
            Q_EMIT autosaveFailed(QString::fromStdString(e.what()));
        }
    };

    try {
        Trainer trainer(plan.model, plan.spec, plan.options);
        if (!plan.state.empty()) trainer.setResumeState(plan.state);
        int64_t stepsBefore = 0;  // steps of completed epochs
        trainer.setPreparationCallback([&, lastPercent = -1](const std::string& stage, double fraction) mutable {
            if (int(fraction * 100) == lastPercent) return;
            lastPercent = int(fraction * 100);
            Q_EMIT preparing(QString::fromStdString(stage), fraction);
        });
        trainer.setProgressCallback([&](const TrainProgress& p) {
            TrainingProgress out = progressFrom(p);
            out.device = QString::fromStdString(plan.options.device);
            Q_EMIT progress(out);
            stepsBefore = out.globalStep;
            history.progress(p, *plan.model);
        });
        trainer.setEpochCallback([&](const EpochReport& e) {
            Q_EMIT epochFinished(summaryFrom(e, stepsBefore));
            const TrainingState state = trainer.state();
            history.epoch(e, *plan.model);
            publish(plan, data, e.epoch, state, history);
            autosave(e.epoch, state);
        });
        {
            std::lock_guard<std::mutex> lock(d->mutex);
            d->trainer = &trainer;
            if (d->pauseRequested) trainer.pause();
            if (d->stopRequested) trainer.cancel();
        }
        const TrainResult result = trainer.train(data->train, &data->test);
        {
            std::lock_guard<std::mutex> lock(d->mutex);
            d->trainer = nullptr;
        }
        d->pauseRequested = false;
        if (result.status != TrainStatus::Finished) {
            publish(plan, data, result.epochsDone, trainer.state(), history);
            autosave(result.epochsDone, trainer.state());
        }
        Q_EMIT finished(outcomeOf(result.status), QString::fromStdString(result.message));
    } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->trainer = nullptr;
        Q_EMIT finished(Failed, QString::fromStdString(e.what()));
    }
}
