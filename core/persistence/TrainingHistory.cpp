#include "persistence/TrainingHistory.h"

namespace latent {

std::vector<int32_t> TrainingHistory::spreadDigits(int count)
{
    std::vector<int32_t> out;
    const int n = count < kDigits ? count : kDigits;
    for (int i = 0; i < n; ++i) out.push_back(int32_t(int64_t(i) * count / n));
    return out;
}

}  // namespace latent
