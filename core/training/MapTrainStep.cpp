#include "training/MapTrainStep.h"

#include "analysis/GaussianMixture.h"
#include "training/Loss.h"
#include "training/NeighbourEmbedding.h"
#include "training/OptimizerFactory.h"

#include <cmath>
#include <limits>

namespace latent {

MapTrainStep::MapTrainStep(MapAutoencoderImpl& model, const ModelSpec& spec, const TrainOptions& options)
    : model_(model), loss_(spec.reconstruction), weight_(options.mapWeight), perplexity_(options.perplexity),
      optimizer_(makeOptimizer(model.parameters(), options))
{
}

void MapTrainStep::beginEpoch(int epoch)
{
    exaggeration_ = epoch < kExaggeratedEpochs ? kExaggeration : 1.0;
    epochImages_.clear();
    epochImageCount_ = 0;
}

LossFigures MapTrainStep::run(const TrainBatch& batch, double /*beta*/)
{
    LossFigures out;
    const int64_t n = batch.input.size(0);
    const torch::Tensor z = model_.encoder->forward(batch.input.flatten(1));
    const torch::Tensor reconstruction = reconstructionLoss(model_.decode(z, batch.labels), batch.target, loss_);
    torch::Tensor total = reconstruction;
    out.reconstruction = reconstruction.item<float>();
    // A batch of one (the last of an epoch can be) has no neighbours: reconstruction alone.
    if (n > 1) {
        const torch::Tensor p = neighbourAffinities(batch.input, perplexity_);
        const torch::Tensor divergence = embeddingDivergence(p * exaggeration_, z);
        total = total + weight_ * divergence;
        // The figure shown is the plain KL(P || Q): with P scaled by a, the scaled sum is
        // a KL + a log a.
        out.kl = (divergence.item<double>() - exaggeration_ * std::log(exaggeration_)) / exaggeration_;
    }
    // The total shown is reconstruction + weight x that KL, comparable across epochs; the
    // exaggerated one is only what the optimiser sees in the first epochs.
    out.total = out.reconstruction + weight_ * out.kl;
    if (!std::isfinite(total.item<float>())) {  // no update from a diverged loss
        out.total = std::numeric_limits<double>::quiet_NaN();
        return out;
    }
    optimizer_->zeroGrad();
    total.backward();
    optimizer_->step();
    if (epochImageCount_ < kDensityImages) {
        epochImages_.push_back(batch.input.flatten(1).narrow(0, 0, std::min(n, kDensityImages - epochImageCount_)).clone());
        epochImageCount_ += epochImages_.back().size(0);
    }
    return out;
}

void MapTrainStep::endEpoch()
{
    const int64_t components = model_.densityWeights.size(0);
    if (epochImageCount_ < components) return;  // too few codes: the density stays as it was
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> codes;
    for (const torch::Tensor& images : epochImages_) codes.push_back(model_.encoder->forward(images));
    epochImages_.clear();
    const GaussianMixture m = GaussianMixture::fit(torch::cat(codes), components);
    model_.densityWeights.copy_(m.weights);
    model_.densityMeans.copy_(m.means);
    model_.densityVariances.copy_(m.variances);
}

}  // namespace latent
