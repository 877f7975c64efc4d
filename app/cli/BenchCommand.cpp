#include "Commands.h"

#include "ArgParser.h"
#include "CliSupport.h"
#include "JsonWriter.h"

#include "analysis/Analysis.h"
#include "data/DatasetLocator.h"
#include "models/ModelCatalog.h"
#include "models/ModelFactory.h"
#include "runtime/Gemm.h"
#include "runtime/ParallelFor.h"
#include "runtime/RuntimeInfo.h"
#include "training/Trainer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>

using namespace latent;

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point from) { return std::chrono::duration<double>(Clock::now() - from).count(); }

double percentile(std::vector<double> v, double p)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p / 100.0 * double(v.size() - 1) + 0.5))];
}

struct BenchModel {
    std::string name;  // as bench/pytorch_reference.py names it
    ModelKind kind;
    Arch arch;
};

const std::vector<BenchModel>& benchModels()
{
    static const std::vector<BenchModel> models = {{"vae", ModelKind::Vae, Arch::Mlp}, {"vae-conv", ModelKind::Vae, Arch::Conv},
                                                   {"ae", ModelKind::Ae, Arch::Conv},  {"dae", ModelKind::Dae, Arch::Wide},
                                                   {"sr", ModelKind::Sr, Arch::Conv},  {"cvae", ModelKind::Cvae, Arch::Mlp},
                                                   {"aae", ModelKind::Aae, Arch::Mlp}};
    return models;
}

// Multiply-adds of one MLP VAE training sample: forward, weight gradients, and input gradients of
// every layer but the first.
double mlpVaeTrainingFlops(int latent)
{
    const double in = 784, hidden = 512, z = latent;
    const double forward = in * hidden + 2 * hidden * z + z * hidden + hidden * in;
    return 2.0 * (3 * forward - in * hidden);
}

// What this CPU's GEMM reaches on a large product (1024^3), fp32 and bf16: the practical ceiling
// the training figures are set against.
double gemmGflops(bool bf16)
{
    const torch::Tensor a = torch::rand({1024, 1024}), b = torch::rand({1024, 1024});
    const torch::Tensor ab = bf16 ? a.to(torch::kBFloat16) : a, bb = bf16 ? b.to(torch::kBFloat16) : b;
    torch::Tensor c = torch::empty({1024, 1024});
    Gemm::mm(c, ab, bb);
    std::vector<double> t;
    for (int i = 0; i < 9; ++i) {
        const auto start = Clock::now();
        Gemm::mm(c, ab, bb);
        t.push_back(seconds(start));
    }
    return 2.0 * 1024 * 1024 * 1024 / percentile(t, 50) / 1e9;
}

std::vector<BenchModel> chosenModels(const std::string& list, const std::string& names)
{
    std::vector<BenchModel> chosen;
    std::stringstream in(list);
    for (std::string name; std::getline(in, name, ',');) {
        const auto it = std::find_if(benchModels().begin(), benchModels().end(), [&](const BenchModel& m) { return m.name == name; });
        if (it == benchModels().end()) throw UsageError("bench: unknown model '" + name + "' (expected some of " + names + ")");
        chosen.push_back(*it);
    }
    return chosen;
}

// The trainer's own samples per second over the second of two epochs.
double trainingSpeed(Autoencoder model, const ModelSpec& spec, const ImageDataset& train, const std::string& device)
{
    TrainOptions o;
    o.device = device;
    o.epochs = 2;
    o.threads = at::get_num_threads();
    o.progressEvery = 1000000;
    double samplesPerSecond = 0;
    Trainer trainer(std::move(model), spec, o);
    trainer.setEpochCallback([&](const EpochReport& r) { samplesPerSecond = r.samplesPerSecond; });
    trainer.train(train);
    return samplesPerSecond;
}

