#pragma once
// No torch headers.
#include <QFutureWatcher>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <optional>

// The pool the jobs run on: their own, not Qt's global one. Qt's raster paint engine hands parts
// of large fills and image conversions to the global pool and waits for them, so long jobs there
// froze painting (found under Xvfb: a window opened on the PCA panel stayed black for 40 s while
// it scored MNIST). Never deleted: jobs end before the program does (~BackgroundJob waits).
inline QThreadPool* backgroundJobPool()
{
    static QThreadPool* pool = new QThreadPool;
    return pool;
}

// Runs work on backgroundJobPool(), one job at a time, and hands its result to a callback on the
// thread that owns this object (as KDAB hotspot's JobTracker does): a job asked for while one runs
// waits, replacing any job already waiting, so a burst of requests costs one more job, not a
// queue; cancel() drops the results of jobs already started. Callbacks should still check that
// what they were computed for is current.
template <typename Result>
class BackgroundJob {
public:
    BackgroundJob()
    {
        QObject::connect(&watcher_, &QFutureWatcher<Result>::finished, [this] { onFinished(); });
    }
    ~BackgroundJob()
    {
        waiting_.reset();
        watcher_.waitForFinished();
    }
    BackgroundJob(const BackgroundJob&) = delete;
    BackgroundJob& operator=(const BackgroundJob&) = delete;

    // A first, rougher result the job hands over while it goes on (a coarse grid before the fine
    // one): given to deliver on this object's thread unless the job has finished or was dropped by
    // then (its final result follows, or it is not wanted), so deliver sees isBusy() true for it.
    using Partial = std::function<void(const Result&)>;

    void start(std::function<Result()> work, std::function<void(const Result&)> deliver)
    {
        start([work = std::move(work)](const Partial&) { return work(); }, std::move(deliver));
    }
    void start(std::function<Result(const Partial&)> work, std::function<void(const Result&)> deliver)
    {
        waiting_ = Job{std::move(work), std::move(deliver), generation_};
        if (!inFlight_) launch();
    }
    void cancel()
    {
        ++generation_;
        waiting_.reset();
    }
    // A job runs, waits, or has a result not yet handed to its callback (the pool thread may be done
    // while the hand-over still waits in this thread's event queue).
    bool isBusy() const { return inFlight_ || waiting_.has_value(); }
    void waitForFinished() { watcher_.waitForFinished(); }

private:
    struct Job {
        std::function<Result(const Partial&)> work;
        std::function<void(const Result&)> deliver;
        quint64 generation = 0;
    };

    void launch()
    {
        running_ = std::move(*waiting_);
        waiting_.reset();
        const quint64 launch = ++launched_;
        inFlight_ = true;
        Partial partial = [this, launch](const Result& r) {
            // Queued to this object's thread; dropped there with the watcher if it is gone.
            QMetaObject::invokeMethod(
                &watcher_,
                [this, launch, r] {
                    if (launch == launched_ && watcher_.isRunning() && running_.generation == generation_ && running_.deliver)
                        running_.deliver(r);
                },
                Qt::QueuedConnection);
        };
        watcher_.setFuture(QtConcurrent::run(backgroundJobPool(), [work = running_.work, partial] { return work(partial); }));
    }
    void onFinished()
    {
        inFlight_ = false;
        const Job done = std::move(running_);
        const Result result = watcher_.result();
        if (waiting_) launch();  // first, so that isBusy() tells the callback whether more is coming
        if (done.generation == generation_ && done.deliver) done.deliver(result);
    }

    QFutureWatcher<Result> watcher_;
    Job running_;
    std::optional<Job> waiting_;
    quint64 generation_ = 0;
    quint64 launched_ = 0;   // which launch running_ is
    bool inFlight_ = false;  // launched, its result not yet taken by onFinished
};
