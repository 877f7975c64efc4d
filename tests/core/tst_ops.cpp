// The fast operations the models call (core/ops), each against the plain LibTorch it stands in for:
// transposed convolutions by GEMM or by their adjoint, fused ReLU + pooling/upsampling, one-channel
// convolutions; forward, gradients and training steps.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "ops/ConvTransposeByConvolution.h"
#include "ops/ConvTransposeGemm.h"
#include "ops/OneChannelConvolution.h"
#include "ops/ReluResampling.h"
#include "runtime/TorchCompat.h"

#include <ATen/autocast_mode.h>
#include "runtime/TorchHeaders.h"

#include <QtTest>
#endif

using namespace latent;

class TestOps : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { at::set_num_threads(2); }

    // The blocked transposed convolution (the conv VAE's inference decoder) computes LibTorch's
    // conv_transpose2d: both stride-2 layers' settings and the last layer's.
    void transposedConvolutionMatchesTorch_data()
    {
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("padding");
        QTest::addColumn<int>("outputPadding");
        QTest::addColumn<int>("cout");
        QTest::newRow("upsampling") << 2 << 1 << 1 << 32;
        QTest::newRow("last layer") << 1 << 1 << 0 << 1;
        QTest::newRow("odd sizes") << 2 << 0 << 0 << 5;
    }

    void transposedConvolutionMatchesTorch()
    {
        QFETCH(int, stride);
        QFETCH(int, padding);
        QFETCH(int, outputPadding);
        QFETCH(int, cout);
        torch::manual_seed(2);
        const int64_t n = 3, h = 6, w = 5, cin = 7;
        const torch::Tensor x = torch::randn({n, cin, h, w}), weight = torch::randn({cin, cout, 3, 3}), bias = torch::randn({cout});
        const torch::Tensor ref = torch::conv_transpose2d(x, weight, bias, stride, padding, outputPadding);
        const ConvTransposeGemm layer(weight, bias, stride, padding, outputPadding);
        QCOMPARE(layer.outputSize(h), ref.size(2));
        QCOMPARE(layer.outputSize(w), ref.size(3));
        const torch::Tensor in = x.permute({0, 2, 3, 1}).contiguous();
        torch::Tensor out = torch::full({n, ref.size(2), ref.size(3), cout}, std::nanf(""));  // every entry must be written
        std::vector<float> scratch(size_t(layer.scratchFloats(n, h, w)));
        layer.run(in.data_ptr<float>(), n, h, w, out.data_ptr<float>(), scratch.data(), false);
        const double diff = (out.permute({0, 3, 1, 2}) - ref).abs().max().item<double>();
        QVERIFY2(diff < 1e-4, qPrintable(QString::number(diff)));
    }

    // Training runs transposed layers as the adjoint of a convolution (convTranspose2d): the same
    // output and the same gradients for input, weight and bias as LibTorch's layer, in either layout.
    void transposedLayerTrainsAsTorchLayer_data()
    {
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("padding");
        QTest::addColumn<int>("outputPadding");
        QTest::addColumn<bool>("channelsLast");
        QTest::newRow("conv VAE upsampling") << 3 << 2 << 1 << 1 << true;
        QTest::newRow("conv VAE last layer") << 3 << 1 << 1 << 0 << true;
        QTest::newRow("super-resolution x2") << 2 << 2 << 0 << 0 << true;
        QTest::newRow("odd sizes, NCHW") << 3 << 2 << 0 << 1 << false;
    }

    void transposedLayerTrainsAsTorchLayer()
    {
        QFETCH(int, kernel);
        QFETCH(int, stride);
        QFETCH(int, padding);
        QFETCH(int, outputPadding);
        QFETCH(bool, channelsLast);
        torch::manual_seed(3);
        torch::nn::ConvTranspose2d layer(
            torch::nn::ConvTranspose2dOptions(6, 5, kernel).stride(stride).padding(padding).output_padding(outputPadding));
        torch::Tensor x = torch::randn({4, 6, 7, 5});
        if (channelsLast) x = x.contiguous(at::MemoryFormat::ChannelsLast);
        const torch::Tensor upstream = torch::randn_like(layer->forward(x));

        auto run = [&](bool adjoint) {
            layer->zero_grad();
            const torch::Tensor in = x.clone().requires_grad_(true);
            const torch::Tensor out = adjoint ? convTranspose2d(layer, in) : layer->forward(in);
            (out * upstream).sum().backward();
            return std::vector<torch::Tensor>{out.detach(), in.grad(), layer->weight.grad().clone(), layer->bias.grad().clone()};
        };
        const auto ours = run(true), torchs = run(false);
        const char* names[] = {"output", "input gradient", "weight gradient", "bias gradient"};
        for (size_t i = 0; i < ours.size(); ++i) {
            QCOMPARE(ours[i].sizes(), torchs[i].sizes());
            const double diff = (ours[i] - torchs[i]).abs().max().item<double>(), scale = torchs[i].abs().max().item<double>();
            QVERIFY2(diff <= 1e-5 * scale, qPrintable(QString("%1: %2 of %3").arg(names[i]).arg(diff).arg(scale)));
        }
    }

    // The encoders' ReLU + 2x2 max pooling and the decoders' ReLU + 2x upsampling, fused: the
    // outputs and input gradients of LibTorch's ops, on even and odd (ceil-mode) sizes, in float
    // and bf16 (autocast's type), channels-last (the fused loops) and NCHW (LibTorch's ops).
    void reluResamplingMatchesTorchOps_data()
    {
        QTest::addColumn<bool>("upsample");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("bf16");
        QTest::addColumn<bool>("channelsLast");
        for (bool up : {false, true})
            for (bool bf16 : {false, true}) {
                const char* name = up ? "upsample" : "pool";
                const char* type = bf16 ? "bf16" : "float";
                QTest::addRow("%s 28x28 %s", name, type) << up << 28 << 28 << bf16 << true;
                QTest::addRow("%s 7x5 %s", name, type) << up << 7 << 5 << bf16 << true;
                QTest::addRow("%s 4x4 %s NCHW", name, type) << up << 4 << 4 << bf16 << false;
            }
    }

    void reluResamplingMatchesTorchOps()
    {
        QFETCH(bool, upsample);
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(bool, bf16);
        QFETCH(bool, channelsLast);
        namespace F = torch::nn::functional;
        torch::manual_seed(5);
        torch::Tensor x = torch::randn({3, 16, height, width}).to(bf16 ? torch::kBFloat16 : torch::kFloat32);
        x.index_put_({0, 0, 0}, 0.0);  // ReLU's kink: no gradient, as LibTorch's
        if (channelsLast) x = x.contiguous(at::MemoryFormat::ChannelsLast);
        auto plain = [&](const torch::Tensor& in) {
            return upsample ? F::interpolate(torch::relu(in), F::InterpolateFuncOptions()
                                                                  .scale_factor(std::vector<double>{2.0, 2.0})
                                                                  .mode(torch::kNearest)
                                                                  .recompute_scale_factor(false))
                            : F::max_pool2d(torch::relu(in), F::MaxPool2dFuncOptions(2).ceil_mode(true));
        };
        const torch::Tensor upstream = torch::randn_like(plain(x));
        auto run = [&](bool fused) {
            const torch::Tensor in = x.detach().clone().requires_grad_(true);
            const torch::Tensor out = fused ? (upsample ? reluUpsample2(in) : reluMaxPool2(in)) : plain(in);
            (out.to(torch::kFloat32) * upstream.to(torch::kFloat32)).sum().backward();
            return std::make_pair(out.detach().to(torch::kFloat32), in.grad().to(torch::kFloat32));
        };
        const auto [out, grad] = run(true);
        const auto [torchOut, torchGrad] = run(false);
        QCOMPARE(out.sizes(), torchOut.sizes());
        QCOMPARE(grad.sizes(), torchGrad.sizes());
        QVERIFY2(torch::equal(out, torchOut), "outputs differ");
        // Only the upsampling's gradient adds (four terms); bf16 rounds the sum to 8 bits.
        const double diff = (grad - torchGrad).abs().max().item<double>();
        const double scale = torchGrad.abs().max().item<double>();
        QVERIFY2(diff <= (bf16 ? 1e-2 : 1e-6) * scale, qPrintable(QString("gradient: %1 of %2").arg(diff).arg(scale)));
        QVERIFY(grad.ne(0).any().item<bool>());
        if (x.scalar_type() == torch::kFloat32) QCOMPARE(grad[0][0][0][0].item<float>(), 0.0f);
    }

    // The first and last layers' own loops (image -> channels, channels -> image): the layer's
    // output and its input, weight and bias gradients, on odd sizes too; bf16 (autocast) within
    // bf16's precision.
    void oneChannelConvolutionMatchesLayer_data()
    {
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("out");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("bf16");
        QTest::newRow("1->16 28x28") << 1 << 16 << 28 << 28 << false;
        QTest::newRow("1->32 7x5") << 1 << 32 << 7 << 5 << false;
        QTest::newRow("1->12 5x9 (the layer's)") << 1 << 12 << 5 << 9 << false;
        QTest::newRow("1->16 28x28 bf16") << 1 << 16 << 28 << 28 << true;
        QTest::newRow("16->1 28x28") << 16 << 1 << 28 << 28 << false;
        QTest::newRow("32->1 7x5") << 32 << 1 << 7 << 5 << false;
        QTest::newRow("12->1 5x9 (the layer's)") << 12 << 1 << 5 << 9 << false;
        QTest::newRow("32->1 28x28 bf16") << 32 << 1 << 28 << 28 << true;
    }

    void oneChannelConvolutionMatchesLayer()
    {
        QFETCH(int, in);
        QFETCH(int, out);
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(bool, bf16);
        torch::manual_seed(6);
        torch::nn::Conv2d layer(torch::nn::Conv2dOptions(in, out, 3).padding(1));
        torch::Tensor x = torch::randn({5, in, height, width}).contiguous(at::MemoryFormat::ChannelsLast);
        if (in == 1) x = x.as_strided(x.sizes(), {height * width, 1, width, 1});  // as toChannelsLast gives it
        const torch::Tensor upstream = torch::randn({5, out, height, width});
        std::string ourNode;
        torch::ScalarType ourType = torch::kDouble;
        auto run = [&](bool ours) {
            layer->zero_grad();
            torch::Tensor input = x.detach().clone();
            // bf16: what autocast hands the layer (into the last layer) or makes of its output (the first).
            if (bf16 && ours && in > 1) input = input.to(torch::kBFloat16);
            input.requires_grad_(true);
            torch::Tensor y;
            {
                if (bf16 && ours && in == 1) {
                    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
                    at::autocast::set_cpu_enabled(true);
                }
                y = ours ? oneChannelConv(layer, input) : layer->forward(input);
                at::autocast::set_cpu_enabled(false);
                at::autocast::clear_cache();
            }
            if (ours) {
                ourNode = y.grad_fn()->name();
                ourType = y.scalar_type();
            }
            (y.to(torch::kFloat32) * upstream).sum().backward();
            return std::vector<torch::Tensor>{y.detach().to(torch::kFloat32), input.grad().to(torch::kFloat32),
                                              layer->weight.grad().clone(), layer->bias.grad().clone()};
        };
        const auto ours = run(true), torchs = run(false);
        // The loops ran for 16 and 32 channels, the layer for others: LibTorch names the node after
        // the autograd Function.
        const bool loops = std::max(in, out) == 16 || std::max(in, out) == 32;
        QVERIFY2((ourNode.find("OneFunction") != std::string::npos) == loops, ourNode.c_str());
        // Under autocast the first layer gives bf16 (as the layer would); the last one float.
        QCOMPARE(ourType, bf16 && in == 1 ? torch::kBFloat16 : torch::kFloat32);
        const char* names[] = {"output", "input gradient", "weight gradient", "bias gradient"};
        const double tolerance = bf16 ? 1e-2 : 1e-5;
        for (size_t i = 0; i < ours.size(); ++i) {
            QCOMPARE(ours[i].sizes(), torchs[i].sizes());
            const double diff = (ours[i] - torchs[i]).abs().max().item<double>(), scale = torchs[i].abs().max().item<double>();
            QVERIFY2(diff <= tolerance * scale, qPrintable(QString("%1: %2 of %3").arg(names[i]).arg(diff).arg(scale)));
        }
    }
};

QTEST_GUILESS_MAIN(TestOps)
#include "tst_ops.moc"
