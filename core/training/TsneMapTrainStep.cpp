#include "training/TsneMapTrainStep.h"

#include "training/NeighbourEmbedding.h"

#include <cmath>

namespace latent {

void TsneMapTrainStep::beginEpoch(int epoch)
{
    MapTrainStep::beginEpoch(epoch);
    exaggeration_ = epoch < kExaggeratedEpochs ? kExaggeration : 1.0;
}

LossFigures TsneMapTrainStep::run(const TrainBatch& batch, double /*beta*/)
{
    LossFigures out;
    const int64_t n = batch.input.size(0);
    const torch::Tensor z = model_.encoder->forward(batch.input.flatten(1));
    const torch::Tensor reconstruction = reconstructionLoss(model_.decode(z, batch.labels), batch.target, loss_);
    torch::Tensor total = reconstruction;
    out.reconstruction = reconstruction.item<float>();
    // A batch of one (the last of an epoch can be) has no neighbours: reconstruction alone.
    if (n > 1) {
        const torch::Tensor p = neighbourAffinities(batch.input, options_.perplexity);
        const torch::Tensor divergence = embeddingDivergence(p * exaggeration_, z);
        total = total + options_.mapWeight * divergence;
        // The figure shown is the plain KL(P || Q): with P scaled by a, the scaled sum is
        // a KL + a log a.
        out.kl = (divergence.item<double>() - exaggeration_ * std::log(exaggeration_)) / exaggeration_;
    }
    // The total shown is reconstruction + weight x that KL, comparable across epochs; the
    // exaggerated one is only what the optimiser sees in the first epochs.
    out.total = out.reconstruction + options_.mapWeight * out.kl;
    return update(total, out, batch.input.flatten(1));
}

}  // namespace latent
