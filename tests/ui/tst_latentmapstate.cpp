// The latent map's state without a window (LatentMapState): where a code lands in the view and
// back, what fitting, zooming and panning keep fixed, which points a thinned or filtered map still
// draws and can hit, where each class's label sits and which grid cell lies under the mouse.
#ifndef Q_MOC_RUN  // moc reads the test class alone (its includes cost ~2 s a test)
#include "widgets/LatentMapState.h"

#include <QtTest>

#include <cmath>
#include <map>
#endif

namespace {

// count codes in 2 dims: class l's points around (3l, -2l) on a ring of radius 1 (i/count turns),
// so that each class is a compact cluster apart from the others.
std::shared_ptr<LatentCodes> ringCodes(const std::vector<int>& perClass, int dim = 2)
{
    auto codes = std::make_shared<LatentCodes>();
    codes->dim = dim;
    for (int l = 0; l < int(perClass.size()); ++l)
        for (int i = 0; i < perClass[size_t(l)]; ++i) {
            const double a = 2 * M_PI * i / perClass[size_t(l)];
            codes->labels.push_back(l);
            codes->mean.push_back(float(3 * l + std::cos(a)));
            codes->mean.push_back(float(-2 * l + std::sin(a)));
            for (int d = 2; d < dim; ++d) codes->mean.push_back(float(d));
        }
    codes->count = int(codes->labels.size());
    return codes;
}

// An n x n grid's centres: uniform over [-3, 3], or spread like Gaussian quantiles (tiles grow outwards).
DecodedGrid gridOf(int n, bool gaussian)
{
    DecodedGrid g;
    g.n = n;
    for (int i = 0; i < n; ++i) {
        const double u = -1 + 2.0 * (i + 0.5) / n;
        const double v = gaussian ? 3 * u * std::abs(u) : 3 * u;
        g.xs.push_back(v);
        g.ys.insert(g.ys.begin(), v);  // descending: row 0 at the top
    }
    return g;
}

void compareNear(const QPointF& a, const QPointF& b, double tolerance = 1e-9)
{
    if (std::abs(a.x() - b.x()) > tolerance || std::abs(a.y() - b.y()) > tolerance)
        QFAIL(qPrintable(QStringLiteral("(%1, %2) != (%3, %4)").arg(a.x()).arg(a.y()).arg(b.x()).arg(b.y())));
}

}  // namespace

