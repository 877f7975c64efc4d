#pragma once
#include <cstdint>
#include <vector>

namespace latent {

// How a model was trained, kept with it so that a model opened later shows it as the window did
// while it trained: the loss curve, and the codes of a fixed set of test digits after every epoch
// (and a few times in the first, when most of the map's structure appears) for the replay.
struct TrainingHistory {
    struct LossPoint {
        bool test = false;  // the test split's figures after an epoch; else a window of training steps
        int epoch = 0;      // 1-based
        double step = 0;    // training steps done
        double total = 0, reconstruction = 0, kl = 0, discriminator = 0, generator = 0;
    };
    struct MapSnapshot {
        double epoch = 0;          // epochs done, fractional inside the first (0.25: a quarter of it)
        std::vector<float> codes;  // digits.size() x dim, row-major
    };
    static constexpr int kDigits = 2000;  // replayed digits: the map's default point count
    std::vector<LossPoint> losses;
    std::vector<int32_t> digits;  // the test indices replayed
    int dim = 0;
    std::vector<MapSnapshot> snapshots;  // by epoch, ascending

    bool empty() const { return losses.empty() && snapshots.empty(); }
    // kDigits test indices spread evenly over count (all of them when fewer).
    static std::vector<int32_t> spreadDigits(int count);
};

}  // namespace latent
