// One job at a time on the thread pool for the window (ui/session/BackgroundJob, torch-free): partial
// results reach the owner's thread while the job runs, a cancelled job's never do.
#ifndef Q_MOC_RUN  // moc reads the test class alone (its includes cost ~2 s a test)
#include "session/BackgroundJob.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>
#include <utility>
#include <vector>
#endif

class TestBackgroundJob : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // A background job's rough result (the coarse grid) reaches the GUI thread while the job still
    // runs, before the final one; a cancelled job's do not.
    void backgroundJobHandsOverPartialResults()
    {
        BackgroundJob<int> job;
        std::vector<std::pair<int, bool>> seen;  // value, isBusy() when delivered
        std::atomic<bool> partialSeen{false};
        auto deliver = [&](const int& v) {
            seen.emplace_back(v, job.isBusy());
            if (v == 1) partialSeen = true;
        };
        job.start(
            [&](const BackgroundJob<int>::Partial& partial) {
                partial(1);
                // Finish only once the GUI thread has shown the rough result (or after 10 s).
                for (int i = 0; i < 1000 && !partialSeen; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
                return 2;
            },
            deliver);
        QTRY_VERIFY_WITH_TIMEOUT(!job.isBusy(), 20000);
        QCOMPARE(seen.size(), size_t(2));
        QCOMPARE(seen[0], std::make_pair(1, true));
        QCOMPARE(seen[1], std::make_pair(2, false));

        seen.clear();
        std::atomic<bool> release{false};
        job.start(
            [&](const BackgroundJob<int>::Partial& partial) {
                partial(3);
                for (int i = 0; i < 1000 && !release; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
                return 4;
            },
            deliver);
        job.cancel();
        QTest::qWait(100);
        release = true;
        job.waitForFinished();
        QTest::qWait(100);
        QVERIFY(seen.empty());
    }

    // Busy until the callback has the result: the pool thread finishing is not enough, the hand-over
    // still waits in this thread's queue (a window test read "done" there and found no points yet).
    void busyUntilTheResultIsHandedOver()
    {
        BackgroundJob<int> job;
        int delivered = 0;
        job.start([] { return 5; }, [&](const int& v) { delivered = v; });
        job.waitForFinished();  // the work is done; no event processed yet
        QVERIFY(job.isBusy());
        QCOMPARE(delivered, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!job.isBusy(), 5000);
        QCOMPARE(delivered, 5);
    }
};

QTEST_GUILESS_MAIN(TestBackgroundJob)
#include "tst_backgroundjob.moc"
