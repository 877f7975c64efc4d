// Every hand-written fast path against plain LibTorch. CTest starts this process with
// LATENT_REFERENCE=1, so the reference side is LibTorch's own operations on the system BLAS from
// the first product on; the fast side is switched on here (setReferencePaths(false)) for the
// computation it is compared with. Each model kind: forward, gradients, one optimiser step and
// the decodes the window draws.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "TestData.h"
#include "analysis/Analysis.h"
#include "analysis/NeighbourGraph.h"
#include "inference/DisplayDecoder.h"
#include "models/ModelInput.h"
#include "models/ModelCatalog.h"
#include "models/ModelFactory.h"
#include "runtime/FastPaths.h"
#include "runtime/Gemm.h"
#include "runtime/KernelIsa.h"
#include "kernels/KernelSupport.h"
#include "runtime/RuntimeInfo.h"
#include "training/Loss.h"
#include "training/TrainStepFactory.h"
#include "training/UmapLayout.h"

#include <QtTest>

#include <dlfcn.h>
#endif

using namespace latent;

namespace {

// Runs f with the fast paths on, then back to the reference.
template <typename F>
auto withFastPaths(F&& f)
{
    setReferencePaths(false);
    struct Back {
        ~Back() { setReferencePaths(true); }
    } back;
    return f();
}

// ||a - b|| / ||b|| (0 for two zero tensors).
double relativeError(const torch::Tensor& a, const torch::Tensor& b)
{
    const double norm = b.to(torch::kFloat64).norm().item<double>();
    const double diff = (a.to(torch::kFloat64) - b.to(torch::kFloat64)).norm().item<double>();
    return norm > 0 ? diff / norm : diff;
}

ModelSpec specFor(ModelKind kind, Arch arch)
{
    ModelSpec spec = ModelSpec::forKind(kind, arch);
    spec.dataset = "synthetic";
    return spec;
}

// A copy of model's weights in a model built (and laid out) under the current switch.
Autoencoder twin(const ModelSpec& spec, AutoencoderImpl& model)
{
    torch::manual_seed(99);
    Autoencoder copy = makeModel(spec);
    torch::NoGradGuard noGrad;
    const auto from = model.named_parameters(true);
    for (auto& p : copy->named_parameters(true)) p.value().copy_(from[p.key()]);
    const auto fromBuffers = model.named_buffers(true);
    for (auto& b : copy->named_buffers(true)) b.value().copy_(fromBuffers[b.key()]);
    return copy;
}

struct Pass {
    torch::Tensor reconstruction, mean, loss;
    std::map<std::string, torch::Tensor> grads;
};

// Forward in training mode, a loss that reaches every output, and its gradients.
Pass forwardBackward(AutoencoderImpl& model, const ModelSpec& spec, const TrainBatch& b)
{
    model.train();
    model.zero_grad();
    torch::manual_seed(5);  // the VAEs' reparameterisation noise: the same on both sides
    const ModelOutput out = model.forward(b.input, b.labels);
    const LossParts loss = computeLoss(out, b.target, spec.reconstruction, 1.0);
    loss.total.backward();
    Pass p{out.reconstruction.detach().clone(), out.mean.detach().clone(), loss.total.detach().clone(), {}};
    for (const auto& q : model.named_parameters(true))
        if (q.value().grad().defined()) p.grads[q.key()] = q.value().grad().clone();
    return p;
}

}  // namespace

class TestReference : public QObject {
    Q_OBJECT

    latent::ImageDataset digits = testdata::syntheticDigits(64, 4);

    TrainBatch batchFor(const ModelSpec& spec, int64_t n)
    {
        const torch::Tensor clean = digits.images.slice(0, 0, n).unsqueeze(1).to(torch::kFloat32).div(255.0);
        torch::manual_seed(3);
        return {modelInput(spec, clean), clean, digits.labels.slice(0, 0, n).to(torch::kLong), torch::arange(n)};
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The environment switch, not this test, turned the reference on.
        QVERIFY2(referencePaths(), "run with LATENT_REFERENCE=1 (CTest does)");
        const RuntimeInfo r = RuntimeInfo::current();
        QVERIFY(r.reference);
        QVERIFY2(QString::fromStdString(r.fastPaths).startsWith("reference"), r.fastPaths.c_str());
        QCOMPARE(QString::fromStdString(Gemm::describe()), QString("torch::mm"));
        QVERIFY(!Gemm::hasNativeBf16());
    }

