#include "training/AdversarialTrainStep.h"

#include "training/Loss.h"
#include "training/OptimizerFactory.h"

namespace latent {

struct AdversarialTrainStep::Optimisers {
    torch::optim::Adam reconstruction, discriminator, generator;
};

namespace {
std::vector<torch::Tensor> concat(std::vector<torch::Tensor> a, const std::vector<torch::Tensor>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}
}  // namespace

AdversarialTrainStep::AdversarialTrainStep(AdversarialAutoencoderImpl& model, const ModelSpec& spec, double lr, double adversarialLr)
    : model_(model), spec_(spec)
{
    opt_.reset(
        new Optimisers{torch::optim::Adam(concat(model.encoderParameters(), model.decoderParameters()), torch::optim::AdamOptions(lr)),
                       torch::optim::Adam(model.discriminatorParameters(), torch::optim::AdamOptions(adversarialLr).betas({0.5, 0.999})),
                       torch::optim::Adam(model.encoderParameters(), torch::optim::AdamOptions(adversarialLr).betas({0.5, 0.999}))});
}

AdversarialTrainStep::~AdversarialTrainStep() = default;

OptimizerState AdversarialTrainStep::optimizerState() const
{
    OptimizerState s;
    addTorchOptimizerState(s, "reconstruction", opt_->reconstruction);
    addTorchOptimizerState(s, "discriminator", opt_->discriminator);
    addTorchOptimizerState(s, "generator", opt_->generator);
    return s;
}

void AdversarialTrainStep::loadOptimizerState(const OptimizerState& state)
{
    for (const char* name : {"reconstruction", "discriminator", "generator"})
        if (!state.count(name)) throw std::invalid_argument(std::string("no state for the optimiser '") + name + "'");
    loadTorchOptimizerState(opt_->reconstruction, state, "reconstruction");
    loadTorchOptimizerState(opt_->discriminator, state, "discriminator");
    loadTorchOptimizerState(opt_->generator, state, "generator");
}

LossFigures AdversarialTrainStep::run(const TrainBatch& batch, double /*beta*/)
{
    namespace F = torch::nn::functional;
    const torch::Tensor& input = batch.input;
    LossFigures out;
    const int64_t b = input.size(0);

    // 1. Reconstruction.
    opt_->reconstruction.zero_grad();
    const LossParts recon = computeLoss(model_.forward(input, batch.labels), batch.target, spec_.reconstruction, 0.0);
    recon.total.backward();
    opt_->reconstruction.step();
    out.reconstruction = recon.reconstruction.item<float>();

    // 2. Discriminator: prior samples are "real" (1), the encoder's codes "fake" (0).
    opt_->discriminator.zero_grad();
    const torch::Tensor codes = model_.encode(input, batch.labels).mean.detach();
    const torch::Tensor prior = torch::randn_like(codes);
    const torch::Tensor dReal = model_.discriminate(prior), dFake = model_.discriminate(codes);
    const torch::Tensor dLoss = F::binary_cross_entropy_with_logits(dReal, torch::ones({b, 1}, dReal.options())) +
                                F::binary_cross_entropy_with_logits(dFake, torch::zeros({b, 1}, dFake.options()));
    dLoss.backward();
    opt_->discriminator.step();
    out.discriminator = dLoss.item<float>();

    // 3. Generator: the encoder learns to make codes the discriminator takes for prior samples.
    opt_->generator.zero_grad();
    const torch::Tensor gLoss = F::binary_cross_entropy_with_logits(model_.discriminate(model_.encode(input, batch.labels).mean),
                                                                    torch::ones({b, 1}, input.options()));
    gLoss.backward();
    opt_->generator.step();
    out.generator = gLoss.item<float>();
    out.total = out.reconstruction;
    if (!std::isfinite(out.discriminator) || !std::isfinite(out.generator)) out.total = out.discriminator + out.generator;
    return out;
}

}  // namespace latent
