#pragma once
// No torch headers.
#include "session/TrainingWorker.h"

#include <QObject>
#include <QThread>

#include <memory>

// One training run: a TrainingWorker moved to its own QThread (the worker-object pattern), told
// to train by a queued call. Its signals are the worker's, delivered on the thread that made the
// run. Like the RenderThread of Qt's mandelbrot example it stops and joins in its destructor, so
// no owner can leave a thread running behind it.
class TrainingRun : public QObject {
    Q_OBJECT
public:
    explicit TrainingRun(const TrainingRequest& request, QObject* parent = nullptr);
    ~TrainingRun() override;

    void start();  // connect to the signals first

    // Thread-safe; effective between two training steps.
    void pause();
    void resume();
    void stop();
    bool isPaused() const;
    void setGridSettings(const GridSettings& settings);

    // Stops, joins the thread and delivers what the worker sent before it stopped (its last
    // weights, finished). Returns whether finished was delivered.
    bool stopAndWait();

Q_SIGNALS:
    void started(const QString& description, qint64 trainImages, qint64 testImages);
    void progress(const TrainingProgress& progress);
    void preparing(const QString& stage, double fraction);
    void epochFinished(const EpochSummary& summary);
    void modelPublished(const ModelSnapshot& model);
    void latentPublished(const LatentUpdate& update);
    void autosaveFailed(const QString& message);
    void finished(TrainingWorker::Outcome outcome, const QString& message);

private:
    TrainingRequest request_;
    QThread thread_;
    std::unique_ptr<TrainingWorker> worker_;  // lives on thread_; deleted once thread_ has ended
    bool finished_ = false;
};
