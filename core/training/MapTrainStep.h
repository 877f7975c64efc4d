#pragma once
#include "models/MapAutoencoder.h"
#include "training/Loss.h"
#include "training/Optimizer.h"
#include "training/TrainStep.h"

namespace latent {

// What the separated map's objectives share (UmapMapTrainStep, the default, and TsneMapTrainStep):
// reconstruction (BCE or MSE, summed over pixels, averaged over the batch) beside a neighbour loss on
// the codes that reads no label, one optimiser over encoder and decoder, and the density samples
// come from. LossFigures: reconstruction, kl = the neighbour loss, total = what is minimised.
//
// At the end of every epoch a mixture of Gaussians is fitted to the codes of the first
// kDensityImages images of that epoch, encoded again by the weights as they are then (the codes
// seen in the steps lag behind by up to an epoch), and stored in the model's density buffers.
class MapTrainStep : public TrainStep {
public:
    static constexpr int64_t kDensityImages = 10000;

    MapTrainStep(MapAutoencoderImpl& model, const ModelSpec& spec, const TrainOptions& options);
    void beginEpoch(int epoch) override;
    void endEpoch() override;
    OptimizerState optimizerState() const override { return optimizer_->state(); }
    void loadOptimizerState(const OptimizerState& state) override { optimizer_->loadState(state); }

protected:
    // One update from the batch's loss (no update, total NaN, when it is not finite); the
    // batch's images (flattened, unaugmented) join the epoch's sample for the density.
    LossFigures update(const torch::Tensor& total, LossFigures figures, const torch::Tensor& images);
    // The same from gradients already in the parameters' .grad() and figures.total the loss.
    LossFigures applyGradients(LossFigures figures, const torch::Tensor& images);
    Optimizer& optimizer() { return *optimizer_; }

    MapAutoencoderImpl& model_;
    ReconstructionLoss loss_;
    TrainOptions options_;

private:
    std::unique_ptr<Optimizer> optimizer_;
    std::vector<torch::Tensor> epochImages_;
    int64_t epochImageCount_ = 0;
};

}  // namespace latent
