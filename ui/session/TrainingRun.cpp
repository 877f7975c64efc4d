#include "session/TrainingRun.h"

#include <QCoreApplication>

TrainingRun::TrainingRun(const TrainingRequest& request, QObject* parent)
    : QObject(parent), request_(request), worker_(std::make_unique<TrainingWorker>())
{
    worker_->moveToThread(&thread_);
    connect(worker_.get(), &TrainingWorker::started, this, &TrainingRun::started);
    connect(worker_.get(), &TrainingWorker::progress, this, &TrainingRun::progress);
    connect(worker_.get(), &TrainingWorker::preparing, this, &TrainingRun::preparing);
    connect(worker_.get(), &TrainingWorker::epochFinished, this, &TrainingRun::epochFinished);
    connect(worker_.get(), &TrainingWorker::modelPublished, this, &TrainingRun::modelPublished);
    connect(worker_.get(), &TrainingWorker::latentPublished, this, &TrainingRun::latentPublished);
    connect(worker_.get(), &TrainingWorker::autosaveFailed, this, &TrainingRun::autosaveFailed);
    connect(worker_.get(), &TrainingWorker::finished, this, [this](TrainingWorker::Outcome outcome, const QString& message) {
        finished_ = true;
        Q_EMIT finished(outcome, message);
    });
}

TrainingRun::~TrainingRun()
{
    worker_->stop();
    thread_.quit();
    thread_.wait();  // the trainer checks its flag between steps: well under a second
}

void TrainingRun::start()
{
    thread_.start();
    QMetaObject::invokeMethod(worker_.get(), "train", Qt::QueuedConnection, Q_ARG(TrainingRequest, request_));
}

void TrainingRun::pause() { worker_->pause(); }
void TrainingRun::resume() { worker_->resume(); }
void TrainingRun::stop() { worker_->stop(); }
bool TrainingRun::isPaused() const { return worker_->isPaused(); }
void TrainingRun::setGridSettings(const GridSettings& settings) { worker_->setGridSettings(settings); }

bool TrainingRun::stopAndWait()
{
    worker_->stop();
    thread_.quit();
    thread_.wait();
    // The worker's last signals are queued for this object: deliver them now.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    return finished_;
}
