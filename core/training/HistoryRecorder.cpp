#include "training/HistoryRecorder.h"

#include "analysis/Analysis.h"

#include <algorithm>

namespace latent {

HistoryRecorder::HistoryRecorder(TrainingHistory start, const ModelSpec& spec, const ImageDataset& test)
    : history_(std::move(start)), spec_(spec)
{
    const int dim = spec.latentDim;
    if (history_.digits.empty() && spec.hasLatent() && dim >= 2 && dim <= 16 && test.size() > 0) {
        history_.digits = TrainingHistory::spreadDigits(int(test.size()));
        history_.dim = dim;
        history_.snapshots.clear();
    }
    const auto outside = [&](int32_t d) { return d < 0 || d >= test.size(); };
    if (history_.dim <= 0 || history_.digits.empty() || std::any_of(history_.digits.begin(), history_.digits.end(), outside)) return;
    const torch::Tensor rows = torch::tensor(std::vector<int64_t>(history_.digits.begin(), history_.digits.end()), torch::kInt64);
    replayed_.images = test.images.index_select(0, rows);
    replayed_.labels = test.labels.index_select(0, rows);
}

void HistoryRecorder::progress(const TrainProgress& p, AutoencoderImpl& model)
{
    lastStep_ = int64_t(p.epoch - 1) * p.stepsPerEpoch + p.step;
    history_.losses.push_back(
        {false, p.epoch, double(lastStep_), p.train.total, p.train.reconstruction, p.train.kl, p.train.discriminator, p.train.generator});
    if (p.epoch != 1) return;
    const double done = double(p.step) / double(std::max<int64_t>(p.stepsPerEpoch, 1));
    for (const double at : {0.1, 0.25, 0.5})
        if (done >= at) snapshot(at, model);
}

void HistoryRecorder::epoch(const EpochReport& e, AutoencoderImpl& model)
{
    if (e.hasTest) history_.losses.push_back({true, e.epoch, double(lastStep_), e.test.total, e.test.reconstruction, e.test.kl, 0, 0});
    snapshot(e.epoch, model);
}

void HistoryRecorder::snapshot(double epochsDone, AutoencoderImpl& model)
{
    TrainingHistory& h = history_;
    if (replayed_.size() == 0) return;
    if (!h.snapshots.empty() && h.snapshots.back().epoch >= epochsDone) return;
    torch::NoGradGuard noGrad;
    // Eval mode meanwhile: a batch norm in training mode would learn from these images.
    const bool training = model.is_training();
    model.eval();
    const torch::Tensor codes = encodeDataset(model, spec_, replayed_).mean.to(torch::kCPU, torch::kFloat32).contiguous();
    if (training) model.train();
    if (codes.dim() != 2 || codes.size(1) != h.dim) return;
    h.snapshots.push_back({epochsDone, std::vector<float>(codes.data_ptr<float>(), codes.data_ptr<float>() + codes.numel())});
}

}  // namespace latent
