// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "analysis/Analysis.h"
#include "analysis/GaussianMixture.h"
#include "analysis/Generation.h"
#include "persistence/Checkpoint.h"
#include "models/MapAutoencoder.h"
#include "models/ModelFactory.h"
#include "TestData.h"
#include "training/NeighbourEmbedding.h"
#include "training/UmapLoss.h"
#include "training/UmapMapTrainStep.h"
#include "training/Trainer.h"

#include <QTemporaryDir>
#include <QtTest>
#endif

using namespace latent;

namespace {

// KL(P || Q) written out the long way, in double: Q from every pair's Student-t kernel.
torch::Tensor explicitDivergence(const torch::Tensor& p, const torch::Tensor& z)
{
    const int64_t n = z.size(0);
    const torch::Tensor diff = z.unsqueeze(1) - z.unsqueeze(0);
    torch::Tensor kernel = 1.0 / (1.0 + diff.square().sum(2));
    kernel = kernel * (1 - torch::eye(n, torch::kFloat64));
    const torch::Tensor q = kernel / kernel.sum();
    const torch::Tensor mask = p > 0;
    return torch::where(mask, p * (p.clamp_min(1e-300).log() - q.clamp_min(1e-300).log()), torch::zeros_like(p)).sum();
}

// Three well separated blobs in 2-D, 2:1:1.
torch::Tensor blobs(int64_t n)
{
    torch::manual_seed(3);
    const int64_t a = n / 2, b = n / 4, c = n - a - b;
    return torch::cat({torch::randn({a, 2}) * 0.5 + torch::tensor({-4.f, 0.f}), torch::randn({b, 2}) * 0.3 + torch::tensor({4.f, 3.f}),
                       torch::randn({c, 2}) * torch::tensor({0.2f, 0.8f}) + torch::tensor({3.f, -4.f})});
}

double knnOfCodes(AutoencoderImpl& model, const ModelSpec& spec, const DatasetSplits& data)
{
    const EncodedDataset train = encodeDataset(model, spec, data.train), test = encodeDataset(model, spec, data.test);
    return knnAccuracy(train.mean, train.labels, test.mean, test.labels, 5);
}
}  // namespace

