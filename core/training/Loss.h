#pragma once
#include "models/Autoencoder.h"
#include "models/ModelSpec.h"

namespace latent {

struct LossParts {
    torch::Tensor total;           // reconstruction + beta * kl; the one to differentiate
    torch::Tensor reconstruction;  // summed over pixels, averaged over the batch
    torch::Tensor kl;              // summed over latent dims, averaged over the batch (0 if none)
};

// BCE is computed from logits as softplus(x) - x*t (= max(x,0) - x*t + log(1 + exp(-|x|))), never
// from sigmoid outputs, so saturated pixels give finite losses. MSE compares sigmoid(logits) with the target.
torch::Tensor reconstructionLoss(const torch::Tensor& logits, const torch::Tensor& target, ReconstructionLoss kind);
// -0.5 * sum(1 + logvar - mean^2 - exp(logvar)) over latent dims, averaged over the batch.
torch::Tensor klDivergence(const torch::Tensor& mean, const torch::Tensor& logvar);
LossParts computeLoss(const ModelOutput& out, const torch::Tensor& target, ReconstructionLoss kind, double beta);

}  // namespace latent
