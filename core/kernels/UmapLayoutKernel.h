#pragma once
#include <cstdint>

namespace latent {

// One epoch's moves of UMAP's layout (training/UmapLayout.cpp) in one pass over the pairs instead
// of a dozen whole-tensor operations: for each sampled edge (heads[e], tails[e]) the clipped
// attraction is added to move[head] and subtracted from move[tail]; for each of its
// `negativesPerEdge` negatives (negativeTails[e * negativesPerEdge + m]) the clipped repulsion is
// added to move[head]. Points and
// moves: n x 2 floats, row-major; moves are added to what `move` holds. Pairs are split between
// `threads` OpenMP threads, each summing into its own buffer, the buffers then added in thread
// order. The same arithmetic as the reference (the sums in another order). No torch here, so that
// the file builds with -fopenmp.
struct UmapLayoutPairs {
    const float* points = nullptr;
    int64_t count = 0;  // points
    const int64_t *heads = nullptr, *tails = nullptr;
    int64_t edges = 0;
    const int64_t* negativeTails = nullptr;
    int64_t negativesPerEdge = 0, negatives = 0;  // negatives = edges * negativesPerEdge
    float a = 1, b = 1, rate = 1;
};
void umapLayoutMoves(const UmapLayoutPairs& pairs, float* move, int threads);

}  // namespace latent
