#pragma once
#include "analysis/ApproximateNeighbours.h"

#include <torch/types.h>

#include <functional>

namespace latent {

// The k nearest neighbours of every image of a set, and UMAP's fuzzy graph over them (McInnes,
// Healy & Melville, "UMAP: Uniform Manifold Approximation and Projection", 2018, section 3.1): what
// the separated map is trained to keep together. Computed once per run from the training images.

struct NeighbourSearchOptions {
    int neighbours = 15;
    // The search ranks every pair by its distance in the space of this many principal components
    // (one matrix product per block of rows), then re-ranks the `candidates` nearest of each row by
    // their distance in pixels. 0: every pair in pixels (exact, 16x the arithmetic on MNIST).
    int pcaComponents = 50;
    int candidates = 30;
    int64_t blockRows = 512;  // rows ranked and re-ranked at once
    // Above this many images the candidates come from an approximate index instead of every pair
    // (analysis/ApproximateNeighbours.h): comparing every pair grows with the square of the set.
    int64_t exactLimit = 200000;
    ApproximateSearchOptions approximate;
};

struct NeighbourList {
    torch::Tensor indices;    // int64 [N, k]: each row's nearest other rows, nearest first
    torch::Tensor distances;  // float [N, k]: their Euclidean distances in pixels
    int64_t size() const { return indices.defined() ? indices.size(0) : 0; }
};

// progress(fraction done) is called after each block; it returns false to stop the search, which
// then returns an empty list. images: [N, ...] float, or uint8 grey levels read as level / 255
// (flattened to [N, D]; converted a block at a time, so a million uint8 images need no float copy); N > k.
NeighbourList nearestNeighbours(const torch::Tensor& images, const NeighbourSearchOptions& options,
                                const std::function<bool(double)>& progress = {});

// The plain reference: every pairwise pixel distance (torch::cdist) and a full sort. For tests and small sets.
NeighbourList bruteForceNeighbours(const torch::Tensor& images, int neighbours);

// UMAP's fuzzy graph in compressed rows: row i's edges are columns[rowStart[i] .. rowStart[i+1]).
// Each image's memberships exp(-(d_ij - rho_i) / sigma_i), rho_i its distance to its nearest
// neighbour, sigma_i chosen so that they sum to log2(k); then the fuzzy union a + b - ab of the
// graph and its transpose, so that the graph is symmetric.
struct FuzzyGraph {
    torch::Tensor rowStart;  // int64 [N + 1]
    torch::Tensor columns;   // int64 [E]
    torch::Tensor weights;   // float [E], in (0, 1]
    int64_t size() const { return rowStart.defined() ? rowStart.size(0) - 1 : 0; }
    torch::Tensor edgeRows() const;  // int64 [E]: the row of each edge
    int64_t edges() const { return columns.defined() ? columns.size(0) : 0; }
};

// The one-sided memberships [N, k] of a neighbour list (rows sum to log2(k)), with each row's width.
struct Memberships {
    torch::Tensor weights, sigma;  // sigma: each row's width [N]
};
Memberships fuzzyMemberships(const NeighbourList& neighbours);
FuzzyGraph fuzzyGraph(const NeighbourList& neighbours);

}  // namespace latent
