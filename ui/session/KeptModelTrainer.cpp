#include "session/KeptModelTrainer.h"

#include "session/InferenceSession.h"
#include "session/TrainingRun.h"

#include <QDir>
#include <QFileInfo>
#include <QTimer>

#include <algorithm>
#include <cmath>

KeptModelTrainer::KeptModelTrainer(Role role, QObject* parent) : QObject(parent), role_(role) {}

KeptModelTrainer::~KeptModelTrainer() = default;  // the run stops and joins its thread

TrainingRequest KeptModelTrainer::recipe(Role role)
{
    const latent::KeptModels::Recipe recipe = latent::KeptModels::recipe(role);
    TrainingRequest r;
    r.dataset = "mnist";
    r.model = QString::fromStdString(recipe.model);
    r.arch = QString::fromStdString(recipe.arch);
    r.latentDim = 0;  // neither has a dense code
    if (recipe.noise > 0) r.noiseStd = recipe.noise;
    r.epochs = recipe.epochs;
    r.progressEvery = 10;
    return r;
}

void KeptModelTrainer::start()
{
    if (run_) return;
    cancelled_ = false;
    last_ = {};
    run_ = std::make_unique<TrainingRun>(recipe(role_));
    connect(run_.get(), &TrainingRun::progress, this, [this](const TrainingProgress& p) {
        const double done = (double(p.epoch - 1) + double(p.step) / double(std::max<qint64>(1, p.stepsPerEpoch))) / std::max(1, p.epochs);
        Q_EMIT progress(int(std::lround(100 * done)),
                        tr("epoch %1 of %2, %3 s left").arg(p.epoch).arg(p.epochs).arg(int(std::ceil(p.secondsLeft))));
    });
    connect(run_.get(), &TrainingRun::modelPublished, this, [this](const ModelSnapshot& m) { last_ = m; });
    connect(run_.get(), &TrainingRun::finished, this, [this](TrainingWorker::Outcome outcome, const QString& message) {
        if (outcome != TrainingWorker::Finished || !last_) {
            end(false, cancelled_ ? tr("cancelled; nothing was kept") : message);
            return;
        }
        const QString path = QString::fromStdString(latent::KeptModels::path(role_));
        QString error;
        if (!QDir().mkpath(QFileInfo(path).absolutePath()))
            error = tr("cannot make the folder %1").arg(QFileInfo(path).absolutePath());
        else
            InferenceSession(last_).save(path, &error);
        end(error.isEmpty(), error.isEmpty() ? path : tr("the model was trained but not kept: %1").arg(error));
    });
    run_->start();
    Q_EMIT progress(0, tr("starting"));
}

void KeptModelTrainer::cancel()
{
    if (!run_) return;
    cancelled_ = true;
    run_->stop();
}

void KeptModelTrainer::end(bool ok, const QString& message)
{
    // The run's thread is still unwinding from the signal that got here: release it later.
    QTimer::singleShot(0, this, [this, ok, message] {
        run_.reset();
        Q_EMIT finished(ok, message);
    });
}
