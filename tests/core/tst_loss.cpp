// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "models/Autoencoder.h"
#include "training/Loss.h"

#include <QtTest>

#include <cmath>
#endif

using namespace latent;

class TestLoss : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bceFromLogitsMatchesHandComputation()
    {
        // Two images of two pixels. BCE(l, t) = -(t log s + (1-t) log(1-s)), s = sigmoid(l).
        const torch::Tensor logits = torch::tensor({{0.0f, 2.0f}, {-1.0f, 3.0f}});
        const torch::Tensor target = torch::tensor({{1.0f, 0.0f}, {0.5f, 1.0f}});
        double sum = 0;
        const double l[4] = {0, 2, -1, 3}, t[4] = {1, 0, 0.5, 1};
        for (int i = 0; i < 4; ++i) {
            const double s = 1 / (1 + std::exp(-l[i]));
            sum += -(t[i] * std::log(s) + (1 - t[i]) * std::log(1 - s));
        }
        // = 0.693147 + 2.126928 + 0.813262 + 0.048587 = 3.681924; averaged over the batch of 2.
        QVERIFY(std::abs(sum / 2 - 1.840962) < 1e-5);
        const double got = reconstructionLoss(logits, target, ReconstructionLoss::Bce).item<double>();
        QVERIFY2(std::abs(got - sum / 2) < 1e-5, qPrintable(QString::number(got)));
    }
    void bceStaysFiniteForSaturatedLogits()
    {
        const torch::Tensor logits = torch::tensor({{-200.0f, 200.0f}});
        const torch::Tensor target = torch::tensor({{1.0f, 0.0f}});
        const double got = reconstructionLoss(logits, target, ReconstructionLoss::Bce).item<double>();
        QVERIFY(std::isfinite(got));
        QVERIFY(std::abs(got - 400.0) < 1e-3);  // each pixel costs |l|
    }
    void mseComparesSigmoidOutputs()
    {
        const torch::Tensor logits = torch::tensor({{0.0f, 0.0f}});
        const torch::Tensor target = torch::tensor({{1.0f, 0.0f}});
        // sigmoid(0) = 0.5: (0.5)^2 + (0.5)^2 = 0.5, batch of 1.
        QCOMPARE(reconstructionLoss(logits, target, ReconstructionLoss::Mse).item<double>(), 0.5);
    }
    void klMatchesClosedForm()
    {
        // KL(N(mu, s^2) || N(0,1)) = 0.5 * (mu^2 + s^2 - 1 - log s^2) per dim.
        const torch::Tensor mean = torch::tensor({{1.0f, 0.0f}, {0.0f, -2.0f}});
        const torch::Tensor logvar = torch::tensor({{0.0f, std::log(4.0f)}, {0.0f, 0.0f}});
        const double expected = (0.5 * 1 + 0.5 * (4 - 1 - std::log(4.0)) + 0 + 0.5 * 4) / 2;
        QVERIFY(std::abs(klDivergence(mean, logvar).item<double>() - expected) < 1e-6);
        QCOMPARE(klDivergence(torch::zeros({3, 2}), torch::zeros({3, 2})).item<double>(), 0.0);
    }
    void totalAppliesBetaToKlOnly()
    {
        ModelOutput out{torch::zeros({2, 1, 2, 2}), torch::ones({2, 3}), torch::zeros({2, 3})};
        const torch::Tensor target = torch::zeros({2, 1, 2, 2});
        const LossParts p1 = computeLoss(out, target, ReconstructionLoss::Bce, 1.0);
        const LossParts p4 = computeLoss(out, target, ReconstructionLoss::Bce, 4.0);
        QVERIFY(std::abs(p1.reconstruction.item<double>() - 4 * std::log(2.0)) < 1e-5);
        QVERIFY(std::abs(p1.kl.item<double>() - 1.5) < 1e-6);  // 3 dims x 0.5 * mu^2
        QVERIFY(std::abs(p4.total.item<double>() - (4 * std::log(2.0) + 4 * 1.5)) < 1e-5);
        ModelOutput plain{torch::zeros({2, 1, 2, 2}), torch::ones({2, 3}), {}};
        const LossParts pa = computeLoss(plain, target, ReconstructionLoss::Bce, 4.0);
        QCOMPARE(pa.kl.item<double>(), 0.0);
        QCOMPARE(pa.total.item<double>(), pa.reconstruction.item<double>());
    }
    void reparameterizationHasTheRightMoments()
    {
        torch::manual_seed(0);
        const torch::Tensor mean = torch::full({200000, 1}, 3.0);
        const torch::Tensor logvar = torch::full({200000, 1}, std::log(0.25));
        const torch::Tensor z = reparameterize(mean, logvar);
        QVERIFY(std::abs(z.mean().item<double>() - 3.0) < 0.01);
        QVERIFY(std::abs(z.std().item<double>() - 0.5) < 0.01);
    }
};

QTEST_GUILESS_MAIN(TestLoss)
#include "tst_loss.moc"
