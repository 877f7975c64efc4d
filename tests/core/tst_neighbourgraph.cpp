// The separated map's neighbour graph (analysis/NeighbourGraph): the search against brute force,
// UMAP's memberships and their fuzzy union.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "TestData.h"
#include "analysis/NeighbourGraph.h"

#include "runtime/TorchHeaders.h"

#include <QtTest>

#include <cmath>
#include <set>
#endif

using namespace latent;

namespace {
// Generated digits as [N, 784] floats, with noise: the generator draws only 250 distinct images,
// and a graph over exact duplicates tests ties more than neighbours.
torch::Tensor digitRows(int64_t n, uint64_t seed)
{
    const torch::Tensor clean = testdata::syntheticDigits(n, seed).images.reshape({n, -1}).to(torch::kFloat32).div(255.0);
    return (clean + 0.2 * torch::rand_like(clean)).clamp(0, 1);
}

// The share of each row's true neighbours that a search found.
double recall(const NeighbourList& found, const NeighbourList& truth)
{
    int64_t hits = 0;
    const auto f = found.indices.accessor<int64_t, 2>(), t = truth.indices.accessor<int64_t, 2>();
    for (int64_t i = 0; i < truth.size(); ++i) {
        std::set<int64_t> row;
        for (int64_t j = 0; j < found.indices.size(1); ++j) row.insert(f[i][j]);
        for (int64_t j = 0; j < truth.indices.size(1); ++j) hits += row.count(t[i][j]);
    }
    return double(hits) / double(truth.indices.numel());
}
}  // namespace