class TestLatentMapState : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void viewAndLatentCoordinatesRoundTrip_data()
    {
        QTest::addColumn<QSizeF>("size");
        QTest::addColumn<QRectF>("area");
        QTest::newRow("square view, square area") << QSizeF(400, 400) << QRectF(-3, -3, 6, 6);
        QTest::newRow("wide view, tall area") << QSizeF(800, 300) << QRectF(-1, -10, 2, 20);
        QTest::newRow("tall view, tiny area") << QSizeF(250, 700) << QRectF(100.5, 100.5, 1e-3, 2e-3);
    }
    void viewAndLatentCoordinatesRoundTrip()
    {
        QFETCH(QSizeF, size);
        QFETCH(QRectF, area);
        LatentMapState map;
        map.setViewSize(size);
        QVERIFY(map.setVisibleArea(area));
        // The asked area fits whole, centred, at one scale on both axes, y up.
        const QRectF shown = map.visibleArea();
        QVERIFY(shown.width() >= area.width() * (1 - 1e-9) && shown.height() >= area.height() * (1 - 1e-9));
        QVERIFY(std::abs(shown.width() / shown.height() - size.width() / size.height()) < 1e-6);
        compareNear(map.latentAt(QPointF(size.width() / 2, size.height() / 2)), area.center(), 1e-9 * (1 + area.width()));
        QVERIFY(map.latentAt(QPointF(0, 0)).y() > map.latentAt(QPointF(0, size.height())).y());
        for (const QPointF p : {QPointF(0, 0), QPointF(size.width(), 17), QPointF(3.5, size.height())})
            compareNear(map.viewAt(map.latentAt(p)), p, 1e-6);
        QVERIFY(!map.setVisibleArea(QRectF(0, 0, 0, 1)));  // empty: nothing changes
        QCOMPARE(map.visibleArea(), shown);
    }

    void fittingShowsEveryCodeAndFollowsThem()
    {
        LatentMapState map;
        map.setViewSize(QSizeF(500, 300));
        map.setCodes(ringCodes({50, 50, 50}));
        const QRectF codes = map.codes()->bounds(0, 1);
        QVERIFY(map.visibleArea().contains(codes));
        QVERIFY(map.visibleArea().height() < codes.height() * 1.2);  // a margin, not a lot of empty room
        // While following, new codes and a new size refit; after a zoom neither does, until fitToData.
        map.setCodes(ringCodes({50, 50, 50, 50, 50}));
        QVERIFY(map.visibleArea().contains(map.codes()->bounds(0, 1)));
        map.zoomAbout(QPointF(250, 150), 2.0);
        QVERIFY(!map.followsData());
        const QRectF zoomed = map.visibleArea();
        map.setCodes(ringCodes({50, 50}));
        map.setViewSize(QSizeF(500, 300));
        QCOMPARE(map.visibleArea(), zoomed);
        map.fitToData();
        QVERIFY(map.followsData());
        QVERIFY(map.visibleArea().contains(map.codes()->bounds(0, 1)));
        // Without codes: the grid's extent, else [-3, 3] both ways.
        map.clear();
        map.fitToData();
        QVERIFY(map.visibleArea().contains(QRectF(-3, -3, 6, 6)));
        map.setGrid(gridOf(5, false));
        map.fitToData();
        QVERIFY(map.visibleArea().contains(QRectF(-2.4, -2.4, 4.8, 4.8)));
    }

    // The class legend's column at the right edge stays free of points after a fit, for wide and
    // for tall views; the points still fill the rest.
    void fittingLeavesTheLegendColumnFree_data()
    {
        QTest::addColumn<QSizeF>("size");
        QTest::addColumn<double>("legend");
        QTest::newRow("wide view") << QSizeF(800, 400) << 120.0;
        QTest::newRow("square view") << QSizeF(400, 400) << 120.0;
        QTest::newRow("narrow view, half kept") << QSizeF(200, 400) << 150.0;
    }
    void fittingLeavesTheLegendColumnFree()
    {
        QFETCH(QSizeF, size);
        QFETCH(double, legend);
        LatentMapState map;
        map.setLegendWidth(legend);
        map.setViewSize(size);
        map.setCodes(ringCodes({40, 40, 40, 40}));
        const double free = std::max(size.width() - legend, size.width() / 2);
        double right = 0, left = size.width(), top = size.height(), bottom = 0;
        for (int i = 0; i < map.pointCount(); ++i) {
            const QPointF v = map.viewAt(map.codePoint(i));
            right = std::max(right, v.x()), left = std::min(left, v.x());
            top = std::min(top, v.y()), bottom = std::max(bottom, v.y());
        }
        QVERIFY2(right <= free, qPrintable(QString::number(right)));
        QVERIFY(left >= 0 && top >= 0 && bottom <= size.height());
        // The codes fill the free part along their limiting side (6 % margins).
        QVERIFY(right - left > 0.8 * free || bottom - top > 0.8 * size.height());
    }

    // A lasso selects every code inside its polygon (odd-even rule, as a crossing count finds
    // it) whose class is shown, drawn or not; thinning the points or showing a class alone
    // afterwards leaves the selection as it was.
    void lassoSelectsTheCodesInsideItsPolygon_data()
    {
        QTest::addColumn<QPolygonF>("lasso");  // in view pixels (a 600 x 400 view)
        QTest::newRow("triangle") << QPolygonF({QPointF(20, 20), QPointF(580, 60), QPointF(200, 380)});
        QTest::newRow("concave U") << QPolygonF({QPointF(10, 10), QPointF(590, 10), QPointF(590, 390), QPointF(400, 390), QPointF(400, 150),
                                                 QPointF(200, 150), QPointF(200, 390), QPointF(10, 390)});
        QTest::newRow("bow tie") << QPolygonF({QPointF(0, 0), QPointF(600, 400), QPointF(600, 0), QPointF(0, 400)});
        QTest::newRow("a line: nothing") << QPolygonF({QPointF(0, 0), QPointF(600, 400)});
    }
    void lassoSelectsTheCodesInsideItsPolygon()
    {
        QFETCH(QPolygonF, lasso);
        LatentMapState map;
        map.setViewSize(QSizeF(600, 400));
        map.setCodes(ringCodes({60, 60, 60, 60, 60}));
        map.setLabelVisible(3, false);
        auto crossings = [&](const QPointF& p) {  // the even-odd rule, counted directly
            bool inside = false;
            for (int i = 0, j = int(lasso.size()) - 1; i < int(lasso.size()); j = i++) {
                const QPointF a = lasso[i], b = lasso[j];
                if ((a.y() > p.y()) != (b.y() > p.y()) && p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x())
                    inside = !inside;
            }
            return inside;
        };
        std::vector<int> expected;
        for (int i = 0; i < map.pointCount(); ++i)
            if (map.codes()->labels[size_t(i)] != 3 && lasso.size() >= 3 && crossings(map.viewAt(map.codePoint(i)))) expected.push_back(i);
        const std::vector<int> inside = map.codesInside(lasso);
        QCOMPARE(inside, expected);
        map.setSelection(inside);
        std::vector<int> perClass(5, 0);
        for (int i : expected) ++perClass[size_t(map.codes()->labels[size_t(i)])];
        QCOMPARE(map.selectionPerClass(), perClass);
        map.setPointLimit(20);
        map.showOnlyLabel(1);
        QCOMPARE(map.selection(), expected);
        map.setCodes(ringCodes({60, 60, 60, 60, 60}));  // the same digits' new codes keep it
        QCOMPARE(map.selection(), expected);
        if (!expected.empty()) QVERIFY(map.isSelected(expected.front()) && !map.isSelected(-1));
        map.setCodes(ringCodes({10, 10}));  // other digits: it names none of them
        if (!expected.empty() && expected.back() >= 20) QVERIFY(map.selection().empty());
    }

    // The replay's frames stand in for the codes, over no grid and without the selection, in a held
    // area; what arrives meanwhile (new codes, the grid's switch, a selection) is what comes back at
    // the end, fitted again.
    void replayHoldsTheLiveMapAside()
    {
        LatentMapState map;
        map.setViewSize(QSizeF(400, 300));
        map.setCodes(ringCodes({10, 10, 10}));
        map.setGrid(gridOf(3, false));
        map.setSelection({1, 12});
        map.beginReplay(QRectF(-1, -1, 2, 2));
        QVERIFY(map.isReplaying() && !map.gridVisible() && map.selection().empty() && !map.followsData());
        const QRectF held = map.visibleArea();
        QVERIFY(held.contains(QRectF(-1, -1, 2, 2)));
        const std::shared_ptr<const LatentCodes> frame = ringCodes({5, 5});
        map.setReplayFrame(frame);
        QCOMPARE(map.pointCount(), 10);
        QCOMPARE(map.classCount(), 2);
        QCOMPARE(map.visibleArea(), held);
        const std::shared_ptr<const LatentCodes> newer = ringCodes({20, 20, 20});
        QVERIFY(!map.setCodes(newer));  // kept for the end
        QCOMPARE(map.codes(), frame);
        map.setGridVisible(false);
        map.setSelection({2, 45});
        map.endReplay();
        QVERIFY(!map.isReplaying() && !map.gridVisible() && map.followsData());
        QCOMPARE(map.codes(), newer);
        QCOMPARE(map.selection(), std::vector<int>({2, 45}));
        QVERIFY(map.visibleArea().contains(newer->bounds(0, 1)));
    }

    void selectionIsSortedUniqueAndInRange()
    {
        LatentMapState map;
        map.setCodes(ringCodes({5, 5}));
        map.setSelection({7, 2, 7, -1, 10, 3});
        QCOMPARE(map.selection(), std::vector<int>({2, 3, 7}));
        QCOMPARE(map.selectionPerClass(), std::vector<int>({2, 1}));
    }

    void zoomKeepsThePointUnderTheMouse_data()
    {
        QTest::addColumn<QPointF>("mouse");
        QTest::addColumn<double>("factor");
        QTest::newRow("in, at a corner") << QPointF(10, 20) << 1.2;
        QTest::newRow("out, off centre") << QPointF(350, 80) << 1 / 1.2;
        QTest::newRow("far in, at the centre") << QPointF(200, 150) << 1000.0;
    }
    void zoomKeepsThePointUnderTheMouse()
    {
        QFETCH(QPointF, mouse);
        QFETCH(double, factor);
        LatentMapState map;
        map.setViewSize(QSizeF(400, 300));
        map.setCodes(ringCodes({20, 20}));
        const QPointF before = map.latentAt(mouse);
        const double scale = map.scale();
        map.zoomAbout(mouse, factor);
        compareNear(map.latentAt(mouse), before, 1e-9);
        QVERIFY(std::abs(map.scale() / scale - factor) < 1e-9);
    }

    void panMovesTheMapWithTheMouse()
    {
        LatentMapState map;
        map.setViewSize(QSizeF(400, 300));
        map.setCodes(ringCodes({20, 20}));
        const QPointF grabbed = map.latentAt(QPointF(100, 100));
        map.panBy(QPointF(30, -12));
        compareNear(map.latentAt(QPointF(130, 88)), grabbed, 1e-9);
        QVERIFY(!map.followsData());
    }

    void thinningKeepsEveryClassShare_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addColumn<QList<int>>("expected");  // drawn per class of {900, 90, 10}
        QTest::newRow("all") << -1 << QList<int>{900, 90, 10};
        QTest::newRow("none") << 0 << QList<int>{0, 0, 0};
        QTest::newRow("about 100") << 100 << QList<int>{90, 9, 1};
        QTest::newRow("about 10: a rare class keeps one") << 10 << QList<int>{9, 1, 1};
        QTest::newRow("more than there are") << 5000 << QList<int>{900, 90, 10};
    }
    void thinningKeepsEveryClassShare()
    {
        QFETCH(int, limit);
        QFETCH(QList<int>, expected);
        LatentMapState map;
        map.setCodes(ringCodes({900, 90, 10}));
        map.setPointLimit(limit);
        std::map<int, int> drawn;
        for (int i = 0; i < map.pointCount(); ++i) drawn[map.codes()->labels[size_t(i)]] += map.isPointDrawn(i);
        for (int l = 0; l < 3; ++l) QCOMPARE(drawn[l], expected[l]);
        QCOMPARE(map.visiblePointCount(), expected[0] + expected[1] + expected[2]);
        // Spread over the class (its ring), not its first codes: the drawn points of class 0 reach
        // both sides of its ring.
        if (expected[0] > 2) {
            double lo = 1e9, hi = -1e9;
            for (int i = 0; i < 900; ++i)
                if (map.isPointDrawn(i)) lo = std::min(lo, map.codePoint(i).x()), hi = std::max(hi, map.codePoint(i).x());
            QVERIFY(hi - lo > 1.9);
        }
    }

    void hiddenClassesAreNeitherDrawnNorHit()
    {
        LatentMapState map;
        map.setViewSize(QSizeF(600, 600));
        map.setCodes(ringCodes({30, 30, 30, 30}));
        map.setPointLimit(-1);
        const int onRing = 30 * 2;  // a point of class 2
        const QPointF at = map.viewAt(map.codePoint(onRing));
        QCOMPARE(map.pointAt(at, 6.0), onRing);
        map.setLabelVisible(2, false);
        QVERIFY(!map.isPointDrawn(onRing));
        QCOMPARE(map.pointAt(at, 6.0), -1);
        QCOMPARE(map.visiblePointCount(), 90);
        map.setLabelVisible(2, true);
        // Alone: only class 1; asked again: every class.
        map.showOnlyLabel(1);
        QCOMPARE(map.visiblePointCount(), 30);
        QVERIFY(map.isLabelVisible(1) && !map.isLabelVisible(0) && !map.isLabelVisible(3));
        map.showOnlyLabel(1);
        QCOMPARE(map.visiblePointCount(), 120);
        // Labels outside 0..31 are always shown; hiding one is ignored.
        map.setLabelVisible(40, false);
        QVERIFY(map.isLabelVisible(40));
    }

    void theNearestDrawnPointWithinTheRadiusIsHit()
    {
        auto codes = std::make_shared<LatentCodes>();
        codes->dim = 2;
        codes->count = 3;
        codes->labels = {0, 1, 2};
        codes->mean = {0.f, 0.f, 0.1f, 0.f, 5.f, 5.f};
        LatentMapState map;
        map.setViewSize(QSizeF(400, 400));
        map.setCodes(codes);
        map.setVisibleArea(QRectF(-1, -1, 2, 2));  // 200 px a unit: the first two 20 px apart
        QCOMPARE(map.pointAt(map.viewAt(QPointF(0.02, 0)), 6.0), 0);
        QCOMPARE(map.pointAt(map.viewAt(QPointF(0.08, 0)), 6.0), 1);
        QCOMPARE(map.pointAt(map.viewAt(QPointF(0.04, 0.2)), 6.0), -1);  // 40 px from the nearest
        QCOMPARE(map.pointAt(map.viewAt(QPointF(0.04, 0.2)), 50.0), 0);  // a wider radius reaches it
        QCOMPARE(map.pointAt(map.viewAt(QPointF(5, 5)), 6.0), 2);        // outside the view too
    }

    void classMediansIgnoreStrayCodes()
    {
        auto codes = ringCodes({40, 40});
        // One stray code of class 0 far away: the label stays at the cluster.
        auto stray = std::make_shared<LatentCodes>(*codes);
        stray->labels.push_back(0);
        stray->mean.push_back(1000.f);
        stray->mean.push_back(1000.f);
        stray->count += 1;
        LatentMapState map;
        map.setPointLimit(-1);
        map.setCodes(stray);
        const auto medians = map.classMedians();
        QCOMPARE(int(medians.size()), 2);
        QCOMPARE(medians[0].first, 0);
        compareNear(medians[0].second, QPointF(0, 0), 0.2);
        compareNear(medians[1].second, QPointF(3, -2), 0.2);
        // A hidden class has no label.
        map.setLabelVisible(0, false);
        QCOMPARE(int(map.classMedians().size()), 1);
        QCOMPARE(map.classMedians()[0].first, 1);
    }

    void theCellUnderTheMouseIsTheOneDrawnThere_data()
    {
        QTest::addColumn<bool>("gaussian");
        QTest::newRow("uniform grid") << false;
        QTest::newRow("Gaussian quantiles") << true;
    }
    void theCellUnderTheMouseIsTheOneDrawnThere()
    {
        QFETCH(bool, gaussian);
        LatentMapState map;
        map.setViewSize(QSizeF(420, 420));
        map.setGrid(gridOf(7, gaussian));
        map.fitToData();
        for (int cell = 0; cell < 49; ++cell) {
            const QRectF r = map.cellRect(cell);
            QVERIFY(r.width() > 0 && r.height() > 0);
            QCOMPARE(map.cellAt(r.center()), cell);
            // Its decoded centre lies inside it: column from xs, row from ys (row 0 at the top).
            QVERIFY(r.contains(map.viewAt(QPointF(map.grid().xs[size_t(cell % 7)], map.grid().ys[size_t(cell / 7)]))));
        }
        QVERIFY(map.cellRect(0).top() < map.cellRect(48).top());  // row 0 is drawn at the top
        QCOMPARE(map.cellAt(map.cellRect(0).topLeft() - QPointF(5, 5)), -1);
        QCOMPARE(map.cellRect(49), QRectF());
        map.setGridVisible(false);
        QCOMPARE(map.cellAt(map.cellRect(24).center()), -1);
    }

    void dimsFollowWhatTheCodesHave()
    {
        LatentMapState map;
        map.setCodes(ringCodes({10}, 4));
        QVERIFY(map.setDims(2, 3));
        QVERIFY(!map.setDims(2, 3));  // the same pair: no change
        QVERIFY(map.plotsCodes());
        compareNear(map.codePoint(0), QPointF(2, 3));
        map.setCodes(ringCodes({10}, 2));  // fewer dims: back to the first two
        QCOMPARE(map.dimX(), 0);
        QCOMPARE(map.dimY(), 1);
        auto empty = std::make_shared<LatentCodes>();  // no dims yet (codes on their way): keep the pair
        map.setDims(1, 0);
        map.setCodes(empty);
        QCOMPARE(map.dimX(), 1);
        QVERIFY(!map.plotsCodes());
        QCOMPARE(map.pointAt(QPointF(0, 0), 100), -1);
        QVERIFY(map.classMedians().empty());
    }
};

QTEST_GUILESS_MAIN(TestLatentMapState)
#include "tst_latentmapstate.moc"
