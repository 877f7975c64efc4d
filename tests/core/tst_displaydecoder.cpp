// Decodes for display (inference/DisplayDecoder), built from a model: within two grey levels of the
// model's own decode, following its weights when they change in place or are swapped, and the
// model's decode itself on the reference path.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "analysis/Analysis.h"
#include "inference/DisplayDecoder.h"
#include "models/ConvVae.h"
#include "models/ModelFactory.h"
#include "runtime/FastPaths.h"
#include "TestData.h"

#include <QtTest>
#endif

using namespace latent;

using testdata::specOf;

class TestDisplayDecoder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The conv VAE's pictures for 64 codes or more take bf16 products: within two grey levels of
    // its exact decode; fewer codes decode exactly.
    void convVaeDisplayIsWithinTwoGreyLevels()
    {
        torch::manual_seed(4);
        ConvVae model;
        model->eval();
        torch::NoGradGuard noGrad;
        DisplayDecoder display(model.ptr());
        for (int rows : {3, 101}) {
            const torch::Tensor z = torch::randn({rows, 2}) * 2;
            const torch::Tensor exact = toGrayLevels(torch::sigmoid(model->decode(z, noLabels())).squeeze(1)).to(torch::kInt);
            const torch::Tensor shown = toGrayLevels(decodeImages(display, z, noLabels())).to(torch::kInt);
            const int levels = (shown - exact).abs().max().item<int>();
            qInfo("%d codes: at most %d grey levels off", rows, levels);
            QVERIFY2(rows < 64 ? levels == 0 : levels <= 2, qPrintable(QString::number(levels)));
        }
    }

    // Under LATENT_REFERENCE (or with gradients) the pictures are the model's own decode.
    void referencePathIsTheModelsDecode()
    {
        torch::manual_seed(5);
        Autoencoder m = makeModel(specOf(ModelKind::Vae));
        m->eval();
        torch::NoGradGuard noGrad;
        DisplayDecoder display(m);
        const torch::Tensor z = torch::randn({1, 2});
        setReferencePaths(true);
        const torch::Tensor shown = display.decode(z, noLabels()), exact = m->decode(z, noLabels());
        setReferencePaths(false);
        QVERIFY(torch::equal(shown, exact));
    }

    // The drag's preview reads the wide layers' weights as bf16 copies: within
    // two grey levels of the exact decoder, for one point and a few, and still so after the weights
    // change in place (an optimiser step) or are swapped for new storage (a load): no stale copy.
    void displayDecodeFollowsWeights_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("vae") << int(ModelKind::Vae);
        QTest::newRow("cvae") << int(ModelKind::Cvae);
        QTest::newRow("aae") << int(ModelKind::Aae);
        QTest::newRow("map") << int(ModelKind::Map);
    }

    void displayDecodeFollowsWeights()
    {
        QFETCH(int, kind);
        const ModelSpec spec = specOf(ModelKind(kind));
        torch::manual_seed(8);
        Autoencoder m = makeModel(spec);
        m->eval();
        torch::NoGradGuard noGrad;
        DisplayDecoder display(m);  // one decoder throughout, as the window's session keeps one
        auto levelsOff = [&](int rows) {
            const torch::Tensor z = torch::randn({rows, spec.codeSize()}) * 2;
            const torch::Tensor labels = spec.isConditional() ? torch::full({rows}, 7, torch::kLong) : noLabels();
            const torch::Tensor shown = toGrayLevels(decodeImages(display, z, labels)).to(torch::kInt);
            const torch::Tensor exact = toGrayLevels(torch::sigmoid(m->decode(z, labels)).squeeze(1)).to(torch::kInt);
            return (shown - exact).abs().max().item<int>();
        };
        for (int rows : {1, 3}) QVERIFY2(levelsOff(rows) <= 2, qPrintable(QString("%1 rows").arg(rows)));
        std::vector<torch::Tensor> weights;
        for (const auto& p : m->named_parameters())
            if (p.key().find("decoder") != std::string::npos && p.value().dim() == 2 && p.value().numel() >= 65536)
                weights.push_back(p.value());
        QVERIFY(!weights.empty());
        for (auto& w : weights) w.neg_();  // in place: the version counter moves
        QVERIFY(levelsOff(1) <= 2);
        for (auto& w : weights) w.set_data(w.neg());  // new storage, same version
        QVERIFY(levelsOff(1) <= 2);
    }
};

QTEST_GUILESS_MAIN(TestDisplayDecoder)
#include "tst_displaydecoder.moc"
