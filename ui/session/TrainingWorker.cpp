#include "session/TrainingWorker.h"

#include "io/Checkpoint.h"
#include "data/DatasetLocator.h"
#include "io/NumberText.h"
#include "session/DigitDataset.h"
#include "session/ModelSession.h"
#include "models/ModelCatalog.h"
#include "models/ModelFactory.h"
#include "training/Trainer.h"

#include <QElapsedTimer>

#include <atomic>
#include <mutex>

using namespace latent;

struct TrainingWorker::Private {
    std::mutex mutex;              // guards trainer (set and cleared by the worker thread)
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

void TrainingWorker::train(const TrainingRequest& r)
{
    if (d->stopRequested) {
        Q_EMIT finished(Stopped, QStringLiteral("stopped before training started"));
        return;
    }
    ModelSpec spec;
    TrainOptions opt;
    TrainingState resumeState;
    auto splits = std::make_shared<DatasetSplits>();
    DatasetSplits& data = *splits;
    Autoencoder model;
    try {
        if (r.continueFrom) {
            spec = r.continueFrom->spec;
            opt = trainOptionsFromSettings(spec.hyperParameters, "the model's training settings");
            opt.startEpoch = spec.epochsDone;
            opt.epochs = spec.epochsDone + r.epochs;
            model = cloneModel(spec, *r.continueFrom->model);
            // Copies: the snapshot stays as it was (the window may save it while this trains).
            for (const auto& [name, t] : r.continueFrom->training.optimizer) resumeState.optimizer[name] = t.clone();
            if (r.continueFrom->training.generator.defined()) resumeState.generator = r.continueFrom->training.generator.clone();
        } else {
            // The catalog checks the request; nothing is quietly changed into another model.
            const ModelKind kind = ModelCatalog::parseKind(r.model.toStdString());
            spec = ModelSpec::forKind(kind, ModelCatalog::parseArch(kind, r.arch.toStdString()), r.latentDim);
            spec.noiseStd = r.noiseStd;
            spec.dataset = r.dataset.toStdString();
            opt.epochs = r.epochs;
            opt.batchSize = r.batchSize;
            opt.learningRate = r.learningRate;
            opt.beta = r.beta;
            opt.klWarmupEpochs = r.klWarmupEpochs;
            opt.seed = uint64_t(r.seed);
            // formatNumber, not std::to_string: this thread follows the user's locale, and a
            // checkpoint must read the same under every locale (and keep 1e-05 as 1e-05).
            spec.hyperParameters = {{"batch", std::to_string(r.batchSize)}, {"lr", formatNumber(r.learningRate)},
                                    {"beta", formatNumber(r.beta)}, {"kl-warmup", std::to_string(r.klWarmupEpochs)},
                                    {"seed", std::to_string(r.seed)}};
            torch::manual_seed(opt.seed);
            model = makeModel(spec);
        }
        opt.progressEvery = r.progressEvery;
        opt.threads = r.threads;  // this thread's OpenMP team: the GUI thread and background jobs keep theirs
        spec.hyperParameters["epochs"] = std::to_string(opt.epochs);
        data = DatasetLocator::load(spec.dataset);
        if (r.trainLimit > 0) data.train = data.train.subset(r.trainLimit);
    } catch (const std::exception& e) {
        Q_EMIT finished(Failed, QString::fromStdString(e.what()));
        return;
    }
    Q_EMIT started(QString::fromStdString(spec.describe()), data.train.size(), data.test.size());

    auto publish = [&](int epochsDone, const TrainingState& training) {
        QElapsedTimer clock;
        clock.start();
        auto snapshot = std::make_shared<LoadedModel>();
        snapshot->spec = spec;
        snapshot->spec.epochsDone = epochsDone;
        snapshot->model = cloneModel(spec, *model);
        snapshot->training = training;
        LatentUpdate update;
        update.model = snapshot;
        if (spec.hasLatent()) {
            ModelSession session(update.model);
            {
                std::lock_guard<std::mutex> lock(d->gridMutex);
                update.settings = d->grid;
            }
            session.setCondition(update.settings.condition);
            auto codes = std::make_shared<LatentCodes>(session.encode(DigitDataset::wrap(splits)));
            update.grid = session.decodeGrid(update.settings.spec(session.latentDim(), codes.get(), {}));
            update.codes = std::move(codes);
        }
        update.seconds = clock.nsecsElapsed() / 1e9;
        Q_EMIT modelPublished(update.model);
        if (update.codes) Q_EMIT latentPublished(update);
    };

    publish(opt.startEpoch, resumeState);  // the untrained model: the latent view shows the space before it forms

    bool autosaveWorks = !r.autosavePath.isEmpty();
    auto autosave = [&](int epochsDone, const TrainingState& training) {
        if (!autosaveWorks) return;
        try {
            ModelSpec saved = spec;
            saved.epochsDone = epochsDone;
            Checkpoint::save(r.autosavePath.toStdString(), saved, *model, training);
        } catch (const std::exception& e) {
            autosaveWorks = false;
            Q_EMIT autosaveFailed(QString::fromStdString(e.what()));
        }
    };

    try {
        Trainer trainer(model, spec, opt);
        if (!resumeState.empty()) trainer.setResumeState(resumeState);
        int64_t stepsBefore = 0;  // steps of completed epochs
        trainer.setProgressCallback([&](const TrainProgress& p) {
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
            Q_EMIT progress(out);
            stepsBefore = out.globalStep;
        });
        trainer.setEpochCallback([&](const EpochReport& e) {
            EpochSummary s;
            s.epoch = e.epoch;
            s.epochs = e.epochs;
            s.globalStep = stepsBefore;
            s.trainTotal = e.train.total;
            s.trainReconstruction = e.train.reconstruction;
            s.trainKl = e.train.kl;
            s.hasTest = e.hasTest;
            s.testTotal = e.test.total;
            s.testReconstruction = e.test.reconstruction;
            s.testKl = e.test.kl;
            s.seconds = e.seconds;
            Q_EMIT epochFinished(s);
            const TrainingState state = trainer.state();
            publish(e.epoch, state);
            autosave(e.epoch, state);
        });
        {
            std::lock_guard<std::mutex> lock(d->mutex);
            d->trainer = &trainer;
            if (d->pauseRequested) trainer.pause();
            if (d->stopRequested) trainer.cancel();
        }
        const TrainResult result = trainer.train(data.train, &data.test);
        {
            std::lock_guard<std::mutex> lock(d->mutex);
            d->trainer = nullptr;
        }
        d->pauseRequested = false;
        if (result.status != TrainStatus::Finished) {
            publish(result.epochsDone, trainer.state());
            autosave(result.epochsDone, trainer.state());
        }
        const Outcome outcome = result.status == TrainStatus::Finished ? Finished
                                : result.status == TrainStatus::Cancelled ? Stopped : Diverged;
        Q_EMIT finished(outcome, QString::fromStdString(result.message));
    } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->trainer = nullptr;
        Q_EMIT finished(Failed, QString::fromStdString(e.what()));
    }
}