    // LATENT_ISA chooses the loops' variant at start (CTest runs this alone with LATENT_ISA=avx2).
    void isaComesFromTheEnvironment()
    {
        if (!qEnvironmentVariableIsSet("LATENT_ISA")) QSKIP("LATENT_ISA is not set");
        const QByteArray wanted = qgetenv("LATENT_ISA");
        const Isa expected = wanted == "generic" ? Isa::Generic : wanted == "avx2" ? Isa::Avx2 : Isa::Avx512;
        QCOMPARE(int(isa()), std::min(int(expected), int(bestIsa())));
        const std::string said = withFastPaths([] { return describeFastPaths(); });
        QVERIFY2(said.find("loops compiled for " + std::string(isaName(isa()))) != std::string::npos, said.c_str());
    }

    // LibTorch's Linear reaches the system BLAS with the reference on, and oneDNN's GEMM (when the
    // process has it) with the fast paths on; both give the product the system BLAS gives.
    void libtorchProductsReachTheSystemBlas()
    {
        using FortranSgemm = void (*)(const char*, const char*, const int*, const int*, const int*, const float*, const float*, const int*,
                                      const float*, const int*, const float*, float*, const int*);
        // The first sgemm_ after this executable's own (BlasRoute.cpp): libblas.so.3's.
        const auto system = reinterpret_cast<FortranSgemm>(dlsym(RTLD_NEXT, "sgemm_"));
        QVERIFY(system);
        torch::manual_seed(1);
        torch::nn::Linear layer(torch::nn::LinearOptions(300, 200).bias(false));
        const torch::Tensor x = torch::randn({64, 300});
        // Row-major y = x W^T is column-major y^T = W x^T: W^T (column-major [300, 200]) transposed.
        torch::Tensor expected = torch::zeros({64, 200});
        {
            const int m = 200, n = 64, k = 300;
            const float one = 1, zero = 0;
            const torch::Tensor w = layer->weight.detach().contiguous(), xc = x.contiguous();
            system("T", "N", &m, &n, &k, &one, w.data_ptr<float>(), &k, xc.data_ptr<float>(), &k, &zero, expected.data_ptr<float>(), &m);
        }
        torch::NoGradGuard noGrad;
        const int64_t before = Gemm::oneDnnProductCount();
        const torch::Tensor reference = layer(x);
        QCOMPARE(Gemm::oneDnnProductCount(), before);  // the reference never takes oneDNN's GEMM
        QVERIFY2(relativeError(reference, expected) < 1e-6, qPrintable(QString::number(relativeError(reference, expected))));
        const torch::Tensor fast = withFastPaths([&] { return layer(x); });
        QVERIFY2(relativeError(fast, expected) < 1e-5, qPrintable(QString::number(relativeError(fast, expected))));
        // The fast side's product went through oneDNN (where the process has it). Its result may
        // equal OpenBLAS's to the bit (it did on an Intel Xeon with OpenBLAS's SkylakeX kernels).
        if (withFastPaths([] { return Gemm::usesOneDnn(); }))
            QVERIFY2(Gemm::oneDnnProductCount() > before, "the fast side did not take oneDNN's GEMM");
    }

