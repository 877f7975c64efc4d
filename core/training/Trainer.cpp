#include "training/Trainer.h"

#include "models/ModelInput.h"
#include "training/Loss.h"
#include "training/TrainStepFactory.h"
#include "runtime/TorchDevice.h"
#include "runtime/ThreadGovernor.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

#include <chrono>
#include <mutex>
#include <optional>
#include <cmath>
#include <stdexcept>
#include <thread>

namespace latent {

namespace {
using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
}  // namespace

// Named, not anonymous: Trainer::Run holds them, and GCC warns about a field of an anonymous
// namespace's type when this file is compiled inside a unity batch.
namespace trainer_detail {

// Loss figures summed per step (for progress lines) and per sample (for the epoch's mean).
struct LossMeter {
    LossFigures stepSum, sampleSum;
    int64_t steps = 0, samples = 0;

    void add(const LossFigures& l, int64_t batch)
    {
        auto accumulate = [](LossFigures& sum, const LossFigures& x, double w) {
            sum.total += x.total * w;
            sum.reconstruction += x.reconstruction * w;
            sum.kl += x.kl * w;
            sum.discriminator += x.discriminator * w;
            sum.generator += x.generator * w;
        };
        accumulate(stepSum, l, 1.0);
        accumulate(sampleSum, l, double(batch));
        ++steps;
        samples += batch;
    }
    static LossFigures divided(const LossFigures& s, double n)
    {
        return {s.total / n, s.reconstruction / n, s.kl / n, s.discriminator / n, s.generator / n};
    }
    LossFigures perStep() const { return divided(stepSum, double(steps)); }
    LossFigures perSample() const { return divided(sampleSum, double(samples)); }
};

// The parameters as they were at a recent step whose loss was finite, to go back to on
// divergence: a step's starting weights are kept as a candidate and become the ones to restore
// once its loss turns out finite (a buffer swap, not another copy).
class WeightBackup {
public:
    explicit WeightBackup(AutoencoderImpl& model) : params_(model.parameters())
    {
        for (auto& p : params_) {
            good_.push_back(p.detach().clone());
            candidate_.push_back(p.detach().clone());
        }
    }
    void keepCandidate()
    {
        torch::NoGradGuard g;
        for (size_t i = 0; i < params_.size(); ++i) candidate_[i].copy_(params_[i]);
        hasCandidate_ = true;
    }
    void confirmCandidate()
    {
        if (hasCandidate_) std::swap(good_, candidate_);
        hasCandidate_ = false;
    }
    void restore()
    {
        torch::NoGradGuard g;
        for (size_t i = 0; i < params_.size(); ++i) params_[i].copy_(good_[i]);
    }

private:
    std::vector<torch::Tensor> params_, good_, candidate_;
    bool hasCandidate_ = false;
};

// The batch on the model's device (its rows stay on the CPU, where the data set is).
}  // namespace trainer_detail
using trainer_detail::LossMeter;
using trainer_detail::WeightBackup;

namespace {
TrainBatch makeBatch(const ModelSpec& spec, const ImageDataset& data, const torch::Tensor& rows, const torch::Device& device)
{
    const torch::Tensor clean = data.batch(rows);
    return {modelInput(spec, clean).to(device), clean.to(device), data.labels.index_select(0, rows).to(device, torch::kLong), rows};
}
}  // namespace

Trainer::Trainer(Autoencoder model, ModelSpec spec, TrainOptions options)
    : model_(std::move(model)), spec_(std::move(spec)), options_(options)
{
    if (options_.epochs < 1) throw std::invalid_argument("epochs must be at least 1");
    if (options_.batchSize < 1) throw std::invalid_argument("batch size must be at least 1");
    if (!(options_.learningRate > 0)) throw std::invalid_argument("learning rate must be positive");
    if (options_.progressEvery < 1) options_.progressEvery = 1;
    if (options_.startEpoch < 0 || options_.startEpoch >= options_.epochs)
        throw std::invalid_argument("the model has been trained for " + std::to_string(options_.startEpoch) +
                                    " epochs already; ask for more than that in all");
}

Trainer::~Trainer() = default;

namespace {
torch::Tensor generatorState()
{
    at::Generator g = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(g.mutex());
    return g.get_state();
}

void setGeneratorState(const torch::Tensor& state)
{
    at::Generator g = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(g.mutex());
    g.set_state(state);
}
std::string divergedMessage(double loss, int epoch, int64_t step)
{
    return "the loss became " + std::string(std::isnan(loss) ? "NaN" : "infinite") + " in epoch " + std::to_string(epoch + 1) + ", step " +
           std::to_string(step + 1) + "; training stopped and the last good weights were restored (try a lower learning rate)";
}

// The progress after step s of epoch (both 0-based): the window's mean loss and speed, and from
// that speed the seconds the rest of the run will take.
TrainProgress progressAt(int epoch, int64_t s, int64_t stepsPerEpoch, const LossMeter& window, double windowSeconds, const TrainOptions& o)
{
    TrainProgress p;
    p.epoch = epoch + 1;
    p.epochs = o.epochs;
    p.step = s + 1;
    p.stepsPerEpoch = stepsPerEpoch;
    p.samplesPerSecond = windowSeconds > 0 ? window.samples / windowSeconds : 0;
    const int64_t remainingSteps = (o.epochs - epoch) * stepsPerEpoch - (s + 1);
    p.secondsLeft = p.samplesPerSecond > 0 ? remainingSteps * double(o.batchSize) / p.samplesPerSecond : 0;
    p.threads = at::get_num_threads();
    p.train = window.perStep();
    return p;
}
}  // namespace

TrainingState Trainer::state() const
{
    TrainingState s;
    s.optimizer = step_ ? step_->optimizerState() : resumeState_.optimizer;
    // Before the first epoch of a resumed run ends, the state it resumed from.
    s.generator = generatorAtEpochEnd_.defined() ? generatorAtEpochEnd_ : resumeState_.generator;
    return s;
}

double Trainer::betaAt(int epoch0, double fraction) const
{
    if (options_.klWarmupEpochs <= 0) return options_.beta;
    return options_.beta * std::min(1.0, (epoch0 + fraction) / options_.klWarmupEpochs);
}

double Trainer::waitWhilePaused() const
{
    if (!paused_.load()) return 0;
    const auto start = Clock::now();
    while (paused_.load() && !cancelled_.load()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return secondsSince(start);
}

LossFigures Trainer::evaluate(AutoencoderImpl& model, const ModelSpec& spec, const ImageDataset& data, int batchSize)
{
    torch::NoGradGuard noGrad;
    const torch::Device device = deviceOf(model);
    LossMeter sum;
    for (int64_t start = 0; start < data.size(); start += batchSize) {
        const int64_t len = std::min<int64_t>(batchSize, data.size() - start);
        const TrainBatch b = makeBatch(spec, data, torch::arange(start, start + len), device);
        const LossParts parts = computeLoss(model.forward(b.input, b.labels), b.target, spec.reconstruction, 1.0);
        sum.add({parts.total.item<double>(), parts.reconstruction.item<double>(), parts.kl.item<double>(), 0, 0}, len);
    }
    return sum.samples > 0 ? sum.perSample() : LossFigures{};
}

void Trainer::prepareStep()
{
    torch::manual_seed(options_.seed);
    // cancelled_ is not reset: a cancel() that arrives before train() starts must still count.
    step_ = makeTrainStep(*model_, spec_, options_);
    if (!resumeState_.optimizer.empty()) step_->loadOptimizerState(resumeState_.optimizer);
    if (resumeState_.generator.defined()) {
        try {
            setGeneratorState(resumeState_.generator);
        } catch (const c10::Error&) {
            throw std::invalid_argument("the saved random generator state does not fit this build");
        }
    }
}

EpochReport Trainer::finishEpoch(int epoch, const LossFigures& train, int64_t samples, double trainSeconds, const ImageDataset* testSet)
{
    EpochReport report;
    report.epoch = epoch + 1;
    report.epochs = options_.epochs;
    report.train = train;
    report.samplesPerSecond = trainSeconds > 0 ? samples / trainSeconds : 0;
    if (testSet && testSet->size() > 0) {
        report.hasTest = true;
        report.test = evaluate(*model_, spec_, *testSet, options_.testBatchSize);
    }
    generatorAtEpochEnd_ = generatorState();
    return report;
}

// What one call of train() carries from step to step.
struct Trainer::Run {
    TrainStep& step;
    const ImageDataset& trainSet;
    torch::Device device;
    WeightBackup lastGood;
    std::optional<ThreadGovernor> governor;
    TrainResult result;
    double activeSeconds = 0;  // training time, pauses excluded
    int64_t samplesDone = 0;
    LossMeter epochLoss;

    TrainResult stopped(TrainStatus status, std::string message)
    {
        result.status = status;
        result.message = std::move(message);
        result.samplesPerSecond = activeSeconds > 0 ? samplesDone / activeSeconds : 0;
        result.threadChanges = governor ? governor->changes() : 0;
        return result;
    }
};

TrainResult Trainer::train(const ImageDataset& trainSet, const ImageDataset* testSet)
{
    if (trainSet.size() == 0) throw std::invalid_argument("the training set is empty");
    const torch::Device device = torchDevice(options_.device);
    model_->to(device);  // before the step and its optimiser are made: they hold the weights as they then are
    prepareStep();
    Run run{*step_, trainSet, device, WeightBackup(*model_), std::nullopt, {}, 0, 0, {}};
    if (options_.threads > 0)
        at::set_num_threads(options_.threads);
    else
        run.governor.emplace(ThreadGovernor::defaultThreads());
    run.result.epochsDone = options_.startEpoch;

    const bool prepared = run.step.prepare(trainSet, [this](const std::string& stage, double fraction) {
        if (onPreparation_) onPreparation_(stage, fraction);
        return !cancelled_.load();
    });
    if (!prepared || cancelled_.load()) return run.stopped(TrainStatus::Cancelled, "cancelled before the first step");
    model_->train();

    for (int epoch = options_.startEpoch; epoch < options_.epochs; ++epoch) {
        const auto epochStart = Clock::now();
        double paused = 0;
        if (std::optional<TrainResult> stop = trainEpoch(epoch, run, paused)) return *stop;
        run.step.endEpoch();
        const double trainSeconds = secondsSince(epochStart) - paused;
        run.activeSeconds += trainSeconds;
        EpochReport report = finishEpoch(epoch, run.epochLoss.perSample(), run.epochLoss.samples, trainSeconds, testSet);
        report.seconds = secondsSince(epochStart) - paused;
        run.result.epochsDone = epoch + 1;
        run.result.last = report;
        if (onEpoch_) onEpoch_(report);
    }
    return run.stopped(TrainStatus::Finished, {});
}

std::optional<TrainResult> Trainer::trainEpoch(int epoch, Run& run, double& epochPaused)
{
    const ImageDataset& trainSet = run.trainSet;
    const int64_t n = trainSet.size();
    const int64_t stepsPerEpoch = (n + options_.batchSize - 1) / options_.batchSize;
    const auto epochStart = Clock::now();
    double windowPaused = 0;
    auto windowStart = Clock::now();
    const torch::Tensor perm = torch::randperm(n, torch::kLong);
    LossMeter window;
    run.epochLoss = {};
    run.step.beginEpoch(epoch);

    for (int64_t s = 0; s < stepsPerEpoch; ++s) {
        if (run.governor) run.governor->tick();
        const double waited = waitWhilePaused();
        epochPaused += waited;
        windowPaused += waited;
        if (cancelled_.load()) return run.stopped(TrainStatus::Cancelled, "cancelled after " + std::to_string(epoch) + " complete epochs");

        const int64_t len = std::min<int64_t>(options_.batchSize, n - s * options_.batchSize);
        const TrainBatch batch = makeBatch(spec_, trainSet, perm.narrow(0, s * options_.batchSize, len), run.device);
        // Copying the weights costs about as much as an optimiser step, so not every step.
        if (s % options_.progressEvery == 0) run.lastGood.keepCandidate();
        const double beta = betaAt(epoch, double(s) / stepsPerEpoch);
        const LossFigures loss = run.step.run(batch, beta);
        if (!std::isfinite(loss.total)) {
            run.lastGood.restore();
            return run.stopped(TrainStatus::Diverged, divergedMessage(loss.total, epoch, s));
        }
        run.lastGood.confirmCandidate();
        window.add(loss, len);
        run.epochLoss.add(loss, len);
        run.samplesDone += len;
        if (run.result.steps++ == 0)
            run.result.firstStepUnixSeconds = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();

        if (onProgress_ && (window.steps == options_.progressEvery || s + 1 == stepsPerEpoch)) {
            TrainProgress p = progressAt(epoch, s, stepsPerEpoch, window, secondsSince(windowStart) - windowPaused, options_);
            p.secondsElapsed = run.activeSeconds + secondsSince(epochStart) - epochPaused;
            p.beta = beta;
            onProgress_(p);
            window = {};
            windowStart = Clock::now();
            windowPaused = 0;
        }
    }
    return std::nullopt;
}

}  // namespace latent
