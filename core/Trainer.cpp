#include "Trainer.h"

#include "AdversarialTrainStep.h"
#include "FusedAdam.h"
#include "Loss.h"
#include "MlpVaeTrainStep.h"
#include "Transforms.h"

#include <chrono>
#include <cmath>
#include <stdexcept>
#include <thread>

namespace latent {

namespace {
using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
}  // namespace

OptimizerKind parseOptimizerKind(const std::string& text)
{
    if (text == "adam") return OptimizerKind::Adam;
    if (text == "rmsprop") return OptimizerKind::RmsProp;
    throw std::invalid_argument("unknown optimiser '" + text + "' (expected adam or rmsprop)");
}

Trainer::Trainer(Autoencoder model, ModelSpec spec, TrainOptions options)
    : model_(std::move(model)), spec_(std::move(spec)), options_(options)
{
    if (options_.epochs < 1) throw std::invalid_argument("epochs must be at least 1");
    if (options_.batchSize < 1) throw std::invalid_argument("batch size must be at least 1");
    if (!(options_.learningRate > 0)) throw std::invalid_argument("learning rate must be positive");
    if (options_.progressEvery < 1) options_.progressEvery = 1;
}

double Trainer::betaAt(int epoch0, double fraction) const
{
    if (options_.klWarmupEpochs <= 0) return options_.beta;
    return options_.beta * std::min(1.0, (epoch0 + fraction) / options_.klWarmupEpochs);
}

LossFigures Trainer::evaluate(AutoencoderImpl& model, const ModelSpec& spec, const ImageDataset& data, int batchSize)
{
    torch::NoGradGuard noGrad;
    LossFigures sum;
    const int64_t n = data.size();
    for (int64_t start = 0; start < n; start += batchSize) {
        const int64_t len = std::min<int64_t>(batchSize, n - start);
        const auto rows = torch::arange(start, start + len);
        const auto clean = data.batch(rows);
        const auto labels = data.labels.index_select(0, rows).to(torch::kLong);
        const auto parts = computeLoss(model.forward(modelInput(spec, clean), labels), clean, spec.reconstruction, 1.0);
        sum.total += parts.total.item<double>() * len;
        sum.reconstruction += parts.reconstruction.item<double>() * len;
        sum.kl += parts.kl.item<double>() * len;
    }
    if (n > 0) {
        sum.total /= n;
        sum.reconstruction /= n;
        sum.kl /= n;
    }
    return sum;
}

TrainResult Trainer::train(const ImageDataset& trainSet, const ImageDataset* testSet)
{
    if (trainSet.size() == 0) throw std::invalid_argument("the training set is empty");
    torch::manual_seed(options_.seed);
    // cancelled_ is not reset: a cancel() that arrives before train() starts must still count.

    // The MLP VAE with BCE (the default model) has hand-written gradients; the rest use autograd.
    std::unique_ptr<MlpVaeTrainStep> handStep;
    auto* mlpVae = dynamic_cast<MlpVaeImpl*>(model_.get());
    if (mlpVae && spec_.kind == ModelKind::Vae && spec_.reconstruction == ReconstructionLoss::Bce &&
        model_->parameters().front().device().is_cpu())
        handStep = std::make_unique<MlpVaeTrainStep>(*mlpVae);

    // The adversarial autoencoder steps its own three optimisers.
    std::unique_ptr<AdversarialTrainStep> adversarialStep;
    if (auto* aae = dynamic_cast<AdversarialAutoencoderImpl*>(model_.get()))
        adversarialStep = std::make_unique<AdversarialTrainStep>(*aae, spec_, options_.learningRate,
                                                                 options_.adversarialLearningRate > 0 ? options_.adversarialLearningRate
                                                                                                      : 0.5 * options_.learningRate);

    std::unique_ptr<FusedAdam> adam;
    std::unique_ptr<torch::optim::RMSprop> rmsProp;
    if (adversarialStep) {
    } else if (options_.optimizer == OptimizerKind::Adam)
        adam = std::make_unique<FusedAdam>(model_->parameters(), FusedAdam::Options{options_.learningRate});
    else
        rmsProp = std::make_unique<torch::optim::RMSprop>(model_->parameters(),
                                                          torch::optim::RMSpropOptions(options_.learningRate));

    // Weights from a recent step whose loss was finite, to restore on divergence.
    std::vector<torch::Tensor> params = model_->parameters();
    std::vector<torch::Tensor> lastGood;
    for (auto& p : params) lastGood.push_back(p.detach().clone());
    auto snapshot = [&] {
        torch::NoGradGuard g;
        for (size_t i = 0; i < params.size(); ++i) lastGood[i].copy_(params[i]);
    };

    const int64_t n = trainSet.size();
    const int64_t stepsPerEpoch = (n + options_.batchSize - 1) / options_.batchSize;
    TrainResult result;
    model_->train();
    double activeSeconds = 0;
    int64_t samplesDone = 0;

    for (int epoch = 0; epoch < options_.epochs; ++epoch) {
        const auto epochStart = Clock::now();
        double epochPaused = 0;
        const torch::Tensor perm = torch::randperm(n, torch::kLong);
        LossFigures window, epochSum;
        int64_t windowSteps = 0, windowSamples = 0, epochSamples = 0;
        auto windowStart = Clock::now();
        double windowPaused = 0;

        for (int64_t step = 0; step < stepsPerEpoch; ++step) {
            if (paused_.load()) {
                const auto p0 = Clock::now();
                while (paused_.load() && !cancelled_.load()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
                const double waited = secondsSince(p0);
                epochPaused += waited;
                windowPaused += waited;
            }
            if (cancelled_.load()) {
                result.status = TrainStatus::Cancelled;
                result.message = "cancelled after " + std::to_string(epoch) + " complete epochs";
                result.samplesPerSecond = activeSeconds > 0 ? samplesDone / activeSeconds : 0;
                return result;
            }
            const int64_t start = step * options_.batchSize;
            const int64_t len = std::min<int64_t>(options_.batchSize, n - start);
            const torch::Tensor rows = perm.narrow(0, start, len);
            const torch::Tensor clean = trainSet.batch(rows);
            const double beta = betaAt(epoch, double(step) / stepsPerEpoch);

            float total = 0, recon = 0, kl = 0, disc = 0, gen = 0;
            LossParts loss;
            if (adversarialStep) {
                const AdversarialLosses l = adversarialStep->run(modelInput(spec_, clean), clean);
                total = recon = l.reconstruction;
                disc = l.discriminator;
                gen = l.generator;
                if (!std::isfinite(disc) || !std::isfinite(gen)) total = disc + gen;  // divergence shows as non-finite
            } else if (handStep) {
                const StepLoss l = handStep->run(clean.view({len, -1}), beta);
                total = l.total;
                recon = l.reconstruction;
                kl = l.kl;
            } else {
                const torch::Tensor labels = trainSet.labels.index_select(0, rows).to(torch::kLong);
                loss = computeLoss(model_->forward(modelInput(spec_, clean), labels), clean, spec_.reconstruction, beta);
                total = loss.total.item<float>();
                recon = loss.reconstruction.item<float>();
                kl = loss.kl.item<float>();
            }
            if (!std::isfinite(total)) {
                torch::NoGradGuard g;
                for (size_t i = 0; i < params.size(); ++i) params[i].copy_(lastGood[i]);
                result.status = TrainStatus::Diverged;
                result.message = "the loss became " + std::string(std::isnan(total) ? "NaN" : "infinite") +
                                 " in epoch " + std::to_string(epoch + 1) + ", step " + std::to_string(step + 1) +
                                 "; training stopped and the last good weights were restored (try a lower "
                                 "learning rate)";
                result.samplesPerSecond = activeSeconds > 0 ? samplesDone / activeSeconds : 0;
                return result;
            }
            // Copying the weights costs about as much as an optimiser step, so not every step.
            if (step % options_.progressEvery == 0) snapshot();
            if (!handStep && !adversarialStep) {
                if (adam) adam->zeroGrad();
                else rmsProp->zero_grad();
                loss.total.backward();
            }
            if (adam) adam->step();
            else if (rmsProp) rmsProp->step();

            window.total += total;
            window.reconstruction += recon;
            window.kl += kl;
            window.discriminator += disc;
            window.generator += gen;
            epochSum.total += double(total) * len;
            epochSum.reconstruction += double(recon) * len;
            epochSum.kl += double(kl) * len;
            epochSum.discriminator += double(disc) * len;
            epochSum.generator += double(gen) * len;
            ++windowSteps;
            windowSamples += len;
            epochSamples += len;
            samplesDone += len;
            result.steps++;

            if (onProgress_ && (windowSteps == options_.progressEvery || step + 1 == stepsPerEpoch)) {
                const double secs = secondsSince(windowStart) - windowPaused;
                TrainProgress p;
                p.epoch = epoch + 1;
                p.epochs = options_.epochs;
                p.step = step + 1;
                p.stepsPerEpoch = stepsPerEpoch;
                p.samplesPerSecond = secs > 0 ? windowSamples / secs : 0;
                p.secondsElapsed = activeSeconds + secondsSince(epochStart) - epochPaused;
                const int64_t remainingSteps = (options_.epochs - epoch) * stepsPerEpoch - (step + 1);
                p.secondsLeft = p.samplesPerSecond > 0 ? remainingSteps * double(options_.batchSize) / p.samplesPerSecond : 0;
                p.beta = beta;
                p.train = {window.total / windowSteps, window.reconstruction / windowSteps, window.kl / windowSteps,
                           window.discriminator / windowSteps, window.generator / windowSteps};
                onProgress_(p);
                window = {};
                windowSteps = windowSamples = 0;
                windowStart = Clock::now();
                windowPaused = 0;
            }
        }
        const double trainSeconds = secondsSince(epochStart) - epochPaused;
        activeSeconds += trainSeconds;
        EpochReport report;
        report.epoch = epoch + 1;
        report.epochs = options_.epochs;
        report.train = {epochSum.total / epochSamples, epochSum.reconstruction / epochSamples,
                        epochSum.kl / epochSamples, epochSum.discriminator / epochSamples,
                        epochSum.generator / epochSamples};
        report.samplesPerSecond = trainSeconds > 0 ? epochSamples / trainSeconds : 0;
        if (testSet && testSet->size() > 0) {
            report.hasTest = true;
            report.test = evaluate(*model_, spec_, *testSet, options_.testBatchSize);
        }
        report.seconds = secondsSince(epochStart) - epochPaused;
        result.epochsDone = epoch + 1;
        result.last = report;
        if (onEpoch_) onEpoch_(report);
    }
    result.samplesPerSecond = activeSeconds > 0 ? samplesDone / activeSeconds : 0;
    return result;
}

}  // namespace latent