class TestNeighbourGraph : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { at::set_num_threads(2); }

    // In pixels the blocked search is exact: the same neighbours in the same order and the same
    // distances as every pair sorted, whatever the block size (one that does not divide N).
    void pixelSearchEqualsBruteForce()
    {
        const torch::Tensor x = digitRows(700, 4);
        const NeighbourList truth = bruteForceNeighbours(x, 15);
        for (int64_t block : {64, 333, 2048}) {
            NeighbourSearchOptions o;
            o.pcaComponents = 0;
            o.blockRows = block;
            const NeighbourList found = nearestNeighbours(x, o);
            QCOMPARE(found.indices.sizes(), (std::vector<int64_t>{700, 15}));
            // Equal distances may come in either order: compare the distances, and the sets by recall.
            QVERIFY2(torch::allclose(found.distances, truth.distances, 1e-4, 1e-3),
                     qPrintable(QString::number((found.distances - truth.distances).abs().max().item<double>())));
            QVERIFY(recall(found, truth) > 0.999);
            QVERIFY(!(found.indices == torch::arange(700).unsqueeze(1)).any().item<bool>());  // never itself
        }
    }

    // The default search ranks by 50 principal components and re-ranks 30 candidates in pixels:
    // nearly all true neighbours, the distances in pixels, ascending.
    void projectedSearchFindsTheTrueNeighbours()
    {
        const torch::Tensor x = digitRows(1500, 5);
        const NeighbourList truth = bruteForceNeighbours(x, 15);
        const NeighbourList found = nearestNeighbours(x, NeighbourSearchOptions{});
        const double r = recall(found, truth);
        qInfo("recall of the 15 true neighbours: %.4f", r);
        QVERIFY2(r > 0.97, qPrintable(QString::number(r)));
        QVERIFY((found.distances.diff(1, 1) >= 0).all().item<bool>());
        const torch::Tensor rows = torch::arange(1500).unsqueeze(1).expand({1500, 15});
        const torch::Tensor recomputed = (x.index_select(0, rows.flatten()) - x.index_select(0, found.indices.flatten())).norm(2, 1);
        QVERIFY(torch::allclose(recomputed.view({1500, 15}), found.distances, 1e-4, 1e-3));
    }

    // Progress reaches 1; a callback that says stop gets an empty list.
    void searchReportsProgressAndStops()
    {
        const torch::Tensor x = digitRows(600, 6);
        NeighbourSearchOptions o;
        o.blockRows = 100;
        std::vector<double> seen;
        QCOMPARE(nearestNeighbours(x, o, [&](double f) { return seen.push_back(f), true; }).size(), int64_t(600));
        QCOMPARE(int(seen.size()), 6);
        QCOMPARE(seen.back(), 1.0);
        int calls = 0;
        QCOMPARE(nearestNeighbours(x, o, [&](double) { return ++calls < 2; }).size(), int64_t(0));
        QCOMPARE(calls, 2);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, nearestNeighbours(x.narrow(0, 0, 10), o));
    }

    // Each image's memberships sum to log2(k), its nearest neighbour at 1; duplicates (distance
    // 0) stay finite. As in UMAP a width is never under a thousandth of the row's mean distance:
    // a row whose neighbours sit that tightly sums to more.
    void membershipsSumToLog2K()
    {
        torch::Tensor x = digitRows(500, 7);
        x.narrow(0, 0, 5).copy_(x.narrow(0, 5, 5));  // five duplicate pairs
        for (int k : {5, 15, 30}) {
            const NeighbourList list = bruteForceNeighbours(x, k);
            const Memberships m = fuzzyMemberships(list);
            const torch::Tensor sums = m.weights.sum(1), target = torch::full_like(sums, std::log2(double(k)));
            const torch::Tensor floored = m.sigma <= 1.0001e-3 * list.distances.mean(1);
            QVERIFY2(floored.sum().item<int64_t>() < 10, qPrintable(QString::number(floored.sum().item<int64_t>())));
            const double worst = torch::where(floored, target, sums).sub(target).abs().max().item<double>();
            QVERIFY2(worst < 1e-4, qPrintable(QString("k %1: a row is %2 off").arg(k).arg(worst)));
            QVERIFY((sums.masked_select(floored) >= std::log2(double(k)) - 1e-4).all().item<bool>());
            QVERIFY(torch::isfinite(m.weights).all().item<bool>());
            QVERIFY((m.weights <= 1).all().item<bool>() && (m.weights > 0).any(1).all().item<bool>());
            QVERIFY(torch::allclose(m.weights.select(1, 0), torch::ones({500})));
        }
        // All neighbours at one distance: no width sums them to log2(k) (each is 1 at rho): they stay 1.
        NeighbourList flat{torch::arange(1, 6).repeat({6, 1}).remainder(6), torch::ones({6, 5})};
        QVERIFY(torch::allclose(fuzzyMemberships(flat).weights, torch::ones({6, 5})));
    }

    // The fuzzy union: symmetric, a + b - ab where both rows list each other, a where one does,
    // row i's edges in column order.
    void unionIsSymmetricProbabilisticOr()
    {
        const torch::Tensor x = digitRows(400, 8);
        const NeighbourList list = bruteForceNeighbours(x, 10);
        const Memberships m = fuzzyMemberships(list);
        const FuzzyGraph g = fuzzyGraph(list);
        QCOMPARE(g.size(), int64_t(400));
        torch::Tensor dense = torch::zeros({400, 400});
        const torch::Tensor rows = g.edgeRows();
        dense.index_put_({rows, g.columns}, g.weights);
        QVERIFY(torch::allclose(dense, dense.t()));
        torch::Tensor a = torch::zeros({400, 400});
        a.index_put_({torch::arange(400).repeat_interleave(10), list.indices.flatten()}, m.weights.flatten());
        QVERIFY(torch::allclose(dense, a + a.t() - a * a.t(), 1e-6, 1e-6));
        QCOMPARE(g.edges(), (a + a.t() > 0).sum().item<int64_t>());
        for (int64_t i = 0; i < 400; ++i) {
            const torch::Tensor cols = g.columns.slice(0, g.rowStart[i].item<int64_t>(), g.rowStart[i + 1].item<int64_t>());
            QVERIFY((cols.diff() > 0).all().item<bool>());
        }
    }
};

QTEST_GUILESS_MAIN(TestNeighbourGraph)
#include "tst_neighbourgraph.moc"
