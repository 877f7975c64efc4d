#include "training/MapTrainStep.h"

#include "analysis/GaussianMixture.h"
#include "training/OptimizerFactory.h"

#include <cmath>
#include <limits>

namespace latent {

MapTrainStep::MapTrainStep(MapAutoencoderImpl& model, const ModelSpec& spec, const TrainOptions& options)
    : model_(model), loss_(spec.reconstruction), options_(options), optimizer_(makeOptimizer(model.parameters(), options))
{
}

void MapTrainStep::beginEpoch(int /*epoch*/)
{
    epochImages_.clear();
    epochImageCount_ = 0;
}

LossFigures MapTrainStep::update(const torch::Tensor& total, LossFigures figures, const torch::Tensor& images)
{
    if (!std::isfinite(total.item<float>()))
        figures.total = std::numeric_limits<double>::quiet_NaN();  // applyGradients makes no update from it
    else {
        optimizer_->zeroGrad();
        total.backward();
    }
    return applyGradients(figures, images);
}

LossFigures MapTrainStep::applyGradients(LossFigures figures, const torch::Tensor& images)
{
    if (!std::isfinite(figures.total)) {  // no update from a diverged loss
        figures.total = std::numeric_limits<double>::quiet_NaN();
        return figures;
    }
    optimizer_->step();
    if (epochImageCount_ < kDensityImages) {
        const int64_t n = images.size(0);
        epochImages_.push_back(images.narrow(0, 0, std::min(n, kDensityImages - epochImageCount_)).clone());
        epochImageCount_ += epochImages_.back().size(0);
    }
    return figures;
}

void MapTrainStep::endEpoch()
{
    const int64_t components = model_.densityWeights.size(0);
    if (epochImageCount_ < components) return;  // too few codes: the density stays as it was
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> codes;
    for (const torch::Tensor& images : epochImages_) codes.push_back(model_.encoder->forward(images));
    epochImages_.clear();
    const GaussianMixture m = GaussianMixture::fit(torch::cat(codes).cpu(), components);
    model_.densityWeights.copy_(m.weights);
    model_.densityMeans.copy_(m.means);
    model_.densityVariances.copy_(m.variances);
}

}  // namespace latent
