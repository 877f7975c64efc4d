#pragma once
#include "models/MapAutoencoder.h"
#include "training/Optimizer.h"
#include "training/TrainStep.h"

namespace latent {

// One step of the separated map (MapAutoencoder): reconstruction (BCE or MSE, summed over pixels,
// averaged over the batch) + mapWeight * KL(P || Q), the parametric t-SNE loss of the batch's codes
// against its images' neighbourhoods (training/NeighbourEmbedding.h). No label is used. For the
// first kExaggeratedEpochs epochs P is multiplied by kExaggeration ("early exaggeration", van der
// Maaten & Hinton 2008): clusters form apart before they settle. LossFigures: reconstruction, kl =
// the neighbour KL (unexaggerated), total = reconstruction + mapWeight * kl.
//
// At the end of every epoch a mixture of Gaussians is fitted to the codes of the first
// kDensityImages images of that epoch, encoded again by the weights as they are then (the codes
// seen in the steps lag behind by up to an epoch), and stored in the model's density buffers.
class MapTrainStep : public TrainStep {
public:
    static constexpr double kExaggeration = 4.0;
    static constexpr int kExaggeratedEpochs = 5;
    static constexpr int64_t kDensityImages = 10000;

    MapTrainStep(MapAutoencoderImpl& model, const ModelSpec& spec, const TrainOptions& options);
    LossFigures run(const TrainBatch& batch, double beta) override;
    void beginEpoch(int epoch) override;
    void endEpoch() override;
    OptimizerState optimizerState() const override { return optimizer_->state(); }
    void loadOptimizerState(const OptimizerState& state) override { optimizer_->loadState(state); }

private:
    MapAutoencoderImpl& model_;
    ReconstructionLoss loss_;
    double weight_, perplexity_, exaggeration_ = 1.0;
    std::unique_ptr<Optimizer> optimizer_;
    std::vector<torch::Tensor> epochImages_;
    int64_t epochImageCount_ = 0;
};

}  // namespace latent
