#include "CliSupport.h"
#include "Commands.h"
#include "JsonWriter.h"
#include "data/DatasetLocator.h"
#include "persistence/Checkpoint.h"
#include "io/NumberText.h"
#include "models/ModelCatalog.h"
#include "models/ModelFactory.h"
#include "runtime/RuntimeInfo.h"
#include "training/HistoryRecorder.h"
#include "training/Trainer.h"
#include "training/TrainingPlan.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>

using namespace latent;
using namespace cli;

namespace {

std::atomic<Trainer*> gTrainer{nullptr};

extern "C" void onInterrupt(int)
{
    if (Trainer* t = gTrainer.load()) t->cancel();  // only an atomic store: safe in a handler
}

// The training settings a run is made with, by their option names; stored in the checkpoint
// (ModelSpec::hyperParameters), so that --resume goes on with the same ones.
const char* const kRunSettings[] = {"batch",    "lr",          "adversarial-lr", "optimizer",     "beta",        "kl-warmup",
                                    "seed",     "train-limit", "matmul",         "map-objective", "map-weight",  "neighbours",
                                    "min-dist", "negatives",   "layout-weight",  "map-shift",     "map-dropout", "perplexity"};

ArgParser trainParser()
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
        .option("batch", "N", "batch size (default: 128; map: 256, with --map-objective tsne 1000)")
        .option("lr", "F", "learning rate", "0.001")
        .option("adversarial-lr", "F", "aae: learning rate of the discriminator and generator phases (default: half of --lr)")
        .option("optimizer", "adam|rmsprop", "optimiser", "adam")
        .option("matmul", "auto|fp32|bf16",
                "products and convolutions with bf16 operands summed in float (auto: the MLP VAE, conv ae, dae and sr, where the CPU has "
                "AVX512-BF16; bf16: every model)",
                "auto")
        .option("beta", "F", "weight of the KL term", "1")
        .option("kl-warmup", "N", "epochs over which beta ramps up from 0", "0")
        .option("map-objective", "umap|tsne",
                "map: UMAP over one neighbour graph of the training set, or t-SNE among each batch's images (the first map)", "umap")
        .option("map-weight", "F", "map: weight of the neighbour loss beside the reconstruction (default: umap 10, tsne 50)")
        .option("neighbours", "N", "map, umap: neighbours of each image in the graph (2-200)", "15")
        .option("min-dist", "F", "map, umap: how close codes may pack (0-3; smaller: tighter clusters)", "0.1")
        .option("negatives", "N", "map, umap: images pushed away per neighbour drawn (1-100)", "10")
        .option("layout-weight", "F", "map, umap: pull of the codes towards UMAP's own layout of the graph", "10")
        .option("map-shift", "N", "map, umap: encoder inputs shifted at random by up to N pixels (0-4)", "1")
        .option("map-dropout", "F", "map, umap: share of the encoder's input pixels zeroed at random in training (0-0.9)", "0.2")
        .option("perplexity", "F",
                "map, tsne: about how many neighbours each image keeps close (2-1000; fewer: tighter, better separated clusters)")
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
    return p;
}

TrainingPlan resumedRun(const ArgParser& p)
{
    for (const char* k : {"data", "model", "arch", "latent-dim", "loss", "noise", "downscale"})
        if (p.given(k)) throw UsageError(std::string("train --resume: --") + k + " comes from the checkpoint and cannot change");
    for (const char* k : kRunSettings)
        if (p.given(k)) throw UsageError(std::string("train --resume: --") + k + " comes from the checkpoint and cannot change");
    TrainingPlan plan = TrainingPlan::resume(Checkpoint::load(p.str("resume")), p.str("resume"));
    if (plan.state.optimizer.empty())
        std::cerr << "latent-cli train: " << p.str("resume") << " holds no optimiser state: the optimiser starts afresh\n";
    return plan;
}

