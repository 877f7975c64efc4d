#pragma once
#include "training/MapTrainStep.h"

namespace latent {

// The map's first objective (`--map-objective tsne`): mapWeight * KL(P || Q), the parametric t-SNE
// loss of the batch's codes against its images' neighbourhoods (training/NeighbourEmbedding.h),
// neighbours searched only among the batch. For the first kExaggeratedEpochs epochs P is multiplied
// by kExaggeration ("early exaggeration", van der Maaten & Hinton 2008): clusters form apart before
// they settle. kl = the neighbour KL (unexaggerated), total = reconstruction + mapWeight * kl.
class TsneMapTrainStep : public MapTrainStep {
public:
    static constexpr double kExaggeration = 4.0;
    static constexpr int kExaggeratedEpochs = 5;

    using MapTrainStep::MapTrainStep;
    LossFigures run(const TrainBatch& batch, double beta) override;
    void beginEpoch(int epoch) override;

private:
    double exaggeration_ = 1.0;
};

}  // namespace latent
