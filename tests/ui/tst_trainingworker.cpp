// The training worker as the explorer window drives it, through a TrainingRun: on its own thread,
// through queued calls and signals, on a tiny generated dataset.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "analysis/Analysis.h"
#include "persistence/Checkpoint.h"
#include "data/IdxWriter.h"
#include "TestData.h"
#include "session/TrainingRun.h"

#include <QSignalSpy>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>
#endif

class TestTrainingWorker : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    QString dataDir;

    // A run and spies on its signals; the run stops and joins its thread when the harness goes.
    struct Harness {
        std::unique_ptr<TrainingRun> worker;
        std::unique_ptr<QSignalSpy> progress, epochs, models, finished;
        void start(const TrainingRequest& r)
        {
            worker = std::make_unique<TrainingRun>(r);
            progress = std::make_unique<QSignalSpy>(worker.get(), &TrainingRun::progress);
            epochs = std::make_unique<QSignalSpy>(worker.get(), &TrainingRun::epochFinished);
            models = std::make_unique<QSignalSpy>(worker.get(), &TrainingRun::modelPublished);
            finished = std::make_unique<QSignalSpy>(worker.get(), &TrainingRun::finished);
            worker->start();
        }
    };

    TrainingRequest request(int epochs)
    {
        TrainingRequest r;
        r.dataset = dataDir;
        r.epochs = epochs;
        r.batchSize = 32;
        r.progressEvery = 2;
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        dataDir = dir.filePath("digits");
        QVERIFY(QDir().mkpath(dataDir));
        const latent::DatasetSplits s = testdata::syntheticSplits(320, 80);
        testdata::writeIdxFolder(dataDir.toStdString(), s);
    }

    void trainsAndPublishesAModelPerEpoch()
    {
        Harness h;
        h.start(request(3));
        QVERIFY(h.finished->wait(120000 * testdata::slowdown()));
        QCOMPARE(h.finished->first().at(0).value<TrainingWorker::Outcome>(), TrainingWorker::Finished);
        QCOMPARE(h.epochs->size(), 3);
        QCOMPARE(h.progress->size(), 3 * 5);  // 10 steps an epoch, a report every 2
        const auto first = h.epochs->first().at(0).value<EpochSummary>();
        const auto last = h.epochs->last().at(0).value<EpochSummary>();
        QVERIFY(last.hasTest);
        QVERIFY2(last.testTotal < first.testTotal, qPrintable(QString("%1 -> %2").arg(first.testTotal).arg(last.testTotal)));
        QCOMPARE(h.models->size(), 4);  // the untrained model, then one per epoch
        QCOMPARE(h.models->first().at(0).value<ModelSnapshot>()->spec.epochsDone, 0);
        // Each published model is a private copy: the first stays as it was while training went on.
        const ModelSnapshot m1 = h.models->at(1).at(0).value<ModelSnapshot>();
        const ModelSnapshot m3 = h.models->last().at(0).value<ModelSnapshot>();
        QCOMPARE(m1->spec.epochsDone, 1);
        QCOMPARE(m3->spec.epochsDone, 3);
        const torch::Tensor z = torch::tensor({{0.5f, -0.5f}});
        QVERIFY(!torch::equal(latent::decodeImages(*m1->model, z, latent::noLabels()),
                              latent::decodeImages(*m3->model, z, latent::noLabels())));
    }

    void pauseHoldsAndStopEndsEarly()
    {
        Harness h;
        h.start(request(200));
        QVERIFY(h.progress->wait(60000 * testdata::slowdown()));
        h.worker->pause();
        QVERIFY(h.worker->isPaused());
        QTest::qWait(200);  // a step in flight may still report
        const qsizetype held = h.progress->size();
        QTest::qWait(400);
        QCOMPARE(h.progress->size(), held);
        h.worker->resume();
        QTRY_VERIFY_WITH_TIMEOUT(h.progress->size() > held, 10000 * testdata::slowdown());
        QElapsedTimer t;
        t.start();
        h.worker->stop();
        QVERIFY(h.finished->wait(5000 * testdata::slowdown()));
        QVERIFY2(t.elapsed() < 1000 * testdata::slowdown(), qPrintable(QString::number(t.elapsed())));
        QCOMPARE(h.finished->first().at(0).value<TrainingWorker::Outcome>(), TrainingWorker::Stopped);
        QVERIFY(h.epochs->size() < 200);
        QVERIFY(!h.models->isEmpty());  // what was trained so far is published
    }

    // The map computes its neighbour graph and layout before the first step and says so as it goes
    // (the window's progress bar); the form's map settings reach the checkpoint. A stop as soon as
    // the graph starts ends the run as Stopped.
    void mapReportsItsGraphAndKeepsTheFormsSettings()
    {
        Harness h;
        TrainingRequest r = request(1);
        r.model = "map";
        r.mapNeighbours = 7;
        r.minDist = 0.25;
        r.layoutWeight = 3;
        h.start(r);
        QSignalSpy preparing(h.worker.get(), &TrainingRun::preparing);
        QVERIFY(h.finished->wait(120000 * testdata::slowdown()));
        QCOMPARE(h.finished->first().at(0).value<TrainingWorker::Outcome>(), TrainingWorker::Finished);
        QStringList stages;
        double lastNeighbours = 0, lastLayout = 0;
        for (const QList<QVariant>& call : preparing) {
            const QString stage = call.at(0).toString();
            if (!stages.contains(stage)) stages << stage;
            (stage == "neighbours" ? lastNeighbours : lastLayout) = call.at(1).toDouble();
        }
        QCOMPARE(stages, (QStringList{"neighbours", "layout"}));
        QCOMPARE(lastNeighbours, 1.0);
        QCOMPARE(lastLayout, 1.0);
        const ModelSnapshot m = h.models->last().at(0).value<ModelSnapshot>();
        QCOMPARE(QString::fromStdString(m->spec.hyperParameters.at("neighbours")), QString("7"));
        QCOMPARE(QString::fromStdString(m->spec.hyperParameters.at("min-dist")), QString("0.25"));
        QCOMPARE(QString::fromStdString(m->spec.hyperParameters.at("layout-weight")), QString("3"));

        Harness stopped;
        r.epochs = 200;
        stopped.start(r);
        QSignalSpy first(stopped.worker.get(), &TrainingRun::preparing);
        QVERIFY(first.wait(60000 * testdata::slowdown()));
        stopped.worker->stop();
        QVERIFY(stopped.finished->wait(10000 * testdata::slowdown()));
        QCOMPARE(stopped.finished->first().at(0).value<TrainingWorker::Outcome>(), TrainingWorker::Stopped);
        QVERIFY(stopped.epochs->size() < 200);
    }

    void missingDatasetFailsWithMessage()
    {
        Harness h;
        TrainingRequest r = request(1);
        r.dataset = dir.filePath("nothing-here");
        h.start(r);
        QVERIFY(h.finished->wait(10000 * testdata::slowdown()));
        QCOMPARE(h.finished->first().at(0).value<TrainingWorker::Outcome>(), TrainingWorker::Failed);
        QVERIFY(h.finished->first().at(1).toString().contains("not found"));
    }
};

QTEST_GUILESS_MAIN(TestTrainingWorker)
#include "tst_trainingworker.moc"
