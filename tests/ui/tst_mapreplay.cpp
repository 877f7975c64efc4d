// The replay's frames without a window (MapReplay): each snapshot as saved at its epoch, straight
// lines between neighbouring snapshots, held at the ends, the digits' labels by row, and one box
// that holds every frame.
#ifndef Q_MOC_RUN  // moc reads the test class alone (its includes cost ~2 s a test)
#include "widgets/MapReplay.h"

#include <QtTest>
#endif

namespace {
// Three digits (test indices 4, 1, 7) in 2 dims, at epochs 0, 0.5 and 2: digit row r at
// (e + r, 10 * e - r), so every coordinate is known.
latent::TrainingHistory threeDigits()
{
    latent::TrainingHistory h;
    h.digits = {4, 1, 7};
    h.dim = 2;
    for (const double e : {0.0, 0.5, 2.0}) {
        latent::TrainingHistory::MapSnapshot s{e, {}};
        for (int r = 0; r < 3; ++r) s.codes.insert(s.codes.end(), {float(e + r), float(10 * e - r)});
        h.snapshots.push_back(s);
    }
    return h;
}
}  // namespace

class TestMapReplay : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void framesFollowTheSnapshots_data()
    {
        QTest::addColumn<double>("epoch");
        QTest::addColumn<double>("x0");  // row 0's x
        QTest::addColumn<double>("y2");  // row 2's y
        QTest::newRow("first snapshot") << 0.0 << 0.0 << -2.0;
        QTest::newRow("between the first two") << 0.25 << 0.25 << 0.5;  // halfway: (0 + 0.5) / 2, (-2 + 3) / 2
        QTest::newRow("a snapshot inside") << 0.5 << 0.5 << 3.0;
        QTest::newRow("between the last two") << 1.25 << 1.25 << 10.5;  // halfway from 0.5 to 2
        QTest::newRow("last snapshot") << 2.0 << 2.0 << 18.0;
        QTest::newRow("before: held at the first") << -1.0 << 0.0 << -2.0;
        QTest::newRow("after: held at the last") << 9.0 << 2.0 << 18.0;
    }
    void framesFollowTheSnapshots()
    {
        QFETCH(double, epoch);
        QFETCH(double, x0);
        QFETCH(double, y2);
        std::vector<int> labels(10, 0);
        labels[4] = 3, labels[1] = 8, labels[7] = 5;
        const MapReplay replay(threeDigits(), labels);
        QVERIFY(replay.canPlay());
        QCOMPARE(replay.firstEpoch(), 0.0);
        QCOMPARE(replay.lastEpoch(), 2.0);
        const auto frame = replay.frameAt(epoch);
        QCOMPARE(frame->count, 3);
        QCOMPARE(frame->dim, 2);
        QCOMPARE(frame->labels, std::vector<int>({3, 8, 5}));
        QVERIFY(std::abs(frame->at(0, 0) - x0) < 1e-5);
        QVERIFY(std::abs(frame->at(2, 1) - y2) < 1e-5);
        QCOMPARE(replay.testIndex(2), 7);
    }

    void theHeldBoxContainsEveryFrame()
    {
        const MapReplay replay(threeDigits(), std::vector<int>(10, 0));
        const QRectF box = replay.bounds(0, 1);
        for (double e = 0; e <= 2.0; e += 0.125) QVERIFY(box.adjusted(-1e-6, -1e-6, 1e-6, 1e-6).contains(replay.frameAt(e)->bounds(0, 1)));
        QCOMPARE(box.left(), 0.0);
        QCOMPARE(box.bottom(), 20.0);  // row 0 at epoch 2: y = 20
    }

    // One snapshot, or snapshots that do not fit their digits: nothing to play.
    void aHistoryWithoutTwoGoodSnapshotsDoesNotPlay()
    {
        latent::TrainingHistory h = threeDigits();
        h.snapshots[1].codes.pop_back();
        h.snapshots.pop_back();
        QVERIFY(!MapReplay(h, std::vector<int>(10, 0)).canPlay());
        QVERIFY(!MapReplay().canPlay());
    }
};

QTEST_GUILESS_MAIN(TestMapReplay)
#include "tst_mapreplay.moc"
