#pragma once
#include "persistence/TrainingHistory.h"  // no torch
#include "session/LatentGrid.h"           // LatentCodes

#include <QRectF>

#include <memory>
#include <vector>

// How the map formed, as frames: the history's snapshots of the replayed digits' codes, linearly
// interpolated between neighbouring snapshots, so that Play moves the clusters smoothly. Frame
// rows are the history's digits (row i is test digit digits[i]). No window, no torch.
class MapReplay {
public:
    MapReplay() = default;
    // labels: by test index (the dataset the model was trained on).
    MapReplay(const latent::TrainingHistory& history, const std::vector<int>& labels);

    bool canPlay() const { return snapshots_.size() >= 2; }
    double firstEpoch() const { return snapshots_.empty() ? 0 : snapshots_.front().epoch; }
    double lastEpoch() const { return snapshots_.empty() ? 0 : snapshots_.back().epoch; }
    // The codes at epoch t (clamped to the snapshots' span).
    std::shared_ptr<const LatentCodes> frameAt(double epoch) const;
    // Every frame's box in dims (dx, dy): the view holds it while replaying, so the clusters move
    // and the axes stay.
    QRectF bounds(int dx, int dy) const;
    int digitCount() const { return int(digits_.size()); }
    int testIndex(int row) const { return digits_[size_t(row)]; }

private:
    std::vector<int32_t> digits_;
    std::vector<int> labels_;  // by row
    int dim_ = 0;
    std::vector<latent::TrainingHistory::MapSnapshot> snapshots_;
};
