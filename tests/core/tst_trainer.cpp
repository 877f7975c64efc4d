// The training loop and its steps (core/training): losses fall for every kind, the same seed gives
// the same weights, NaN stops and restores, cancel and pause, and the hand-written steps match autograd.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "models/ModelFactory.h"
#include "models/MlpVae.h"
#include "training/Loss.h"
#include "training/MlpVaeTrainStep.h"
#include "training/Trainer.h"
#include "training/TrainStepFactory.h"
#include "TestData.h"

#include <QtTest>

#include <atomic>
#include <thread>
#endif

using namespace latent;

using testdata::specOf;

namespace {
// Options that report after every step, for tests that act from the progress callback.
TrainOptions everyStep(int epochs, int batchSize)
{
    TrainOptions o;
    o.epochs = epochs;
    o.batchSize = batchSize;
    o.progressEvery = 1;
    return o;
}
bool allFinite(AutoencoderImpl& m)
{
    for (const auto& p : m.parameters())
        if (!torch::isfinite(p).all().item<bool>()) return false;
    return true;
}
}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT

    DatasetSplits data = testdata::syntheticSplits(600, 200);

private Q_SLOTS:
    void initTestCase() { at::set_num_threads(2); }

    // The loss on held-out data must fall well below where it starts, for every kind of model.
    void lossFalls_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("arch");
        QTest::addColumn<int>("epochs");
        QTest::newRow("vae mlp") << int(ModelKind::Vae) << int(Arch::Mlp) << 6;
        QTest::newRow("vae conv") << int(ModelKind::Vae) << int(Arch::Conv) << 3;
        QTest::newRow("ae") << int(ModelKind::Ae) << int(Arch::Conv) << 4;
        QTest::newRow("dae") << int(ModelKind::Dae) << int(Arch::Conv) << 4;
        QTest::newRow("sr") << int(ModelKind::Sr) << int(Arch::Conv) << 3;
        QTest::newRow("dae wide") << int(ModelKind::Dae) << int(Arch::Wide) << 2;
        QTest::newRow("cvae") << int(ModelKind::Cvae) << int(Arch::Mlp) << 6;
        QTest::newRow("aae") << int(ModelKind::Aae) << int(Arch::Mlp) << 6;
        QTest::newRow("map") << int(ModelKind::Map) << int(Arch::Mlp) << 6;
    }

    void lossFalls()
    {
        QFETCH(int, kind);
        QFETCH(int, arch);
        QFETCH(int, epochs);
        ModelSpec spec = specOf(ModelKind(kind), Arch(arch));
        if (spec.arch == Arch::Wide) spec.latentDim = 0;
        torch::manual_seed(0);
        Autoencoder m = makeModel(spec);
        const LossFigures before = Trainer::evaluate(*m, spec, data.test);
        TrainOptions o;
        o.epochs = epochs;
        o.batchSize = 32;
        std::vector<EpochReport> reports;
        Trainer t(m, spec, o);
        t.setEpochCallback([&](const EpochReport& r) { reports.push_back(r); });
        const TrainResult r = t.train(data.train, &data.test);
        QCOMPARE(int(r.status), int(TrainStatus::Finished));
        QCOMPARE(int(reports.size()), epochs);
        QVERIFY(reports.back().hasTest);
        const double after = reports.back().test.total;
        QVERIFY2(after < 0.6 * before.total, qPrintable(QString("test loss %1 -> %2").arg(before.total).arg(after)));
        QVERIFY(reports.back().train.total < reports.front().train.total);
        if (spec.isVariational()) QVERIFY(reports.back().test.kl > 0);
        if (spec.kind == ModelKind::Aae) {
            // Both adversarial phases ran: their losses are reported and finite.
            QVERIFY(reports.back().train.discriminator > 0 && std::isfinite(reports.back().train.discriminator));
            QVERIFY(reports.back().train.generator > 0 && std::isfinite(reports.back().train.generator));
        }
    }

    // The sparse-input products (used when few pixels are inked) give the dense products'
    // gradients; a batch with ink almost everywhere takes the dense path.
    void sparseInputStepMatchesDenseStep()
    {
        torch::manual_seed(5);
        MlpVae a, b;
        {
            torch::NoGradGuard g;
            auto pa = a->parameters(), pb = b->parameters();
            for (size_t i = 0; i < pa.size(); ++i) pb[i].copy_(pa[i]);
        }
        // Strokes on blank paper (the faint noise of the synthetic digits removed): ~4% ink.
        torch::Tensor x = testdata::syntheticDigits(40, 2).images.reshape({40, 784}).to(torch::kFloat32) / 255;
        x = (x * (x > 0.5)).contiguous();
        const torch::Tensor eps = torch::randn({40, 2});
        TrainOptions fp32;
        fp32.matmul = MatmulPrecision::Float32;
        MlpVaeTrainStep sparse(*a, fp32), dense(*b, fp32);
        sparse.setSparseInput(true);
        dense.setSparseInput(false);
        const StepLoss ls = sparse.computeGradients(x, 1.0, eps), ld = dense.computeGradients(x, 1.0, eps);
        QVERIFY(sparse.lastStepSparse());
        QVERIFY(!dense.lastStepSparse());
        QVERIFY(std::abs(ls.total - ld.total) < 1e-4 * std::abs(ld.total));
        const auto na = a->named_parameters(), nb = b->named_parameters();
        for (const auto& p : nb) {
            const torch::Tensor ga = na[p.key()].grad(), gb = p.value().grad();
            QVERIFY2(ga.abs().sum().item<double>() > 0, qPrintable(QString::fromStdString(p.key())));
            const double diff = (ga - gb).abs().max().item<double>(), scale = gb.abs().max().item<double>();
            QVERIFY2(diff <= 1e-5 * scale, qPrintable(QString::fromStdString(p.key()) + QString(": %1 vs %2").arg(diff).arg(scale)));
        }
        // The first layer's weight is stored transposed now; the model still encodes as before.
        QVERIFY(!a->encoderHidden->weight.is_contiguous());
        QVERIFY(torch::allclose(a->encode(x, noLabels()).mean, b->encode(x, noLabels()).mean, 1e-5, 1e-5));
        // Ink everywhere (as in a photo's paper noise): the dense products.
        sparse.computeGradients(torch::rand({40, 784}) * 0.5 + 0.1, 1.0, eps);
        QVERIFY(!sparse.lastStepSparse());
    }

    void handWrittenGradientsMatchAutograd_data()
    {
        QTest::addColumn<int>("precision");
        QTest::addColumn<double>("tolerance");  // fp32: of the largest gradient entry; bf16: the least cosine
        QTest::newRow("fp32") << int(MatmulPrecision::Float32) << 1e-4;
        QTest::newRow("bf16") << int(MatmulPrecision::BFloat16) << 0.999;
    }

    void handWrittenGradientsMatchAutograd()
    {
        QFETCH(int, precision);
        QFETCH(double, tolerance);
        torch::manual_seed(3);
        MlpVaeOptions o;
        o.latentDim = 3;
        MlpVae a(o), b(o);
        {
            torch::NoGradGuard g;
            auto pa = a->parameters(), pb = b->parameters();
            for (size_t i = 0; i < pa.size(); ++i) pb[i].copy_(pa[i]);
            // Push a few log-variances past the clamp so that its gradient mask is exercised too
            // (fp32 only: a standard deviation of e^10 makes the products too ill-conditioned for
            // bf16's 8-bit mantissas to compare entry by entry).
            if (MatmulPrecision(precision) == MatmulPrecision::Float32) {
                a->encoderLogvar->bias[0].fill_(30.0);
                b->encoderLogvar->bias[0].fill_(30.0);
            }
        }
        const torch::Tensor x = testdata::syntheticDigits(16, 5).images.reshape({16, 784}).to(torch::kFloat32) / 255;
        const torch::Tensor eps = torch::randn({16, 3});
        const double beta = 0.7;

        TrainOptions options;
        options.matmul = MatmulPrecision(precision);
        MlpVaeTrainStep step(*a, options);
        QCOMPARE(step.usesBf16(), options.matmul == MatmulPrecision::BFloat16);
        const StepLoss hand = step.computeGradients(x, beta, eps);
        QVERIFY(!step.lastStepSparse());  // the synthetic digits' faint noise inks every pixel: dense products

        const Encoding e = b->encode(x, noLabels());
        const ModelOutput out{b->decode(e.mean + torch::exp(0.5 * e.logvar) * eps, noLabels()), e.mean, e.logvar};
        const LossParts ref = computeLoss(out, x.view({16, 1, 28, 28}), ReconstructionLoss::Bce, beta);
        ref.total.backward();

        const double lossTolerance = options.matmul == MatmulPrecision::Float32 ? 1e-3 : 5e-3;
        QVERIFY(std::abs(hand.total - ref.total.item<float>()) < lossTolerance * std::abs(ref.total.item<float>()));
        QVERIFY(std::abs(hand.kl - ref.kl.item<float>()) < lossTolerance * std::abs(ref.kl.item<float>()) + 1e-4);
        const auto na = a->named_parameters(), nb = b->named_parameters();
        for (const auto& p : nb) {
            const torch::Tensor ga = na[p.key()].grad(), gb = p.value().grad();
            const double scale = gb.abs().max().item<double>() + 1e-6;
            const double diff = (ga - gb).abs().max().item<double>();
            if (options.matmul == MatmulPrecision::Float32) {
                QVERIFY2(diff < tolerance * scale + 1e-6,
                         qPrintable(QString::fromStdString(p.key()) + QString(": %1 vs %2").arg(diff).arg(scale)));
            } else {
                // A hidden unit near zero can switch its ReLU under bf16 rounding, so single entries
                // may differ; the gradient's direction must hold (0.9995-1.0 measured).
                const double cosine = torch::cosine_similarity(ga.flatten(), gb.flatten(), 0).item<double>();
                QVERIFY2(cosine > tolerance, qPrintable(QString::fromStdString(p.key()) + QString(": cosine %1").arg(cosine)));
            }
        }
    }

    void sameSeedSameResult()
    {
        const ModelSpec spec = specOf(ModelKind::Vae);
        auto run = [&] {
            torch::manual_seed(42);
            Autoencoder m = makeModel(spec);
            TrainOptions o;
            o.epochs = 1;
            o.seed = 42;
            o.threads = 2;  // a fixed count: "auto" follows the machine's load
            Trainer(m, spec, o).train(data.train.subset(256));
            return torch::cat({m->parameters()[0].flatten(), m->parameters().back().flatten()});
        };
        QVERIFY(torch::equal(run(), run()));
    }

    void nanLossStopsAndRestoresLastGoodWeights()
    {
        const ModelSpec spec = specOf(ModelKind::Vae);
        torch::manual_seed(0);
        Autoencoder m = makeModel(spec);
        Trainer t(m, spec, everyStep(2, 32));
        int calls = 0;
        t.setProgressCallback([&](const TrainProgress&) {
            if (++calls == 3) {  // poison the weights as a too-high learning rate would
                torch::NoGradGuard g;
                m->parameters()[0][0][0] = std::numeric_limits<float>::quiet_NaN();
            }
        });
        const TrainResult r = t.train(data.train);
        QCOMPARE(int(r.status), int(TrainStatus::Diverged));
        QVERIFY2(QString::fromStdString(r.message).contains("NaN"), r.message.c_str());
        QVERIFY(allFinite(*m));
        QCOMPARE(r.steps, int64_t(3));
    }

    void cancelStopsBetweenSteps()
    {
        const ModelSpec spec = specOf(ModelKind::Vae);
        Autoencoder m = makeModel(spec);
        Trainer t(m, spec, everyStep(50, 32));
        t.setProgressCallback([&](const TrainProgress& p) {
            if (p.step == 5) t.cancel();
        });
        const TrainResult r = t.train(data.train);
        QCOMPARE(int(r.status), int(TrainStatus::Cancelled));
        QCOMPARE(r.steps, int64_t(5));
        QCOMPARE(r.epochsDone, 0);
    }

    void pauseHoldsTrainingUntilResumed()
    {
        const ModelSpec spec = specOf(ModelKind::Vae);
        Autoencoder m = makeModel(spec);
        Trainer t(m, spec, everyStep(1, 100));
        std::atomic<int64_t> stepsSeen{0};
        t.setProgressCallback([&](const TrainProgress& p) {
            stepsSeen = p.step;
            if (p.step == 2) t.pause();
        });
        std::thread worker([&] { t.train(data.train); });
        QTRY_VERIFY_WITH_TIMEOUT(t.isPaused(), 5000);
        QTest::qWait(300);
        QCOMPARE(stepsSeen.load(), int64_t(2));  // nothing ran while paused
        t.resume();
        worker.join();
        QCOMPARE(stepsSeen.load(), int64_t(6));
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