    // LAPACK through OpenBLAS (linalg::eigh in the PCA) in a process whose sgemm_ is rerouted:
    // A V = V diag(w), V orthonormal, either way.
    // Every bf16 copy (weights for the drag, the transposed convolution's operands, the kernels'
    // stores) rounds as LibTorch does: nearest even, every NaN the quiet NaN 0x7FC0.
    void bf16RoundingIsLibTorchs()
    {
        std::vector<float> values = {0.f,
                                     -0.f,
                                     1.f,
                                     -1.f,
                                     1.00390625f,
                                     1.01171875f,
                                     1.0078125f,
                                     3.14159265f,
                                     1e-40f,
                                     -1e-45f,
                                     3.4e38f,
                                     -3.4e38f,
                                     std::numeric_limits<float>::infinity(),
                                     -std::numeric_limits<float>::infinity(),
                                     std::numeric_limits<float>::max(),
                                     std::numeric_limits<float>::quiet_NaN(),
                                     -std::numeric_limits<float>::quiet_NaN(),
                                     std::numeric_limits<float>::signaling_NaN()};
        for (uint32_t bits : {0x7F800001u, 0xFFC12345u, 0x3F808000u, 0x3F818000u, 0x3F80FFFFu, 0x7F7FFFFFu}) {
            float f;
            std::memcpy(&f, &bits, sizeof f);
            values.push_back(f);
        }
        while (values.size() % 16) values.push_back(0.5f);
        std::vector<uint16_t> bulk(values.size()), lanes(values.size());
        toBf16(values.data(), int64_t(values.size()), bulk.data());
        for (size_t i = 0; i < values.size(); i += 16) kernels::store16(lanes.data() + i, kernels::load16(values.data() + i));
        for (size_t i = 0; i < values.size(); ++i) {
            const uint16_t libtorch = c10::BFloat16(values[i]).x;
            QCOMPARE(toBf16(values[i]), libtorch);
            QCOMPARE(bulk[i], libtorch);
            QCOMPARE(lanes[i], libtorch);
            if (!std::isnan(values[i])) QCOMPARE(fromBf16(libtorch), float(c10::BFloat16(values[i])));
        }
    }

    void pcaEigenvectorsAreRightEitherWay()
    {
        torch::manual_seed(2);
        const torch::Tensor data = torch::randn({500, 40}).matmul(torch::randn({40, 40}));
        for (bool fast : {false, true}) {
            setReferencePaths(!fast);
            const torch::Tensor c = data - data.mean(0);
            const torch::Tensor cov = c.t().matmul(c) / double(c.size(0) - 1);
            const auto [w, v] = at::linalg_eigh(cov, "L");
            const double residual = relativeError(cov.matmul(v), v * w.unsqueeze(0));
            QVERIFY2(residual < 1e-5, qPrintable(QString("%1: %2").arg(fast ? "fast" : "reference").arg(residual)));
            QVERIFY(relativeError(v.t().matmul(v), torch::eye(40)) < 1e-5);
            const Pca pca = Pca::fit(data, 5);
            const torch::Tensor back = pca.inverseTransform(pca.transform(data));
            // Five components of forty keep most of the variance, as eigh's largest values say.
            const double kept = 1 - (data - back).pow(2).sum().item<double>() / c.pow(2).sum().item<double>();
            const double expectedKept = w.slice(0, 35, 40).sum().item<double>() / w.sum().item<double>();
            QVERIFY2(std::abs(kept - expectedKept) < 1e-3, qPrintable(QString("%1 vs %2").arg(kept).arg(expectedKept)));
        }
        setReferencePaths(true);
    }

    // UMAP's layout epoch: the hand-written pass over the pairs moves every point as the
    // whole-tensor reference does (the sums in another order), close pairs and far ones, with
    // clipped moves among them, on one thread and on two.
    void umapLayoutMovesMatchTheReference()
    {
        torch::manual_seed(5);
        const int64_t n = 2000;
        const torch::Tensor y = torch::randn({n, 2}) * 4;
        y.narrow(0, 0, 10).copy_(y.narrow(0, 10, 10) + 1e-4);  // near-duplicates: the clipped branch
        const torch::Tensor h = torch::randint(n, {30000}, torch::kLong), t = torch::randint(n, {30000}, torch::kLong);
        const torch::Tensor nt = torch::randint(n, {30000, 5}, torch::kLong);
        const UmapCurve curve = UmapCurve::fit(0.1);
        const torch::Tensor reference = umapLayoutMoves(y, h, t, nt, curve, 0.7);
        QVERIFY(reference.abs().max().item<double>() > 1);
        for (int threads : {1, 2}) {
            at::set_num_threads(threads);
            const torch::Tensor fast = withFastPaths([&] { return umapLayoutMoves(y, h, t, nt, curve, 0.7); });
            const double error = (fast - reference).abs().max().item<double>();
            QVERIFY2(error < 1e-4 * (1 + reference.abs().max().item<double>()),
                     qPrintable(QString("%1 threads: %2").arg(threads).arg(error)));
        }
        at::set_num_threads(2);
    }

