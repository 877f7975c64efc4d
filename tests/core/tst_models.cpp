// The model kinds as LibTorch modules (core/models): shapes, what each kind can and cannot be built
// as, a conditional VAE's digits, the adversarial parts, and the decodes the window draws.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "models/AdversarialAutoencoder.h"
#include "models/ConvVae.h"
#include "analysis/Analysis.h"
#include "training/Loss.h"
#include "models/MlpVae.h"
#include "models/ModelFactory.h"
#include "TestData.h"
#include "training/Trainer.h"
#include "training/TrainStepFactory.h"

#include <ATen/autocast_mode.h>

#include <QtTest>

#include <thread>

#endif

using namespace latent;

using testdata::specOf;

class TestModels : public QObject {
    Q_OBJECT

    DatasetSplits data = testdata::syntheticSplits(600, 200);

private Q_SLOTS:
    void initTestCase() { at::set_num_threads(2); }

    void shapes_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("arch");
        QTest::addColumn<int>("latent");
        QTest::addColumn<int>("code");
        QTest::newRow("ae") << int(ModelKind::Ae) << int(Arch::Conv) << 2 << 2;
        QTest::newRow("ae no bottleneck") << int(ModelKind::Ae) << int(Arch::Conv) << 0 << 128;
        QTest::newRow("dae") << int(ModelKind::Dae) << int(Arch::Conv) << 16 << 16;
        QTest::newRow("vae mlp") << int(ModelKind::Vae) << int(Arch::Mlp) << 2 << 2;
        QTest::newRow("vae conv") << int(ModelKind::Vae) << int(Arch::Conv) << 5 << 5;
    }
    void shapes()
    {
        QFETCH(int, kind);
        QFETCH(int, arch);
        QFETCH(int, latent);
        QFETCH(int, code);
        const ModelSpec spec = specOf(ModelKind(kind), Arch(arch), latent);
        QCOMPARE(spec.codeSize(), code);
        Autoencoder m = makeModel(spec);
        const torch::Tensor x = torch::rand({3, 1, 28, 28});
        const ModelOutput out = m->forward(x, noLabels());
        QCOMPARE(out.reconstruction.sizes().vec(), (std::vector<int64_t>{3, 1, 28, 28}));
        QCOMPARE(out.mean.sizes().vec(), (std::vector<int64_t>{3, code}));
        QCOMPARE(out.logvar.defined(), spec.isVariational());
        QCOMPARE(m->decode(out.mean, noLabels()).sizes().vec(), (std::vector<int64_t>{3, 1, 28, 28}));
    }
    void superResolutionUpscales()
    {
        for (int factor : {2, 4}) {
            ModelSpec spec = specOf(ModelKind::Sr, Arch::Conv);
            spec.downscale = factor;
            QCOMPARE(spec.inputSize(), 28 / factor);
            Autoencoder m = makeModel(spec);
            const torch::Tensor out = m->forward(torch::rand({2, 1, 28 / factor, 28 / factor}), noLabels()).reconstruction;
            QCOMPARE(out.sizes().vec(), (std::vector<int64_t>{2, 1, 28, 28}));
        }
    }
    void conditionalVaeDrawsTheDigitItIsAskedFor()
    {
        const ModelSpec spec = specOf(ModelKind::Cvae, Arch::Mlp, 2);
        QVERIFY(spec.isVariational() && spec.isConditional());
        torch::manual_seed(0);
        Autoencoder m = makeModel(spec);
        const torch::Tensor x = torch::rand({4, 1, 28, 28}), labels = torch::tensor({0, 3, 3, 9});
        const ModelOutput out = m->forward(x, labels);
        QCOMPARE(out.mean.sizes().vec(), (std::vector<int64_t>{4, 2}));
        // Without a label there is nothing to condition on: a clear refusal, not a guess.
        try {
            m->encode(x, noLabels());
            QFAIL("encoded without labels");
        } catch (const std::invalid_argument& e) {
            QVERIFY(QString(e.what()).contains("digit"));
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m->decode(out.mean, noLabels()));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m->decode(out.mean, torch::tensor({0, 1, 2, 10})));
        // The same style vector drawn as two digits gives two images.
        const torch::Tensor z = torch::zeros({2, 2});
        const torch::Tensor images = m->decode(z, torch::tensor({1, 7}));
        QVERIFY(!torch::allclose(images[0], images[1]));
    }

    void rejectsUnbuildableSpecs()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeModel(specOf(ModelKind::Vae, Arch::Mlp, 0)));
        // A kind with an architecture it does not have is refused in the catalog's words, not
        // quietly built as another.
        try {
            makeModel(specOf(ModelKind::Ae, Arch::Mlp));
            QFAIL("built an mlp autoencoder");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString(e.what()), QString("an ae is conv or wide, not mlp"));
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeModel(specOf(ModelKind::Dae, Arch::Wide, 2)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeModel(specOf(ModelKind::Cvae, Arch::Conv)));
    }

    // The discriminator judges a code together with its batch's statistics: the same code in a
    // batch shifted away from the prior gets another verdict, and a batch of one is still finite.
    void discriminatorSeesBatchStatistics()
    {
        torch::manual_seed(1);
        AdversarialAutoencoder m(AdversarialAutoencoderOptions{});
        torch::NoGradGuard g;
        const torch::Tensor batch = torch::randn({64, 2});
        torch::Tensor shifted = batch + 1.5;
        shifted[0] = batch[0];
        const torch::Tensor a = m->discriminate(batch)[0], b = m->discriminate(shifted)[0];
        QVERIFY2(!torch::allclose(a, b), "the verdict on a code ignored the rest of its batch");
        QVERIFY(torch::isfinite(m->discriminate(batch.narrow(0, 0, 1))).all().item<bool>());
    }

    // What the adversarial phases are for: the test codes end near the N(0, I) prior.
    void adversarialCodesFollowPrior()
    {
        ModelSpec spec = specOf(ModelKind::Aae);
        torch::manual_seed(0);
        Autoencoder m = makeModel(spec);
        TrainOptions o;
        o.epochs = 20;
        o.batchSize = 32;
        QCOMPARE(int(Trainer(m, spec, o).train(data.train).status), int(TrainStatus::Finished));
        const torch::Tensor codes = encodeDataset(*m, spec, data.test).mean;
        const double meanOff = codes.mean(0).abs().max().item<double>();
        const double stdOff = (codes.std(0) - 1).abs().max().item<double>();
        qInfo("codes: max |mean| %.3f, max |std - 1| %.3f", meanOff, stdOff);
        QVERIFY2(meanOff < 0.3 && stdOff < 0.3, qPrintable(QString("mean %1, std %2 off the prior").arg(meanOff).arg(stdOff)));
    }

    // The conv ae's, dae's and sr's step under bf16 autocast (--matmul auto on an AVX512-BF16 CPU)
    // takes nearly the float step's loss and gradients: a few tenths of a percent off, the direction
    // kept, through every layer (their own loops and the transposed layer's included).
    void bf16ConvolutionStepFollowsFloatStep_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("arch");
        QTest::newRow("dae conv") << int(ModelKind::Dae) << int(Arch::Conv);
        QTest::newRow("dae wide") << int(ModelKind::Dae) << int(Arch::Wide);
        QTest::newRow("ae conv") << int(ModelKind::Ae) << int(Arch::Conv);
        QTest::newRow("sr") << int(ModelKind::Sr) << int(Arch::Conv);
    }
    void bf16ConvolutionStepFollowsFloatStep()
    {
        QFETCH(int, kind);
        QFETCH(int, arch);
        const ModelSpec spec = ModelSpec::forKind(ModelKind(kind), Arch(arch));
        torch::manual_seed(5);
        Autoencoder a = makeModel(spec), b = makeModel(spec);
        {
            torch::NoGradGuard g;
            auto pa = a->parameters(), pb = b->parameters();
            for (size_t i = 0; i < pa.size(); ++i) pb[i].copy_(pa[i]);
        }
        const torch::Tensor clean = testdata::syntheticDigits(32, 6).images.unsqueeze(1).to(torch::kFloat32) / 255;
        const torch::Tensor input = spec.kind == ModelKind::Sr    ? torch::avg_pool2d(clean, 2)
                                    : spec.kind == ModelKind::Dae ? (clean + 0.3 * torch::randn_like(clean)).clamp(0, 1)
                                                                  : clean;
        const TrainBatch batch{input, clean, noLabels(), torch::arange(clean.size(0))};
        TrainOptions fp32, bf16;
        fp32.matmul = MatmulPrecision::Float32;
        bf16.matmul = MatmulPrecision::BFloat16;
        fp32.learningRate = bf16.learningRate = 0;  // the gradients stay to be compared
        const LossFigures lf = makeTrainStep(*a, spec, fp32)->run(batch, 1.0);
        const LossFigures lb = makeTrainStep(*b, spec, bf16)->run(batch, 1.0);
        QVERIFY2(std::abs(lb.total - lf.total) < 0.01 * lf.total, qPrintable(QString("%1 vs %2").arg(lb.total).arg(lf.total)));
        const auto na = a->named_parameters(), nb = b->named_parameters();
        for (const auto& p : na) {
            const torch::Tensor ga = p.value().grad(), gb = nb[p.key()].grad();
            QVERIFY(ga.defined() && gb.defined());
            QVERIFY2(!ga.equal(gb), qPrintable(QString::fromStdString(p.key()) + ": the bf16 step computed nothing of its own"));
            const double cosine = torch::cosine_similarity(ga.flatten(), gb.flatten(), 0).item<double>();
            QVERIFY2(cosine > 0.99, qPrintable(QString::fromStdString(p.key()) + QString(": cosine %1").arg(cosine)));
        }
    }

    // The conv VAE decodes in blocks for inference: the same logits as its LibTorch layers; the
    // pictures for display (bf16 products) within two grey levels of them.
    // Without gradients the conv VAE's decode runs its transposed convolutions in blocks
    // (ops/ConvTransposeStack): the same logits as LibTorch's layers.
    void convVaeInferenceDecoderMatchesLayers()
    {
        torch::manual_seed(4);
        ConvVae model;
        model->eval();
        const torch::Tensor z = torch::randn({101, 2}) * 2;
        const torch::Tensor layers = model->decode(z, noLabels()).detach();  // grad mode on: LibTorch's layers
        torch::NoGradGuard noGrad;
        const torch::Tensor blocks = model->decode(z, noLabels());
        QCOMPARE(blocks.sizes(), layers.sizes());
        const double diff = (blocks - layers).abs().max().item<double>(), scale = layers.abs().max().item<double>();
        QVERIFY2(diff < 1e-5 * scale + 1e-6, qPrintable(QString("%1 of %2").arg(diff).arg(scale)));
    }

    // A single point (the drag) is decoded with plain loops by the MLP decoders: the same logits
    // as their LibTorch layers, and a toGrayLevels that rounds as torch::round does.
    void singlePointDecodeMatchesLayers_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("vae") << int(ModelKind::Vae);
        QTest::newRow("cvae") << int(ModelKind::Cvae);
        QTest::newRow("aae") << int(ModelKind::Aae);
        QTest::newRow("map") << int(ModelKind::Map);
    }

    void singlePointDecodeMatchesLayers()
    {
        QFETCH(int, kind);
        const ModelSpec spec = specOf(ModelKind(kind));
        torch::manual_seed(6);
        Autoencoder m = makeModel(spec);
        m->eval();
        const torch::Tensor z = torch::randn({1, spec.codeSize()}) * 2;
        const torch::Tensor labels = spec.isConditional() ? torch::full({1}, 7, torch::kLong) : noLabels();
        const torch::Tensor layers = m->decode(z, labels).detach();  // grad mode on: LibTorch's layers
        torch::NoGradGuard noGrad;
        const torch::Tensor loops = m->decode(z, labels);
        QCOMPARE(loops.sizes(), layers.sizes());
        const double diff = (loops - layers).abs().max().item<double>(), scale = layers.abs().max().item<double>();
        QVERIFY2(diff < 1e-5 * scale + 1e-6, qPrintable(QString("%1 of %2").arg(diff).arg(scale)));
        const torch::Tensor images = torch::sigmoid(layers).squeeze(1);
        QVERIFY(torch::equal(toGrayLevels(images), images.mul(255.0).round().clamp(0, 255).to(torch::kUInt8)));
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
