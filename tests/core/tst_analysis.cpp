// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "analysis/Analysis.h"
#include "analysis/Generation.h"
#include "analysis/NearestRows.h"
#include "data/DatasetLocator.h"
#include "data/IdxReader.h"
#include "models/MlpVae.h"
#include "TestData.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

Q_DECLARE_METATYPE(torch::Tensor)
#endif

using namespace latent;

class TestAnalysis : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pcaFindsKnownDirections()
    {
        // Points spread with std 5 along u, 2 along v, ~0 elsewhere, in 6 dims, offset by c.
        torch::manual_seed(0);
        const torch::Tensor u = torch::tensor({1.f, 1.f, 0.f, 0.f, 0.f, 0.f}) / std::sqrt(2.f);
        const torch::Tensor v = torch::tensor({0.f, 0.f, 0.f, 1.f, 0.f, 0.f});
        const torch::Tensor c = torch::tensor({3.f, -1.f, 2.f, 0.f, 5.f, 1.f});
        const int64_t n = 20000;
        const torch::Tensor data = torch::randn({n, 1}) * 5 * u + torch::randn({n, 1}) * 2 * v + c + 0.01 * torch::randn({n, 6});
        const Pca pca = Pca::fit(data, 2);
        QVERIFY(std::abs(pca.components()[0].dot(u).abs().item<double>() - 1) < 1e-3);
        QVERIFY(std::abs(pca.components()[1].dot(v).abs().item<double>() - 1) < 1e-3);
        QVERIFY(std::abs(pca.explainedVariance()[0].item<double>() - 25) < 1.0);
        QVERIFY(std::abs(pca.explainedVariance()[1].item<double>() - 4) < 0.2);
        QVERIFY((pca.mean() - c).abs().max().item<double>() < 0.1);
        // Two components reconstruct this data almost exactly; one does not.
        const double err2 = (pca.inverseTransform(pca.transform(data)) - data).square().mean().item<double>();
        const Pca one = Pca::fit(data, 1);
        const double err1 = (one.inverseTransform(one.transform(data)) - data).square().mean().item<double>();
        QVERIFY(err2 < 1e-3);
        QVERIFY(err1 > 0.5);
    }
    void knnOnSeparatedAndMixedClusters()
    {
        torch::manual_seed(0);
        const torch::Tensor centres = torch::tensor({{0.f, 0.f}, {10.f, 0.f}, {0.f, 10.f}});
        auto sample = [&](int64_t n) {
            const torch::Tensor y = torch::randint(0, 3, {n}, torch::kLong);
            return std::make_pair(centres.index_select(0, y) + torch::randn({n, 2}), y);
        };
        auto [trX, trY] = sample(600);
        auto [teX, teY] = sample(300);
        QCOMPARE(knnAccuracy(trX, trY, teX, teY, 5), 1.0);
        // Labels unrelated to position: near chance (1/3).
        const torch::Tensor shuffled = torch::randint(0, 3, {600}, torch::kLong);
        const double chance = knnAccuracy(trX, shuffled, teX, teY, 5);
        QVERIFY2(chance > 0.2 && chance < 0.47, qPrintable(QString::number(chance)));
    }
    void silhouetteOfSeparatedAndMixedClusters()
    {
        torch::manual_seed(0);
        const torch::Tensor labels = torch::arange(600).remainder(3);
        const torch::Tensor centres = torch::tensor({{0.f, 0.f}, {10.f, 0.f}, {0.f, 10.f}});
        const torch::Tensor tight = centres.index_select(0, labels) + 0.1 * torch::randn({600, 2});
        QVERIFY(latent::silhouetteScore(tight, labels) > 0.95);
        const torch::Tensor mixed = torch::randn({600, 2});
        QVERIFY(std::abs(latent::silhouetteScore(mixed, labels)) < 0.05);
        // Subsampling keeps the figure.
        QVERIFY(std::abs(latent::silhouetteScore(tight, labels, 150) - latent::silhouetteScore(tight, labels)) < 0.02);
    }

    void generationIsSeededAndInterpolationEndsAtTheEnds()
    {
        QVERIFY(torch::equal(latent::samplePrior(5, 3, 1), latent::samplePrior(5, 3, 1)));
        QVERIFY(!torch::equal(latent::samplePrior(5, 3, 1), latent::samplePrior(5, 3, 2)));
        const torch::Tensor z0 = torch::tensor({3.f, 0.f}), z1 = torch::tensor({0.f, 1.f});
        for (bool spherical : {false, true}) {
            const torch::Tensor path = latent::interpolatePath(z0, z1, 5, spherical);
            QCOMPARE(path.size(0), 5);
            QVERIFY(torch::allclose(path[0], z0, 1e-5, 1e-5));
            QVERIFY(torch::allclose(path[4], z1, 1e-5, 1e-5));
        }
        // Slerp moves along the arc: the midpoint's norm is the mean of the ends' (2), linear cuts inside.
        QVERIFY(std::abs(latent::interpolatePath(z0, z1, 3, true)[1].norm().item<double>() - 2.0) < 1e-4);
        QVERIFY(latent::interpolatePath(z0, z1, 3, false)[1].norm().item<double>() < 1.7);
        const torch::Tensor jitter = latent::jitterCode(z0, 1000, 0.5, 3);
        QVERIFY(std::abs(jitter.std(0)[0].item<double>() - 0.5) < 0.05);
        QVERIFY(torch::allclose(jitter.mean(0), z0, 0.05, 0.05));
        const torch::Tensor sheet = latent::imageSheet(torch::rand({5, 28, 28}), 2);
        QCOMPARE(sheet.size(0), 3 * 28 + 2 * 2);
        QCOMPARE(sheet.size(1), 2 * 28 + 2);
    }

    // A clicked digit's neighbours are exactly the brute force's: every row measured in double,
    // sorted by distance then index, the row itself left out.
    void nearestRowsMatchBruteForce_data()
    {
        QTest::addColumn<torch::Tensor>("points");
        QTest::addColumn<int>("query");
        QTest::addColumn<int>("k");
        torch::manual_seed(4);
        const torch::Tensor codes = torch::randn({500, 3});
        const torch::Tensor pixels = torch::randint(0, 256, {300, 28, 28}, torch::kUInt8);
        // Few distinct values: many rows at the same distance (the tie rule decides).
        const torch::Tensor grid = torch::randint(0, 3, {200, 2}).to(torch::kFloat);
        QTest::newRow("codes, first row") << codes << 0 << 8;
        QTest::newRow("codes, last row") << codes << 499 << 8;
        QTest::newRow("uint8 digits") << pixels << 17 << 8;
        QTest::newRow("ties") << grid << 5 << 12;
        QTest::newRow("k above the rows") << codes.narrow(0, 0, 6) << 2 << 8;
    }
    void nearestRowsMatchBruteForce()
    {
        QFETCH(torch::Tensor, points);
        QFETCH(int, query);
        QFETCH(int, k);
        const torch::Tensor rows = points.reshape({points.size(0), -1}).to(torch::kDouble);
        std::vector<std::pair<double, int64_t>> all;
        for (int64_t i = 0; i < rows.size(0); ++i)
            if (i != query) all.emplace_back((rows[i] - rows[query]).square().sum().item<double>(), i);
        std::sort(all.begin(), all.end());
        const NearestRows found = nearestRows(points, query, k);
        const size_t want = std::min<size_t>(size_t(k), all.size());
        QCOMPARE(found.index.size(), want);
        for (size_t i = 0; i < want; ++i) {
            QCOMPARE(found.index[i], all[i].second);
            QVERIFY(std::abs(found.distance[i] - std::sqrt(all[i].first)) <= 1e-4 * (1 + std::sqrt(all[i].first)));
        }
    }
    void nearestRowsRefuseARowOutside()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, nearestRows(torch::zeros({4, 2}), 4, 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, nearestRows(torch::zeros({4, 2}), -1, 2));
    }

    void psnrOfKnownError()
    {
        const torch::Tensor ref = torch::zeros({2, 4, 4});
        // MSE 0.01 -> 20 dB; an exact copy counts as 100 dB.
        QVERIFY(std::abs(psnr(torch::full({2, 4, 4}, 0.1), ref) - 20.0) < 1e-6);
        QCOMPARE(psnr(ref, ref), 100.0);
    }
    void gridCoordinatesPutLargestYOnTop()
    {
        GridOptions g;
        g.n = 3;
        g.range = 2;
        const std::vector<float> z = gridCoordinates(g, 2);
        QCOMPARE(int(z.size()), 18);
        QCOMPARE(z[0], -2.f);  // top-left: x = -2, y = +2
        QCOMPARE(z[1], 2.f);
        QCOMPARE(z[16], 2.f);  // bottom-right: x = +2, y = -2
        QCOMPARE(z[17], -2.f);
        g.gaussianQuantiles = true;
        const std::vector<float> q = gridCoordinates(g, 2);
        QVERIFY(std::abs(q[0] + 1.6449f) < 1e-3);  // Phi^-1(0.05)
        QVERIFY(std::abs(q[2]) < 1e-6);            // Phi^-1(0.5)
        // Higher latent sizes: chosen dims vary, the others hold their base values.
        g.gaussianQuantiles = false;
        g.dimX = 2;
        g.dimY = 0;
        g.base = {9.f, 7.f, 9.f};
        const std::vector<float> z3 = gridCoordinates(g, 3);
        QCOMPARE(z3[1], 7.f);
        QCOMPARE(z3[2], -2.f);
        QCOMPARE(z3[0], 2.f);
    }
    void decodedGridChangesWithThePoint()
    {
        torch::manual_seed(0);
        MlpVae m;
        GridOptions g;
        g.n = 4;
        const torch::Tensor grid = decodeGrid(*m, 2, g);
        QCOMPARE(grid.sizes().vec(), (std::vector<int64_t>{112, 112}));
        QCOMPARE(grid.scalar_type(), torch::kUInt8);
        // Cell (0,0) is exactly the decode of its coordinates, and differs from cell (3,3).
        const torch::Tensor cell = decodeImages(*m, torch::tensor({{-3.f, 3.f}}), noLabels())[0];
        const torch::Tensor expected = cell.mul(255).round().to(torch::kUInt8);
        QVERIFY(torch::equal(grid.narrow(0, 0, 28).narrow(1, 0, 28), expected));
        QVERIFY(!torch::equal(grid.narrow(0, 0, 28).narrow(1, 0, 28), grid.narrow(0, 84, 28).narrow(1, 84, 28)));
    }
};

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
