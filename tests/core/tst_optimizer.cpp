// The fused Adam step (training/FusedAdam) against torch::optim::Adam, step for step.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "training/FusedAdam.h"

#include "runtime/TorchHeaders.h"

#include <QtTest>
#endif

using namespace latent;

class TestOptimizer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fusedAdamMatchesTorchAdam()
    {
        torch::manual_seed(1);
        torch::Tensor w1 = torch::randn({300, 70}).requires_grad_(true);
        torch::Tensor w2 = w1.detach().clone().requires_grad_(true);
        torch::Tensor odd1 = torch::randn({40, 30}).t().requires_grad_(true);  // not contiguous
        torch::Tensor odd2 = odd1.detach().clone().requires_grad_(true);
        FusedAdam fused({w1, odd1}, FusedAdam::Options{0.01});
        torch::optim::Adam ref({w2, odd2}, torch::optim::AdamOptions(0.01));
        for (int step = 0; step < 20; ++step) {
            const torch::Tensor g = torch::randn({300, 70}), h = torch::randn({30, 40});
            fused.zeroGrad();
            ref.zero_grad();
            (w1 * g).sum().add((odd1 * h).sum()).backward();
            (w2 * g).sum().add((odd2 * h).sum()).backward();
            fused.step();
            ref.step();
        }
        QVERIFY((w1 - w2).abs().max().item<double>() < 1e-5);
        QVERIFY((odd1 - odd2).abs().max().item<double>() < 1e-5);
        QVERIFY((w1 - w1.detach().clone().fill_(0)).abs().sum().item<double>() > 0);
    }
};

QTEST_GUILESS_MAIN(TestOptimizer)
#include "tst_optimizer.moc"