// One latent point decoded `points` times as the latent view's drag does it, and a 30x30 grid.
void decodeFigures(AutoencoderImpl& model, const ModelSpec& spec, int points, const std::string& k, JsonWriter& j)
{
    model.eval();
    // One decoder for the whole run, as the window's session keeps one per model (its bf16 copies).
    DisplayDecoder display(std::shared_ptr<AutoencoderImpl>(model.shared_from_this(), &model));
    const int dim = spec.codeSize();
    const torch::Tensor labels = spec.isConditional() ? torch::full({1}, 3, torch::kLong) : noLabels();
    std::vector<double> t;
    const torch::Tensor zs = torch::randn({points, dim});
    {
        // On this thread alone, as the window decodes its drag (InferenceSession::decode).
        const SerialRegion serial(at::get_num_threads());
        for (int i = 0; i < points; ++i) {
            const auto start = Clock::now();
            const torch::Tensor img = toGrayLevels(decodeImages(display, zs[i].unsqueeze(0), labels));
            (void)img.data_ptr<uint8_t>();
            t.push_back(seconds(start) * 1e6);
        }
    }
    GridOptions g;
    g.n = 30;
    g.digit = spec.isConditional() ? 3 : -1;
    std::vector<double> grid, decoder;
    const torch::Tensor z900 = torch::randn({900, dim});
    const torch::Tensor labels900 = spec.isConditional() ? torch::full({900}, 3, torch::kLong) : noLabels();
    for (int i = 0; i < 7; ++i) {
        auto start = Clock::now();
        (void)decodeGrid(display, dim, g);
        grid.push_back(seconds(start) * 1e3);
        start = Clock::now();
        (void)decodeImages(display, z900, labels900);
        decoder.push_back(seconds(start) * 1e3);
    }
    j.add(k + "decode_point_us_median", percentile(t, 50)).add(k + "decode_point_us_p99", percentile(t, 99));
    j.add(k + "grid30_ms_median", percentile(grid, 50)).add(k + "decoder900_ms_median", percentile(decoder, 50));
    std::printf(", one point %.0f us (p99 %.0f), 30x30 grid %.1f ms (decoding alone %.1f ms)", percentile(t, 50), percentile(t, 99),
                percentile(grid, 50), percentile(decoder, 50));
}

}  // namespace

int cmdBench(const std::vector<std::string>& args)
{
    std::string names;
    for (const BenchModel& m : benchModels()) names += (names.empty() ? "" : ",") + m.name;
    ArgParser p("bench", "Speed figures for each model kind: the training loop (samples/s of the trainer's own step on\n"
                         "--images training images, the second of two epochs), decoding one latent point (the latent\n"
                         "view's drag), decoding a 30x30 grid, and the products' GFLOP/s against this CPU's GEMM.\n"
                         "bench/bench_all.sh runs it beside the PyTorch reference in alternating rounds.");
    p.option("data", "NAME|DIR", "mnist, fashion-mnist, or a folder of IDX files", "mnist")
        .option("models", "LIST", "comma-separated, of " + names, names)
        .option("images", "N", "training images per epoch", "12800")
        .option("points", "N", "single-point decodes timed", "2000")
        .option("threads", "N", "torch/OpenBLAS threads (0: one per core)", "0")
        .flag("json", "print one JSON object (keys MODEL.figure) on stdout");
    cli::addDeviceOption(p);
    if (!p.parse(args)) {
        std::cout << p.help();
        return 0;
    }
    configureThreads(p.integer("threads", 0, 256));
    const std::string device = cli::deviceFor(p);
    const int images = p.integer("images", 128, 10000000);
    const int points = p.integer("points", 10, 1000000);
    const std::vector<BenchModel> chosen = chosenModels(p.str("models"), names);
    DatasetSplits data = DatasetLocator::load(p.str("data"));
    const ImageDataset train = data.train.subset(std::min<int64_t>(images, data.train.size()));
    const RuntimeInfo runtime = RuntimeInfo::current();
    std::fprintf(stderr, "%s\n", runtime.summary().c_str());

    JsonWriter j;
    j.add("threads", at::get_num_threads()).add("products", runtime.products).add("blas", runtime.blasName).add("device", device);
    const double fp32 = gemmGflops(false), bf16 = Gemm::hasNativeBf16() ? gemmGflops(true) : 0.0;
    j.add("gemm_fp32_gflops", fp32).add("gemm_bf16_gflops", bf16);
    std::printf("GEMM 1024^3 on %d threads: fp32 %.0f GFLOP/s, bf16 %.0f GFLOP/s\n", at::get_num_threads(), fp32, bf16);

    for (const BenchModel& m : chosen) {
        torch::manual_seed(0);
        ModelSpec spec = ModelSpec::forKind(m.kind, m.arch);
        spec.dataset = p.str("data");
        Autoencoder model = makeModel(spec);
        const double samplesPerSecond = trainingSpeed(model, spec, train, device);
        const std::string k = m.name + ".";
        j.add(k + "train_samples_per_second", samplesPerSecond);
        std::printf("%-9s training loop %8.0f samples/s", m.name.c_str(), samplesPerSecond);
        if (m.name == "vae") {
            const double gflops = samplesPerSecond * mlpVaeTrainingFlops(spec.latentDim) / 1e9;
            j.add(k + "train_gflops", gflops);
            std::printf(" (%.0f GFLOP/s in its products)", gflops);
        }
        if (spec.hasLatent()) decodeFigures(*model, spec, points, k, j);
        std::printf("\n");
        std::fflush(stdout);
    }
    if (p.isSet("json")) std::cout << j.str() << std::endl;
    return 0;
}
