#include "widgets/MapReplay.h"

#include <algorithm>

MapReplay::MapReplay(const latent::TrainingHistory& history, const std::vector<int>& labels) : digits_(history.digits), dim_(history.dim)
{
    for (const auto& s : history.snapshots)
        if (s.codes.size() == digits_.size() * size_t(std::max(dim_, 0))) snapshots_.push_back(s);
    for (const int32_t d : digits_) labels_.push_back(d >= 0 && size_t(d) < labels.size() ? labels[size_t(d)] : 0);
}

std::shared_ptr<const LatentCodes> MapReplay::frameAt(double epoch) const
{
    auto codes = std::make_shared<LatentCodes>();
    if (snapshots_.empty()) return codes;
    codes->count = int(digits_.size());
    codes->dim = dim_;
    codes->labels = labels_;
    // The pair of snapshots around epoch, and how far between them.
    const auto after = std::upper_bound(snapshots_.begin(), snapshots_.end(), epoch,
                                        [](double e, const latent::TrainingHistory::MapSnapshot& s) { return e < s.epoch; });
    if (after == snapshots_.begin() || after == snapshots_.end()) {
        codes->mean = (after == snapshots_.begin() ? snapshots_.front() : snapshots_.back()).codes;
    } else {
        const auto& a = *(after - 1);
        const auto& b = *after;
        const float f = float((epoch - a.epoch) / (b.epoch - a.epoch));
        codes->mean.resize(a.codes.size());
        for (size_t i = 0; i < a.codes.size(); ++i) codes->mean[i] = a.codes[i] + f * (b.codes[i] - a.codes[i]);
    }
    codes->storeCentroid();
    return codes;
}

QRectF MapReplay::bounds(int dx, int dy) const
{
    QRectF box;
    for (const auto& s : snapshots_) {
        LatentCodes c;
        c.count = int(digits_.size());
        c.dim = dim_;
        c.mean = s.codes;
        const QRectF b = c.bounds(dx, dy);
        box = box.isNull() ? b : box.united(b);
    }
    return box;
}