    // The neighbour search's tiles and running lists find what whole blocks and torch::topk find:
    // the same neighbours at the same distances, in pixels and in the projection, with blocks and
    // tiles that do not divide the set.
    void neighbourSearchMatchesTheReference()
    {
        torch::manual_seed(8);
        const torch::Tensor clean = testdata::syntheticDigits(5000, 3).images.reshape({5000, -1}).to(torch::kFloat32).div(255.0);
        const torch::Tensor x = (clean + 0.3 * torch::rand_like(clean)).clamp(0, 1);
        for (int components : {0, 50}) {
            NeighbourSearchOptions o;
            o.pcaComponents = components;
            o.blockRows = 700;
            const NeighbourList reference = nearestNeighbours(x, o);
            const NeighbourList fast = withFastPaths([&] { return nearestNeighbours(x, o); });
            QVERIFY2(torch::allclose(fast.distances, reference.distances, 1e-5, 1e-4),
                     qPrintable(QString::number((fast.distances - reference.distances).abs().max().item<double>())));
            const double same = (fast.indices == reference.indices).to(torch::kDouble).mean().item<double>();
            QVERIFY2(same > 0.999, qPrintable(QString("%1 components: %2 of the neighbours the same").arg(components).arg(same)));
        }
    }

    void everyModelKindAgreesWithTheReference_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("arch");
        QTest::addColumn<int>("level");
        // Every variant of the loops this CPU can run, not only the one it would choose.
        for (int level = 0; level <= int(bestIsa()); ++level)
            for (const ModelKindInfo& k : ModelCatalog::kinds())
                for (Arch a : k.archs)
                    QTest::newRow((std::string(k.name) + "-" + toString(a) + "-" + isaName(Isa(level))).c_str())
                        << int(k.kind) << int(a) << level;
    }

    // Tolerances: both sides compute in float; only the order of the sums differs (oneDNN's and
    // the loops' blocking against OpenBLAS's), which leaves relative differences of ~1e-6 per
    // product and ~1e-5 after a few layers and their gradients: 1e-4 relative. Decoded pixels and
    // the pictures after one step differed by at most 1.2e-7 here: 2e-5 absolute (a 50% larger
    // Adam step on the fast side moved them by 1.5e-3 and failed every conv row).
    void everyModelKindAgreesWithTheReference()
    {
        QFETCH(int, kind);
        QFETCH(int, arch);
        QFETCH(int, level);
        setIsa(Isa(level));
        const auto restore = qScopeGuard([] { setIsa(bestIsa()); });
        QCOMPARE(int(isa()), level);
        const ModelSpec spec = specFor(ModelKind(kind), Arch(arch));
        const TrainBatch batch = batchFor(spec, 32);
        torch::manual_seed(7);
        Autoencoder reference = makeModel(spec);
        Autoencoder fast = withFastPaths([&] { return twin(spec, *reference); });

        // Forward and gradients.
        const Pass r = forwardBackward(*reference, spec, batch);
        const Pass f = withFastPaths([&] { return forwardBackward(*fast, spec, batch); });
        QVERIFY2(relativeError(f.reconstruction, r.reconstruction) < 1e-4,
                 qPrintable(QString::number(relativeError(f.reconstruction, r.reconstruction))));
        QVERIFY(relativeError(f.mean, r.mean) < 1e-4);
        QVERIFY(std::abs(f.loss.item<double>() - r.loss.item<double>()) <= 1e-4 * std::abs(r.loss.item<double>()));
        QCOMPARE(f.grads.size(), r.grads.size());
        for (const auto& [name, g] : r.grads)
            QVERIFY2(relativeError(f.grads.at(name), g) < 1e-4,
                     qPrintable(QString("%1: %2").arg(QString::fromStdString(name)).arg(relativeError(f.grads.at(name), g))));

        // One optimiser step through the train step each side makes (the MLP VAE's hand-written
        // step and the fused Adam on the fast side), products in float on both.
        TrainOptions options;
        options.matmul = MatmulPrecision::Float32;
        Autoencoder refStepped = twin(spec, *reference), fastStepped = withFastPaths([&] { return twin(spec, *reference); });
        refStepped->train();
        fastStepped->train();
        auto refStep = makeTrainStep(*refStepped, spec, options);
        auto fastStep = withFastPaths([&] { return makeTrainStep(*fastStepped, spec, options); });
        // The map's neighbour graph and layout, the same on both sides (its layout loop is compared
        // in umapLayoutMovesMatchTheReference; 200 epochs from two summation orders end apart); a no-op for the rest.
        QVERIFY(refStep->prepare(digits, {}));
        QVERIFY(fastStep->prepare(digits, {}));
        torch::manual_seed(11);
        const LossFigures rl = refStep->run(batch, 1.0);
        torch::manual_seed(11);
        const LossFigures fl = withFastPaths([&] { return fastStep->run(batch, 1.0); });
        QVERIFY2(std::abs(fl.total - rl.total) <= 1e-4 * std::abs(rl.total), qPrintable(QString("%1 vs %2").arg(fl.total).arg(rl.total)));
        // Adam's first step moves each weight by about lr whatever the gradient's size, so a
        // weight whose gradient is ~0 may move either way: compare what the models now do.
        refStepped->eval();
        fastStepped->eval();
        torch::NoGradGuard noGrad;
        torch::manual_seed(13);
        const torch::Tensor afterRef = refStepped->reconstructMean(batch.input, batch.labels);
        torch::manual_seed(13);
        const torch::Tensor afterFast = withFastPaths([&] { return fastStepped->reconstructMean(batch.input, batch.labels); });
        QVERIFY2((afterFast - afterRef).abs().max().item<float>() < 2e-5,
                 qPrintable(QString::number((afterFast - afterRef).abs().max().item<float>())));

        // The decodes the window draws, in inference: the drag's single points and a grid (100 codes
        // take the same paths as the window's 30 x 30: past the bf16 threshold of 64 rows, a partial
        // last block of 8, both threads; at 900 the rows took 5 of this program's 13 s).
        if (!ModelCatalog::info(spec.kind).latent || spec.codeSize() == 0 || spec.latentDim == 0) return;
        reference->eval();
        fast->eval();
        torch::manual_seed(17);
        const torch::Tensor z1 = torch::randn({1, spec.latentDim}), z3 = torch::randn({3, spec.latentDim});
        const torch::Tensor grid = torch::randn({100, spec.latentDim});
        const auto labelsFor = [&](int64_t n) { return spec.isConditional() ? torch::arange(n, torch::kLong).remainder(10) : noLabels(); };
        for (const torch::Tensor& z : {z1, z3, grid}) {
            const torch::Tensor want = torch::sigmoid(reference->decode(z, labelsFor(z.size(0))));
            const torch::Tensor exact = withFastPaths([&] { return torch::sigmoid(fast->decode(z, labelsFor(z.size(0)))); });
            QVERIFY2((exact - want).abs().max().item<float>() < 2e-5,
                     qPrintable(QString::number((exact - want).abs().max().item<float>())));
            // The pictures' decode (inference/DisplayDecoder) may round weights or products to bf16: within 2 grey levels.
            const torch::Tensor shown = withFastPaths([&] { return torch::sigmoid(DisplayDecoder(fast).decode(z, labelsFor(z.size(0)))); });
            QVERIFY2((shown - want).abs().max().item<float>() <= 2.0f / 255,
                     qPrintable(QString::number((shown - want).abs().max().item<float>() * 255) + " grey levels"));
        }
    }
};

QTEST_GUILESS_MAIN(TestReference)
#include "tst_reference.moc"