TrainingPlan newRun(const ArgParser& p)
{
    RunRequest request;
    request.model = p.str("model");
    if (p.has("arch")) request.arch = p.str("arch");
    if (p.has("latent-dim")) request.latentDim = p.integer("latent-dim", 0, kMaxLatentDim);
    request.noiseStd = p.number("noise", 0, 10);
    request.downscale = p.integer("downscale", 2, 4);
    request.loss = p.str("loss");
    request.dataset = p.str("data");
    // Checked here, with the option's name in any message; stored as given.
    if (p.has("batch")) (void)p.integer("batch", 1, 65536);
    try {
        (void)parseMapObjective(p.str("map-objective"));
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("train: --map-objective: ") + e.what());
    }
    if (p.has("map-weight")) (void)p.number("map-weight", 0, 1e6);
    if (p.has("perplexity")) (void)p.number("perplexity", 2, 1000);
    (void)p.integer("neighbours", 2, 200);
    (void)p.number("min-dist", 0, 2.99);
    (void)p.integer("negatives", 1, 100);
    (void)p.number("layout-weight", 0, 1e6);
    (void)p.integer("map-shift", 0, 4);
    (void)p.number("map-dropout", 0, 0.9);
    (void)p.number("lr", 1e-9, 10);
    (void)p.number("beta", 0, 1e6);
    (void)p.integer("kl-warmup", 0, 100000);
    (void)p.integer("seed", 0, 2147483647);
    (void)p.integer("train-limit", 0, 100000000);
    if (p.has("adversarial-lr")) (void)p.number("adversarial-lr", 1e-9, 10);
    for (const char* k : kRunSettings)
        if (p.has(k)) request.settings[k] = p.str(k);
    try {
        return TrainingPlan::start(request);
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("train: ") + e.what());
    }
}

// The checkpoint's spec as it stands after `epochs` complete epochs.
ModelSpec specAfter(ModelSpec s, int epochs, const EpochReport& last)
{
    s.epochsDone = epochs;
    if (last.hasTest) {
        s.metrics["test_total"] = last.test.total;
        s.metrics["test_recon"] = last.test.reconstruction;
        s.metrics["test_kl"] = last.test.kl;
    }
    return s;
}

// Progress lines on stderr; every complete epoch saved to `out`, with the run's history (the window
// shows its loss curve and replays how its map formed).
void reportTo(Trainer& trainer, const TrainingPlan& run, HistoryRecorder& history, const std::string& out, bool verbose)
{
    trainer.setProgressCallback([verbose, &history, &run](const TrainProgress& pr) {
        history.progress(pr, *run.model);
        if (!verbose) return;
        std::fprintf(stderr, "  epoch %d/%d step %lld/%lld  loss %.3f (recon %.3f, kl %.3f)  %.0f samples/s  %d threads\n", pr.epoch,
                     pr.epochs, (long long)pr.step, (long long)pr.stepsPerEpoch, pr.train.total, pr.train.reconstruction, pr.train.kl,
                     pr.samplesPerSecond, pr.threads);
    });
    // The map's graph: a line per stage when it is done, with its time.
    trainer.setPreparationCallback([stageStart = std::chrono::steady_clock::now()](const std::string& stage, double fraction) mutable {
        if (fraction < 1.0) return;
        const auto now = std::chrono::steady_clock::now();
        std::fprintf(stderr, "%s: done in %.1f s\n", stage.c_str(), std::chrono::duration<double>(now - stageStart).count());
        stageStart = now;
    });
    trainer.setEpochCallback([&trainer, &run, &history, out](const EpochReport& r) {
        history.epoch(r, *run.model);
        std::fprintf(stderr, "epoch %d/%d  train %.3f (recon %.3f, kl %.3f)", r.epoch, r.epochs, r.train.total, r.train.reconstruction,
                     r.train.kl);
        if (ModelCatalog::info(run.spec.kind).adversarial)
            std::fprintf(stderr, " (discriminator %.3f, generator %.3f)", r.train.discriminator, r.train.generator);
        if (r.hasTest) std::fprintf(stderr, "  test %.3f (recon %.3f, kl %.3f)", r.test.total, r.test.reconstruction, r.test.kl);
        std::fprintf(stderr, "  %.0f samples/s  %.1f s\n", r.samplesPerSecond, r.seconds);
        // Every complete epoch reaches the disk: a crash or kill loses at most the epoch in progress.
        Checkpoint::save(out, specAfter(run.spec, r.epoch, r), *run.model, trainer.state(), history.history());
    });
}

const char* statusName(TrainStatus s)
{
    return s == TrainStatus::Finished ? "finished" : s == TrainStatus::Cancelled ? "cancelled" : "diverged";
}