class TestMap : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { at::set_num_threads(2); }

    // Each row's width is searched until its perplexity is the one asked for; P is a symmetric
    // distribution over pairs, with nothing on the diagonal.
    void affinitiesHaveTheAskedPerplexity()
    {
        torch::manual_seed(0);
        const torch::Tensor x = torch::rand({300, 64}) * torch::rand({300, 1}) * 3;  // rows of very different spread
        const torch::Tensor perplexities = conditionalPerplexities(x, 30);
        const double worst = (perplexities - 30).abs().max().item<double>();
        QVERIFY2(worst < 0.01, qPrintable(QString("a row is %1 off 30").arg(worst)));
        const torch::Tensor p = neighbourAffinities(x, 30);
        QCOMPARE(p.sizes(), (std::vector<int64_t>{300, 300}));
        QVERIFY(torch::allclose(p, p.t()));
        QVERIFY(std::abs(p.sum().item<double>() - 1) < 1e-4);
        QCOMPARE(p.diagonal().abs().max().item<double>(), 0.0);
        QVERIFY(p.min().item<double>() >= 0);
        // Neighbours matter: the pair with the most affinity is among the closest pairs.
        const torch::Tensor far = neighbourAffinities(torch::cat({x.narrow(0, 0, 2), x.narrow(0, 2, 1) + 100}), 1);
        QVERIFY(far[0][1].item<double>() > 100 * far[0][2].item<double>());
        // A batch smaller than the perplexity uses every other image, and stays finite.
        const torch::Tensor small = neighbourAffinities(x.narrow(0, 0, 5), 30);
        QVERIFY(torch::isfinite(small).all().item<bool>());
        QVERIFY(std::abs(small.sum().item<double>() - 1) < 1e-4);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, neighbourAffinities(x.narrow(0, 0, 1), 30));
    }

    // The one-product form of the divergence equals KL(P || Q) written out, and so does its
    // gradient; an exaggerated P (scaled by a) gives a KL + a log a.
    void divergenceMatchesExplicitKl()
    {
        torch::manual_seed(1);
        const torch::Tensor x = torch::rand({60, 20});
        const torch::Tensor p = neighbourAffinities(x, 10);
        const torch::Tensor z0 = torch::randn({60, 2}) * 3;
        torch::Tensor za = z0.clone().requires_grad_(true), zb = z0.to(torch::kFloat64).requires_grad_(true);
        const torch::Tensor fast = embeddingDivergence(p, za), slow = explicitDivergence(p.to(torch::kFloat64), zb);
        fast.backward();
        slow.backward();
        QVERIFY2(std::abs(fast.item<double>() - slow.item<double>()) < 1e-4 * slow.item<double>(),
                 qPrintable(QString("%1 vs %2").arg(fast.item<double>()).arg(slow.item<double>())));
        const double gradDiff = (za.grad().to(torch::kFloat64) - zb.grad()).abs().max().item<double>();
        const double gradScale = zb.grad().abs().max().item<double>();
        QVERIFY2(gradDiff < 1e-4 * gradScale, qPrintable(QString("%1 of %2").arg(gradDiff).arg(gradScale)));
        torch::NoGradGuard g;
        const double a = 4, kl = slow.item<double>();
        QVERIFY(std::abs(embeddingDivergence(p * a, z0).item<double>() - (a * kl + a * std::log(a))) < 1e-3 * a * kl);
    }

    // The mixture finds three separated blobs with their weights, scores its own data above data
    // elsewhere, samples reproducibly, and leaves the global generator alone.
    void mixtureRecoversBlobs()
    {
        const torch::Tensor codes = blobs(4000);
        torch::manual_seed(42);
        const torch::Tensor expected = torch::randn({3});
        torch::manual_seed(42);
        const GaussianMixture m = GaussianMixture::fit(codes, 3);
        QVERIFY2(torch::equal(torch::randn({3}), expected), "fitting drew from the global generator");
        const torch::Tensor order = m.weights.argsort(0, true);
        const torch::Tensor weights = m.weights.index_select(0, order), means = m.means.index_select(0, order);
        QVERIFY(std::abs(weights[0].item<double>() - 0.5) < 0.02);
        QVERIFY(std::abs(weights[1].item<double>() - 0.25) < 0.02);
        QVERIFY(std::abs(means[0][0].item<double>() + 4) < 0.1 && std::abs(means[0][1].item<double>()) < 0.1);
        QVERIFY(std::abs(m.weights.sum().item<double>() - 1) < 1e-5);
        const torch::Tensor tall = m.variances[(m.means - torch::tensor({3.f, -4.f})).square().sum(1).argmin().item<int64_t>()];
        QVERIFY2(tall[1].item<double>() > 4 * tall[0].item<double>(), "the diagonal variances were not kept per dimension");
        QVERIFY(m.meanLogLikelihood(codes) > m.meanLogLikelihood(codes + 6) + 5);
        const torch::Tensor s1 = m.sample(2000, 7), s2 = m.sample(2000, 7), s3 = m.sample(2000, 8);
        QVERIFY(torch::equal(s1, s2));
        QVERIFY(!torch::equal(s1, s3));
        QVERIFY(std::abs(m.meanLogLikelihood(s1) - m.meanLogLikelihood(codes)) < 0.2);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GaussianMixture::fit(codes.narrow(0, 0, 2), 3));
    }

    // What the map is for: trained without labels on a small generated set, its codes classify
    // their digits by 5-NN better than the MLP VAE's trained as long; its decode stays an image.
    void mapCodesSeparateBetterThanVae()
    {
        const DatasetSplits data = testdata::syntheticSplits(1000, 400);
        TrainOptions o;
        o.epochs = 4;
        o.batchSize = 100;
        double knn[2];
        for (int i = 0; i < 2; ++i) {
            const ModelSpec spec = testdata::specOf(i == 0 ? ModelKind::Vae : ModelKind::Map);
            torch::manual_seed(0);
            Autoencoder m = makeModel(spec);
            QCOMPARE(int(Trainer(m, spec, o).train(data.train).status), int(TrainStatus::Finished));
            knn[i] = knnOfCodes(*m, spec, data);
            if (spec.kind == ModelKind::Map) {
                torch::NoGradGuard g;
                const torch::Tensor images = decodeImages(*m, torch::randn({64, 2}) * 20, noLabels());
                QVERIFY(images.min().item<double>() >= 0 && images.max().item<double>() <= 1);
                QVERIFY(images.std().item<double>() > 0.01);
            }
        }
        qInfo("5-NN on the codes: MLP VAE %.3f, map %.3f", knn[0], knn[1]);
        QVERIFY2(knn[1] > knn[0] + 0.05, qPrintable(QString("map %1 vs VAE %2").arg(knn[1]).arg(knn[0])));
    }

    // The curve's a and b for min_dist 0.1 and 0.001 (spread 1) are the ones umap-learn's own fit
    // gives (its documentation and source quote 1.577/0.8951 and 1.929/0.7915); phi is 1 at 0 and
    // falls through about 1/2 near min_dist + 0.7 (log 2).
    void curveFollowsUmapsFit()
    {
        const UmapCurve c = UmapCurve::fit(0.1);
        QVERIFY2(std::abs(c.a - 1.577) < 0.01 && std::abs(c.b - 0.8951) < 0.005, qPrintable(QString("%1 %2").arg(c.a).arg(c.b)));
        const UmapCurve tight = UmapCurve::fit(0.001);
        QVERIFY2(std::abs(tight.a - 1.929) < 0.01 && std::abs(tight.b - 0.7915) < 0.005,
                 qPrintable(QString("%1 %2").arg(tight.a).arg(tight.b)));
        QCOMPARE(c.similarity(torch::zeros({1})).item<double>(), 1.0);
        const double half = c.similarity(torch::full({1}, 0.8 * 0.8)).item<double>();
        QVERIFY2(half > 0.4 && half < 0.6, qPrintable(QString::number(half)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, UmapCurve::fit(-0.1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, UmapCurve::fit(3.5));
    }

    // The loss is UMAP's cross-entropy written out (phi from the curve, -log phi for each head and
    // its tail, -log(1 - phi) for each negative, mean over heads), and so is its gradient.
    void umapLossMatchesTheCrossEntropy()
    {
        torch::manual_seed(4);
        const UmapCurve c = UmapCurve::fit(0.1);
        const torch::Tensor h0 = torch::randn({40, 2}) * 3, t0 = h0 + torch::randn({40, 2}) * 0.5, n0 = torch::randn({40, 5, 2}) * 3;
        auto leaf = [](const torch::Tensor& x, torch::ScalarType type) { return x.to(type).detach().requires_grad_(true); };
        torch::Tensor h = leaf(h0, torch::kFloat32), t = leaf(t0, torch::kFloat32), n = leaf(n0, torch::kFloat32);
        torch::Tensor hd = leaf(h0, torch::kFloat64), td = leaf(t0, torch::kFloat64), nd = leaf(n0, torch::kFloat64);
        const UmapLossParts parts = umapLoss(c, h, t, n);
        auto phi = [&](const torch::Tensor& d2) { return 1.0 / (1.0 + c.a * d2.pow(c.b)); };
        const torch::Tensor attraction = -torch::log(phi((hd - td).square().sum(1))).mean();
        const torch::Tensor repulsion = -torch::log(1 - phi((hd.unsqueeze(1) - nd).square().sum(2))).sum(1).mean();
        const torch::Tensor explicitTotal = attraction + repulsion;
        QVERIFY(std::abs(parts.attraction.item<double>() - attraction.item<double>()) < 1e-5 * attraction.item<double>());
        QVERIFY(std::abs(parts.total.item<double>() - explicitTotal.item<double>()) < 1e-5 * explicitTotal.item<double>());
        parts.total.backward();
        explicitTotal.backward();
        for (auto [fast, slow] : {std::pair{h, hd}, std::pair{t, td}, std::pair{n, nd}}) {
            const double diff = (fast.grad().to(torch::kFloat64) - slow.grad()).abs().max().item<double>();
            QVERIFY2(diff < 1e-4 * slow.grad().abs().max().item<double>(), qPrintable(QString::number(diff)));
        }
        // Neighbours far apart cost more than neighbours close by; negatives close by more than far.
        const torch::Tensor none = torch::zeros({1, 0, 2});
        QVERIFY(umapLoss(c, torch::zeros({1, 2}), torch::ones({1, 2}) * 5, none).total.item<double>() >
                umapLoss(c, torch::zeros({1, 2}), torch::ones({1, 2}) * 0.1, none).total.item<double>());
        const torch::Tensor one = torch::zeros({1, 2});
        QVERIFY(umapLoss(c, one, one, torch::full({1, 1, 2}, 0.1)).total.item<double>() >
                umapLoss(c, one, one, torch::full({1, 1, 2}, 5.0)).total.item<double>());
        // Codes on top of each other: finite, with a finite gradient.
        torch::Tensor same = torch::zeros({2, 2}, torch::requires_grad());
        const torch::Tensor loss = umapLoss(c, same, same, same.unsqueeze(1)).total;
        loss.backward();
        QVERIFY(std::isfinite(loss.item<double>()) && torch::isfinite(same.grad()).all().item<bool>());
    }

    // The map reads no label: trained on the same images with their labels shuffled, every weight
    // and the fitted density come out the same.
    void mapReadsNoLabel()
    {
        const DatasetSplits data = testdata::syntheticSplits(600, 100);
        ImageDataset shuffled = data.train;
        torch::manual_seed(9);
        shuffled.labels = data.train.labels.index_select(0, torch::randperm(600));
        QVERIFY(!torch::equal(shuffled.labels, data.train.labels));
        const ModelSpec spec = testdata::specOf(ModelKind::Map);
        TrainOptions o;
        o.epochs = 2;
        o.batchSize = 100;
        o.threads = 1;
        std::vector<torch::Tensor> states[2];
        for (int i = 0; i < 2; ++i) {
            torch::manual_seed(0);
            Autoencoder m = makeModel(spec);
            QCOMPARE(int(Trainer(m, spec, o).train(i == 0 ? data.train : shuffled).status), int(TrainStatus::Finished));
            for (const auto& p : m->named_parameters()) states[i].push_back(p.value().detach().clone());
            for (const auto& b : m->named_buffers()) states[i].push_back(b.value().clone());
        }
        QCOMPARE(states[0].size(), states[1].size());
        for (size_t j = 0; j < states[0].size(); ++j) QVERIFY(torch::equal(states[0][j], states[1][j]));
    }

    // The map's hand-written step computes autograd's gradients: the same draws through both, every
    // parameter's gradient within 1e-4 relative (float products: only the order of the sums
    // differs). With bf16 operands (the default on CPUs with AVX512-BF16) the codes move by the
    // rounding and the neighbour loss's gradient with them: the loss within 1 %, every gradient's
    // direction within a cosine of 0.99.
    void handWrittenMapGradientsMatchAutograd_data()
    {
        QTest::addColumn<int>("loss");
        QTest::addColumn<bool>("bf16");
        QTest::newRow("bce-fp32") << int(ReconstructionLoss::Bce) << false;
        QTest::newRow("mse-fp32") << int(ReconstructionLoss::Mse) << false;
        QTest::newRow("bce-bf16") << int(ReconstructionLoss::Bce) << true;
    }
    void handWrittenMapGradientsMatchAutograd()
    {
        QFETCH(int, loss);
        QFETCH(bool, bf16);
        const double tolerance = bf16 ? 1e-2 : 1e-4;
        const DatasetSplits data = testdata::syntheticSplits(300, 10);
        ModelSpec spec = testdata::specOf(ModelKind::Map);
        spec.reconstruction = ReconstructionLoss(loss);
        torch::manual_seed(0);
        Autoencoder model = makeModel(spec);
        auto& map = static_cast<MapAutoencoderImpl&>(*model);
        TrainOptions o;
        o.matmul = bf16 ? MatmulPrecision::BFloat16 : MatmulPrecision::Float32;
        UmapMapTrainStep step(map, spec, o);
        if (!step.handWritten()) QSKIP("the reference paths are on: no hand-written step to compare");
        QVERIFY(step.prepare(data.train, {}));
        // A batch of 50 heads, as the trainer makes it.
        const torch::Tensor rows = torch::arange(50, torch::kLong) * 3;
        TrainBatch batch;
        batch.input = batch.target = data.train.batch(rows);
        batch.rows = rows;
        torch::manual_seed(5);
        const UmapMapTrainStep::Draws draws = step.draw(batch);
        auto gradients = [&] {
            std::vector<torch::Tensor> g;
            for (const auto& p : map.parameters()) g.push_back(p.grad().clone());
            return g;
        };
        const LossFigures reference = step.referenceGradients(draws);
        const std::vector<torch::Tensor> expected = gradients();
        const LossFigures hand = step.handWrittenGradients(draws);
        const std::vector<torch::Tensor> got = gradients();
        QVERIFY(std::isfinite(reference.total) && reference.kl > 0);
        QVERIFY2(std::abs(hand.total - reference.total) <= tolerance * reference.total,
                 qPrintable(QString("%1 vs %2").arg(hand.total).arg(reference.total)));
        QVERIFY(std::abs(hand.reconstruction - reference.reconstruction) <= tolerance * reference.reconstruction);
        QVERIFY(std::abs(hand.kl - reference.kl) <= tolerance * reference.kl);
        QCOMPARE(got.size(), expected.size());
        for (size_t i = 0; i < got.size(); ++i) {
            const double error = (got[i] - expected[i]).norm().item<double>() / expected[i].norm().item<double>();
            const double cosine = torch::cosine_similarity(got[i].flatten(), expected[i].flatten(), 0).item<double>();
            if (bf16)
                QVERIFY2(cosine >= 0.99, qPrintable(QString("parameter %1: cosine %2").arg(i).arg(cosine)));
            else
                QVERIFY2(error <= tolerance, qPrintable(QString("parameter %1: relative error %2").arg(i).arg(error)));
        }
    }

    // Resuming recomputes the graph and the layout exactly: two epochs, then a third from the saved
    // state, end with the weights and density of three epochs in one go.
    void resumedMapEndsWhereAStraightRunDoes()
    {
        const DatasetSplits data = testdata::syntheticSplits(500, 100);
        const ModelSpec spec = testdata::specOf(ModelKind::Map);
        TrainOptions o;
        o.epochs = 3;
        o.batchSize = 100;
        o.threads = 2;
        auto weights = [](AutoencoderImpl& m) {
            std::vector<torch::Tensor> all;
            for (const auto& p : m.named_parameters()) all.push_back(p.value().detach().clone());
            for (const auto& b : m.named_buffers()) all.push_back(b.value().clone());
            return all;
        };
        torch::manual_seed(0);
        Autoencoder straight = makeModel(spec);
        QCOMPARE(int(Trainer(straight, spec, o).train(data.train).status), int(TrainStatus::Finished));

        torch::manual_seed(0);
        Autoencoder split = makeModel(spec);
        TrainOptions first = o;
        first.epochs = 2;
        Trainer t1(split, spec, first);
        QCOMPARE(int(t1.train(data.train).status), int(TrainStatus::Finished));
        const TrainingState state = t1.state();
        TrainOptions rest = o;
        rest.startEpoch = 2;
        Trainer t2(split, spec, rest);
        t2.setResumeState(state);
        QCOMPARE(int(t2.train(data.train).status), int(TrainStatus::Finished));
        const auto a = weights(*straight), b = weights(*split);
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i) QVERIFY2(torch::equal(a[i], b[i]), qPrintable(QString("tensor %1").arg(i)));
    }

    // After each epoch the map fits its code density; samples come from it (near the codes, not
    // from N(0, I)), and a checkpoint keeps it.
    void mapSamplesFromItsFittedDensity()
    {
        const DatasetSplits data = testdata::syntheticSplits(600, 200);
        const ModelSpec spec = testdata::specOf(ModelKind::Map);
        torch::manual_seed(0);
        Autoencoder m = makeModel(spec);
        auto* map = dynamic_cast<MapAutoencoderImpl*>(m.get());
        QVERIFY(map);
        QVERIFY(torch::equal(map->densityMeans, torch::zeros_like(map->densityMeans)));
        TrainOptions o;
        o.epochs = 2;
        o.batchSize = 100;
        std::vector<EpochReport> reports;
        Trainer t(m, spec, o);
        t.setEpochCallback([&](const EpochReport& r) { reports.push_back(r); });
        QCOMPARE(int(t.train(data.train).status), int(TrainStatus::Finished));
        // The total shown is what was minimised: the reconstruction, the weighted neighbour loss and
        // the pull towards the layout (not negative).
        const LossFigures& last = reports.back().train;
        QVERIFY(last.kl > 0);
        QVERIFY(last.total >= last.reconstruction + o.mapWeight * last.kl - 1e-3 * last.total);

        const torch::Tensor codes = encodeDataset(*m, spec, data.train).mean;
        const GaussianMixture fitted{map->densityWeights, map->densityMeans, map->densityVariances};
        QVERIFY(!torch::equal(map->densityMeans, torch::zeros_like(map->densityMeans)));
        const torch::Tensor drawn = sampleCodes(*m, 2000, 2, 5);
        QVERIFY(torch::equal(drawn, sampleCodes(*m, 2000, 2, 5)));
        QVERIFY(!torch::equal(drawn, samplePrior(2000, 2, 5)));
        // The drawn codes are as likely under the density as the codes are, and spread like them.
        QVERIFY(std::abs(fitted.meanLogLikelihood(drawn) - fitted.meanLogLikelihood(codes)) < 0.5);
        const double spreadRatio = (drawn.std(0) / codes.std(0)).min().item<double>();
        QVERIFY2(spreadRatio > 0.7, qPrintable(QString::number(spreadRatio)));

        QTemporaryDir dir;
        const std::string path = dir.filePath("map.pt").toStdString();
        Checkpoint::save(path, spec, *m);
        const ModelCheckpoint loaded = Checkpoint::load(path, ModelKind::Map);
        auto* back = dynamic_cast<MapAutoencoderImpl*>(loaded.model.get());
        QVERIFY(back);
        QVERIFY(torch::equal(back->densityMeans, map->densityMeans));
        QVERIFY(torch::equal(back->densityVariances, map->densityVariances));
        QVERIFY(torch::equal(sampleCodes(*loaded.model, 50, 2, 9), sampleCodes(*m, 50, 2, 9)));
    }
};

QTEST_GUILESS_MAIN(TestMap)
#include "tst_map.moc"
