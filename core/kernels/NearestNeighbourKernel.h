#pragma once
#include <cstdint>

namespace latent {

// The selection half of the neighbour search (analysis/NeighbourGraph.cpp): each row of a tile of
// squared distances merged into that row's running list of the `keep` smallest, instead of sorting
// whole rows of a block (torch::topk, the reference). A row's list stays sorted, nearest first;
// most distances lose against its last entry with one comparison.
struct NearestTile {
    const float* distances = nullptr;  // rows x cols, row-major, row stride `stride`
    int64_t rows = 0, cols = 0, stride = 0;
    int64_t firstRow = 0, firstCol = 0;  // global indices of the tile's first row and column
    // Per row: `keep` distances (ascending; +inf where unfilled) and their global column indices.
    float* bestDistances = nullptr;
    int64_t* bestIndices = nullptr;
    int keep = 0;
};
// A row's own column (global row == global column) is skipped. Rows split over `threads` OpenMP threads.
void mergeNearest(const NearestTile& tile, int threads);

}  // namespace latent