void printJson(const TrainResult& result, const DatasetSplits& data, int64_t epochsRun, double wall, const std::string& out)
{
    JsonWriter j;
    j.add("status", statusName(result.status))
        .add("epochs_done", result.epochsDone)
        .add("steps", result.steps)
        .add("samples_per_second", result.samplesPerSecond)
        .add("wall_seconds", wall)
        .add("samples_per_second_wall", wall > 0 ? double(epochsRun) * data.train.size() / wall : 0.0)
        .add("train_images", data.train.size())
        .add("test_images", data.test.size())
        .add("train_loss", result.last.train.total)
        .add("thread_changes", result.threadChanges)
        .add("out", out)
        .add("first_step_unix_ms", int64_t(result.firstStepUnixSeconds * 1000.0));
    if (result.last.hasTest) j.add("test_loss", result.last.test.total);
    if (!result.message.empty()) j.add("message", result.message);
    std::cout << j.str() << std::endl;
}

}  // namespace

int cmdTrain(const CommandArgs& args)
{
    ArgParser p = trainParser();
    if (!parseWithDevice(p, args)) return 0;
    const std::string device = deviceFor(p);  // a device this build lacks is refused before anything is read
    const auto wallStart = std::chrono::steady_clock::now();
    const bool resume = p.given("resume");
    if (!resume && !p.given("out")) throw UsageError("train: --out FILE.pt is required");
    const std::string out = p.given("out") ? p.str("out") : p.str("resume");

    TrainingPlan run = resume ? resumedRun(p) : newRun(p);
    run.setDevice(device);  // not a stored setting: a run saved on a GPU goes on wherever it is asked to
    const TrainOptions& opt = run.options;
    run.setEpochs(p.has("epochs") ? p.integer("epochs", 1, 100000) : ModelCatalog::suggestedEpochs(run.spec.kind, run.spec.arch));
    if (resume && opt.epochs <= opt.startEpoch)
        throw UsageError("train --resume: " + p.str("resume") + " has been trained for " + std::to_string(opt.startEpoch) +
                         " epochs; ask for more in all with --epochs");
    run.options.progressEvery = p.integer("progress-every", 1, 1000000);
    run.options.threads = p.integer("threads", 0, 256);
    if (p.has("threads")) run.spec.hyperParameters["threads"] = p.str("threads");

    const DatasetSplits data = run.loadData();
    // describe() counts the epochs done ("0 epochs" for a new model); the line adds how far it goes.
    std::cerr << RuntimeInfo::current().summary() << ", training on " << device << "\n"
              << (resume ? "resuming " : "training ") << run.spec.describe() << " (to " << opt.epochs << " in all): " << data.train.size()
              << " train / " << data.test.size() << " test images from " << data.directory << "\n";

    Trainer trainer(run.model, run.spec, opt);
    if (!run.state.empty()) trainer.setResumeState(run.state);
    HistoryRecorder history(run.history, run.spec, data.test);
    history.snapshot(opt.startEpoch, *run.model);  // the map before this run's first step
    reportTo(trainer, run, history, out, p.isSet("verbose"));
    gTrainer.store(&trainer);
    auto previous = std::signal(SIGINT, onInterrupt);
    const TrainResult result = trainer.train(data.train, &data.test);
    std::signal(SIGINT, previous);
    gTrainer.store(nullptr);

    // Stopped or diverged within an epoch: what was trained so far (diverged: the last good
    // weights), counted in complete epochs.
    if (result.status != TrainStatus::Finished)
        Checkpoint::save(out, specAfter(run.spec, result.epochsDone, result.last), *run.model, trainer.state(), history.history());
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    if (result.status != TrainStatus::Finished) std::cerr << "training " << statusName(result.status) << ": " << result.message << "\n";
    std::cerr << "saved " << out << " (" << result.epochsDone << " epochs, " << result.samplesPerSecond << " samples/s while training, "
              << wall << " s in all)\n";
    if (p.isSet("json")) printJson(result, data, result.epochsDone - opt.startEpoch, wall, out);
    if (result.status == TrainStatus::Cancelled) return 130;
    return result.status == TrainStatus::Finished ? 0 : 1;
}
