#pragma once
#include <torch/types.h>

#include <functional>

namespace latent {

// Candidate neighbours for sets too large to compare every pair (analysis/NeighbourGraph.h picks
// this above NeighbourSearchOptions::exactLimit images): a hierarchical navigable small-world
// graph (Malkov & Yashunin 2018) from Debian's hnswlib, built over the rows and then asked for each
// row's `candidates` nearest. Approximate: the graph's recall of the true neighbours is measured by
// `latent-cli bench-graph`. Insertion runs on the torch threads; the order in which threads insert
// changes the graph, so two runs may differ slightly.
struct ApproximateSearchOptions {
    // Candidates per image for the pixel re-ranking: more than the exact search's 30, since the
    // index ranks by the projection too (on a million generated digits, 30 gave recall 0.834).
    int candidates = 60;
    int links = 16;          // hnswlib's M
    int buildBreadth = 100;  // ef_construction
    int searchBreadth = 64;  // ef (at least the number of candidates)
};

// rows: float [N, D] contiguous. Returns int64 [N, candidates], nearest first, a row never
// listing itself; progress(fraction) from 0 to 1 over building and searching (false: stop,
// returns an undefined tensor).
torch::Tensor approximateCandidates(const torch::Tensor& rows, int candidates, const ApproximateSearchOptions& options,
                                    const std::function<bool(double)>& progress = {});

}  // namespace latent
