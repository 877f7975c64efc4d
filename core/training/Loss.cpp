#include "training/Loss.h"

namespace latent {

torch::Tensor reconstructionLoss(const torch::Tensor& logits, const torch::Tensor& target, ReconstructionLoss kind)
{
    const double batch = double(logits.size(0));
    if (kind == ReconstructionLoss::Bce)  // sum(softplus(l) - l * t): 3 passes where torch's BCE kernel takes 7
        return (torch::softplus(logits).sum() - (logits * target).sum()) / batch;
    return (torch::sigmoid(logits) - target).square().sum() / batch;
}

torch::Tensor klDivergence(const torch::Tensor& mean, const torch::Tensor& logvar)
{
    return -0.5 * (1 + logvar - mean.square() - logvar.exp()).sum() / double(mean.size(0));
}

LossParts computeLoss(const ModelOutput& out, const torch::Tensor& target, ReconstructionLoss kind, double beta)
{
    LossParts p;
    p.reconstruction = reconstructionLoss(out.reconstruction, target, kind);
    if (out.logvar.defined()) {
        p.kl = klDivergence(out.mean, out.logvar);
        p.total = p.reconstruction + beta * p.kl;
    } else {
        p.kl = torch::zeros({}, p.reconstruction.options());
        p.total = p.reconstruction;
    }
    return p;
}

}  // namespace latent
