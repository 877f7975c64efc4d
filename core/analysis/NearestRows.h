#pragma once
#include <torch/types.h>

#include <cstdint>
#include <vector>

namespace latent {

// The rows nearest to one row of a matrix: a clicked digit's neighbours among the test digits, in
// code space or in pixel space. Exact (every row is measured): a click asks for a few, not a graph.
struct NearestRows {
    std::vector<int64_t> index;   // nearest first; ties in distance by index
    std::vector<float> distance;  // Euclidean
};

// The k rows of points [N x D] (any dtype; measured in float) nearest to row query, which itself is
// left out; fewer when N - 1 < k. Throws std::invalid_argument for a query outside 0..N-1.
NearestRows nearestRows(const torch::Tensor& points, int64_t query, int k);

}  // namespace latent
