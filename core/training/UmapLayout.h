#pragma once
#include "analysis/NeighbourGraph.h"
#include "training/UmapLoss.h"

#include <functional>

namespace latent {

// UMAP's own layout of a fuzzy graph (McInnes, Healy & Melville 2018, section 3.2): one free
// point per image, moved by the gradient of the cross-entropy between the graph and phi, each
// epoch along every edge sampled with probability equal to its weight and, per sampled edge,
// `negatives` random points pushed away; steps clipped to +-4 and scaled by a rate that falls
// linearly to 0. Here an epoch's moves are summed and applied at once (as GPU implementations of
// UMAP do) instead of one edge after another: whole-tensor operations, the same fixed points.
//
// The separated map starts its encoder from this layout (MapTrainStep): the network learns in a
// few epochs where UMAP puts each image, then refines the map with UMAP's loss on its own codes,
// where learning it from the loss alone takes hundreds of epochs.
struct UmapLayoutOptions {
    int epochs = 200;
    int negatives = 10;
    double initialSpread = 3.0;  // the start (the images' two leading principal components) scaled to this standard deviation
    uint64_t seed = 0;           // of the layout's own generator (edge and negative draws)
};

// One epoch's moves [N, 2] of points [N, 2]: attraction along the sampled edges (heads[e], tails[e]),
// repulsion from each edge's negatives (negativeTails [E, M], pushing heads[e] away), both clipped to +-4 per coordinate and scaled by rate. A hand-written
// loop (kernels/UmapLayoutKernel.h) where fastPathAllowed, else whole-tensor operations (the reference).
torch::Tensor umapLayoutMoves(const torch::Tensor& points, const torch::Tensor& heads, const torch::Tensor& tails,
                              const torch::Tensor& negativeTails, const UmapCurve& curve, double rate);

// Points [N, 2] for the graph's N images. progress(fraction) after each epoch; false stops and
// returns an undefined tensor. images: the graph's images [N, ...] (for the start).
torch::Tensor umapLayout(const FuzzyGraph& graph, const torch::Tensor& images, const UmapCurve& curve, const UmapLayoutOptions& options,
                         const std::function<bool(double)>& progress = {});

}  // namespace latent
