#include "kernels/NearestNeighbourKernel.h"

#include <omp.h>

#include <algorithm>

namespace latent {

void mergeNearest(const NearestTile& t, int threads)
{
#pragma omp parallel for num_threads(std::max(1, threads)) schedule(static)
    for (int64_t r = 0; r < t.rows; ++r) {
        const float* d = t.distances + r * t.stride;
        float* best = t.bestDistances + r * t.keep;
        int64_t* index = t.bestIndices + r * t.keep;
        const int64_t self = t.firstRow + r - t.firstCol;  // the row's own column in this tile, if any
        float worst = best[t.keep - 1];
        for (int64_t c = 0; c < t.cols; ++c) {
            const float v = d[c];
            if (!(v < worst) || c == self) continue;
            // Insert v, keeping the list sorted; the last entry falls off.
            int64_t p = t.keep - 1;
            while (p > 0 && best[p - 1] > v) {
                best[p] = best[p - 1];
                index[p] = index[p - 1];
                --p;
            }
            best[p] = v;
            index[p] = t.firstCol + c;
            worst = best[t.keep - 1];
        }
    }
}

}  // namespace latent
