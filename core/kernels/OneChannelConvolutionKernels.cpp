#include "kernels/OneChannelConvolutionKernels.h"

#include "kernels/KernelSupport.h"
#include "runtime/ParallelFor.h"

#include <cstring>
#include <vector>

namespace latent {
namespace {

using kernels::lanesSum;
using kernels::load16;
using kernels::splat;
using kernels::store;
using kernels::store16;
using kernels::teamFor;
using kernels::toFloat;
using kernels::V16;

inline bool inside(int64_t i, int64_t size) { return i >= 0 && i < size; }

// 16 * Blocks channels in V16 vectors (KernelSupport.h). (Plain loops over the channels GCC
// unrolled into scalar code around the bf16 widening and the per-pixel sum.)
template <int Blocks, typename T>
LATENT_INLINE void toOneForwardVector(const T* __restrict x, const float* __restrict weight, float bias, float* __restrict y,
                                      OneChannelShape s, int64_t first, int64_t last)
{
    constexpr int64_t c = 16 * Blocks;
    V16 w[9][Blocks];
    for (int t = 0; t < 9; ++t)
        for (int b = 0; b < Blocks; ++b) w[t][b] = load16(weight + t * c + 16 * b);
    for (int64_t row = first; row < last; ++row) {
        const int64_t n = row / s.h, h = row % s.h;
        for (int64_t ww = 0; ww < s.w; ++ww) {
            V16 acc{};
            for (int dy = 0; dy < 3; ++dy) {
                const int64_t hh = h + dy - 1;
                if (!inside(hh, s.h)) continue;
                for (int dx = 0; dx < 3; ++dx) {
                    const int64_t xw = ww + dx - 1;
                    if (!inside(xw, s.w)) continue;
                    const T* xp = x + ((n * s.h + hh) * s.w + xw) * c;
                    for (int b = 0; b < Blocks; ++b) acc += load16(xp + 16 * b) * w[dy * 3 + dx][b];
                }
            }
            y[row * s.w + ww] = bias + lanesSum(acc);
        }
    }
}

template <int Blocks, typename T>
LATENT_INLINE void toOneInputGradientVector(const float* __restrict gy, const float* __restrict weight, T* __restrict gx, OneChannelShape s,
                                            int64_t first, int64_t last)
{
    constexpr int64_t c = 16 * Blocks;
    for (int64_t row = first; row < last; ++row) {
        const int64_t n = row / s.h, h = row % s.h;
        for (int64_t ww = 0; ww < s.w; ++ww) {
            V16 acc[Blocks] = {};
            for (int dy = 0; dy < 3; ++dy) {
                const int64_t ho = h - dy + 1;
                if (!inside(ho, s.h)) continue;
                for (int dx = 0; dx < 3; ++dx) {
                    const int64_t wo = ww - dx + 1;
                    if (!inside(wo, s.w)) continue;
                    const V16 g = splat(gy[(n * s.h + ho) * s.w + wo]);
                    for (int b = 0; b < Blocks; ++b) acc[b] += g * load16(weight + (dy * 3 + dx) * c + 16 * b);
                }
            }
            for (int b = 0; b < Blocks; ++b) store16(gx + (row * s.w + ww) * c + 16 * b, acc[b]);
        }
    }
}

// Weight gradients in registers over the whole range, written out once.
template <int Blocks, typename T>
LATENT_INLINE void toOneWeightGradientVector(const float* __restrict gy, const T* __restrict x, float* __restrict gweight, float* gbias,
                                             OneChannelShape s, int64_t first, int64_t last)
{
    constexpr int64_t c = 16 * Blocks;
    V16 gw[9][Blocks] = {};
    float bias = 0;
    for (int64_t row = first; row < last; ++row) {
        const int64_t n = row / s.h, h = row % s.h;
        for (int64_t ww = 0; ww < s.w; ++ww) {
            const float gs = gy[row * s.w + ww];
            bias += gs;
            const V16 g = splat(gs);
            for (int dy = 0; dy < 3; ++dy) {
                const int64_t hh = h + dy - 1;
                if (!inside(hh, s.h)) continue;
                for (int dx = 0; dx < 3; ++dx) {
                    const int64_t xw = ww + dx - 1;
                    if (!inside(xw, s.w)) continue;
                    const T* xp = x + ((n * s.h + hh) * s.w + xw) * c;
                    for (int b = 0; b < Blocks; ++b) gw[dy * 3 + dx][b] += g * load16(xp + 16 * b);
                }
            }
        }
    }
    for (int t = 0; t < 9; ++t)
        for (int b = 0; b < Blocks; ++b) store16(gweight + t * c + 16 * b, load16(gweight + t * c + 16 * b) + gw[t][b]);
    *gbias += bias;
}

template <int Blocks, typename T>
LATENT_INLINE void fromOneForwardVector(const float* __restrict x, const float* __restrict weight, const float* __restrict bias,
                                        T* __restrict y, OneChannelShape s, int64_t first, int64_t last)
{
    constexpr int64_t c = 16 * Blocks;
    V16 w[9][Blocks], b0[Blocks];
    for (int b = 0; b < Blocks; ++b) {
        b0[b] = load16(bias + 16 * b);
        for (int t = 0; t < 9; ++t) w[t][b] = load16(weight + t * c + 16 * b);
    }
    for (int64_t row = first; row < last; ++row) {
        const int64_t n = row / s.h, h = row % s.h;
        for (int64_t ww = 0; ww < s.w; ++ww) {
            V16 acc[Blocks];
            for (int b = 0; b < Blocks; ++b) acc[b] = b0[b];
            for (int dy = 0; dy < 3; ++dy) {
                const int64_t hh = h + dy - 1;
                if (!inside(hh, s.h)) continue;
                for (int dx = 0; dx < 3; ++dx) {
                    const int64_t xw = ww + dx - 1;
                    if (!inside(xw, s.w)) continue;
                    const V16 v = splat(x[(n * s.h + hh) * s.w + xw]);
                    for (int b = 0; b < Blocks; ++b) acc[b] += v * w[dy * 3 + dx][b];
                }
            }
            for (int b = 0; b < Blocks; ++b) store16(y + (row * s.w + ww) * c + 16 * b, acc[b]);
        }
    }
}

template <int Blocks, typename T>
LATENT_INLINE void fromOneInputGradientVector(const T* __restrict gy, const float* __restrict weight, float* __restrict gx,
                                              OneChannelShape s, int64_t first, int64_t last)
{
    constexpr int64_t c = 16 * Blocks;
    for (int64_t row = first; row < last; ++row) {
        const int64_t n = row / s.h, h = row % s.h;
        for (int64_t ww = 0; ww < s.w; ++ww) {
            V16 acc{};
            for (int dy = 0; dy < 3; ++dy) {
                const int64_t ho = h - dy + 1;
                if (!inside(ho, s.h)) continue;
                for (int dx = 0; dx < 3; ++dx) {
                    const int64_t wo = ww - dx + 1;
                    if (!inside(wo, s.w)) continue;
                    const T* gp = gy + ((n * s.h + ho) * s.w + wo) * c;
                    for (int b = 0; b < Blocks; ++b) acc += load16(gp + 16 * b) * load16(weight + (dy * 3 + dx) * c + 16 * b);
                }
            }
            gx[row * s.w + ww] = lanesSum(acc);
        }
    }
}

template <int Blocks, typename T>
LATENT_INLINE void fromOneWeightGradientVector(const T* __restrict gy, const float* __restrict x, float* __restrict gweight,
                                               float* __restrict gbias, OneChannelShape s, int64_t first, int64_t last)
{
    constexpr int64_t c = 16 * Blocks;
    V16 gw[9][Blocks] = {}, gb[Blocks] = {};
    for (int64_t row = first; row < last; ++row) {
        const int64_t n = row / s.h, h = row % s.h;
        for (int64_t ww = 0; ww < s.w; ++ww) {
            V16 g[Blocks];
            for (int b = 0; b < Blocks; ++b) {
                g[b] = load16(gy + (row * s.w + ww) * c + 16 * b);
                gb[b] += g[b];
            }
            for (int dy = 0; dy < 3; ++dy) {
                const int64_t hh = h + dy - 1;
                if (!inside(hh, s.h)) continue;
                for (int dx = 0; dx < 3; ++dx) {
                    const int64_t xw = ww + dx - 1;
                    if (!inside(xw, s.w)) continue;
                    const V16 v = splat(x[(n * s.h + hh) * s.w + xw]);
                    for (int b = 0; b < Blocks; ++b) gw[dy * 3 + dx][b] += v * g[b];
                }
            }
        }
    }
    for (int b = 0; b < Blocks; ++b) {
        store16(gbias + 16 * b, load16(gbias + 16 * b) + gb[b]);
        for (int t = 0; t < 9; ++t) store16(gweight + t * c + 16 * b, load16(gweight + t * c + 16 * b) + gw[t][b]);
    }
}

// The channel counts taken (oneChannelConv leaves any other to the layer).
#define LATENT_BY_BLOCKS(channels, vector, args) \
    switch (channels) {                          \
    case 16: vector<1> args; break;              \
    default: vector<2> args;                     \
    }

LATENT_INLINE void toOneForwardBody(const float* x, const float* weight, float bias, float* y, OneChannelShape s, int64_t first,
                                    int64_t last)
{
    LATENT_BY_BLOCKS(s.c, toOneForwardVector, (x, weight, bias, y, s, first, last));
}
LATENT_KERNEL_VARIANTS(toOneForward,
                       (const float* x, const float* weight, float bias, float* y, OneChannelShape s, int64_t first, int64_t last),
                       (x, weight, bias, y, s, first, last))
LATENT_INLINE void toOneForwardBody(const uint16_t* x, const float* weight, float bias, float* y, OneChannelShape s, int64_t first,
                                    int64_t last)
{
    LATENT_BY_BLOCKS(s.c, toOneForwardVector, (x, weight, bias, y, s, first, last));
}
LATENT_KERNEL_VARIANTS(toOneForward,
                       (const uint16_t* x, const float* weight, float bias, float* y, OneChannelShape s, int64_t first, int64_t last),
                       (x, weight, bias, y, s, first, last))
LATENT_INLINE void toOneInputGradientBody(const float* gy, const float* weight, float* gx, OneChannelShape s, int64_t first, int64_t last)
{
    LATENT_BY_BLOCKS(s.c, toOneInputGradientVector, (gy, weight, gx, s, first, last));
}
LATENT_KERNEL_VARIANTS(toOneInputGradient,
                       (const float* gy, const float* weight, float* gx, OneChannelShape s, int64_t first, int64_t last),
                       (gy, weight, gx, s, first, last))
LATENT_INLINE void toOneInputGradientBody(const float* gy, const float* weight, uint16_t* gx, OneChannelShape s, int64_t first,
                                          int64_t last)
{
    LATENT_BY_BLOCKS(s.c, toOneInputGradientVector, (gy, weight, gx, s, first, last));
}
LATENT_KERNEL_VARIANTS(toOneInputGradient,
                       (const float* gy, const float* weight, uint16_t* gx, OneChannelShape s, int64_t first, int64_t last),
                       (gy, weight, gx, s, first, last))
LATENT_INLINE void toOneWeightGradientBody(const float* gy, const float* x, float* gweight, float* gbias, OneChannelShape s, int64_t first,
                                           int64_t last)
{
    LATENT_BY_BLOCKS(s.c, toOneWeightGradientVector, (gy, x, gweight, gbias, s, first, last));
}
LATENT_KERNEL_VARIANTS(toOneWeightGradient,
                       (const float* gy, const float* x, float* gweight, float* gbias, OneChannelShape s, int64_t first, int64_t last),
                       (gy, x, gweight, gbias, s, first, last))
LATENT_INLINE void toOneWeightGradientBody(const float* gy, const uint16_t* x, float* gweight, float* gbias, OneChannelShape s,
                                           int64_t first, int64_t last)
{
    LATENT_BY_BLOCKS(s.c, toOneWeightGradientVector, (gy, x, gweight, gbias, s, first, last));
}
LATENT_KERNEL_VARIANTS(toOneWeightGradient,
                       (const float* gy, const uint16_t* x, float* gweight, float* gbias, OneChannelShape s, int64_t first, int64_t last),
                       (gy, x, gweight, gbias, s, first, last))
LATENT_INLINE void fromOneForwardBody(const float* x, const float* weight, const float* bias, float* y, OneChannelShape s, int64_t first,
                                      int64_t last)
{
    LATENT_BY_BLOCKS(s.c, fromOneForwardVector, (x, weight, bias, y, s, first, last));
}
LATENT_KERNEL_VARIANTS(fromOneForward,
                       (const float* x, const float* weight, const float* bias, float* y, OneChannelShape s, int64_t first, int64_t last),
                       (x, weight, bias, y, s, first, last))
LATENT_INLINE void fromOneForwardBody(const float* x, const float* weight, const float* bias, uint16_t* y, OneChannelShape s, int64_t first,
                                      int64_t last)
{
    LATENT_BY_BLOCKS(s.c, fromOneForwardVector, (x, weight, bias, y, s, first, last));
}
LATENT_KERNEL_VARIANTS(fromOneForward,
                       (const float* x, const float* weight, const float* bias, uint16_t* y, OneChannelShape s, int64_t first,
                        int64_t last),
                       (x, weight, bias, y, s, first, last))
LATENT_INLINE void fromOneInputGradientBody(const float* gy, const float* weight, float* gx, OneChannelShape s, int64_t first, int64_t last)
{
    LATENT_BY_BLOCKS(s.c, fromOneInputGradientVector, (gy, weight, gx, s, first, last));
}
LATENT_KERNEL_VARIANTS(fromOneInputGradient,
                       (const float* gy, const float* weight, float* gx, OneChannelShape s, int64_t first, int64_t last),
                       (gy, weight, gx, s, first, last))
LATENT_INLINE void fromOneInputGradientBody(const uint16_t* gy, const float* weight, float* gx, OneChannelShape s, int64_t first,
                                            int64_t last)
{
    LATENT_BY_BLOCKS(s.c, fromOneInputGradientVector, (gy, weight, gx, s, first, last));
}
LATENT_KERNEL_VARIANTS(fromOneInputGradient,
                       (const uint16_t* gy, const float* weight, float* gx, OneChannelShape s, int64_t first, int64_t last),
                       (gy, weight, gx, s, first, last))
LATENT_INLINE void fromOneWeightGradientBody(const float* gy, const float* x, float* gweight, float* gbias, OneChannelShape s,
                                             int64_t first, int64_t last)
{
    LATENT_BY_BLOCKS(s.c, fromOneWeightGradientVector, (gy, x, gweight, gbias, s, first, last));
}
LATENT_KERNEL_VARIANTS(fromOneWeightGradient,
                       (const float* gy, const float* x, float* gweight, float* gbias, OneChannelShape s, int64_t first, int64_t last),
                       (gy, x, gweight, gbias, s, first, last))
LATENT_INLINE void fromOneWeightGradientBody(const uint16_t* gy, const float* x, float* gweight, float* gbias, OneChannelShape s,
                                             int64_t first, int64_t last)
{
    LATENT_BY_BLOCKS(s.c, fromOneWeightGradientVector, (gy, x, gweight, gbias, s, first, last));
}
LATENT_KERNEL_VARIANTS(fromOneWeightGradient,
                       (const uint16_t* gy, const float* x, float* gweight, float* gbias, OneChannelShape s, int64_t first, int64_t last),
                       (gy, x, gweight, gbias, s, first, last))

int64_t rowsOf(OneChannelShape s) { return s.n * s.h; }
int teamOf(OneChannelShape s, int threads) { return teamFor(s.n * s.h * s.w * s.c, threads); }

// Weight and bias gradients: each thread sums its rows into its own accumulators, added up in
// thread order afterwards (the same threads give the same sums).
template <typename Rows>
void sumWeightGradients(OneChannelShape s, int threads, int64_t biasSize, float* gweight, float* gbias, Rows&& rows)
{
    const int parts = teamOf(s, threads);
    const int64_t stride = 9 * s.c + biasSize;
    std::vector<float> acc(size_t(parts * stride), 0.0f);
    parallelFor(parts, parts, [&](int64_t firstPart, int64_t lastPart) {
        for (int64_t p = firstPart; p < lastPart; ++p) {
            float* mine = acc.data() + p * stride;
            rows(mine, mine + 9 * s.c, p * rowsOf(s) / parts, (p + 1) * rowsOf(s) / parts);
        }
    });
    for (int64_t i = 0; i < 9 * s.c; ++i) gweight[i] = 0;
    for (int64_t i = 0; i < biasSize; ++i) gbias[i] = 0;
    for (int p = 0; p < parts; ++p) {
        const float* theirs = acc.data() + p * stride;
        for (int64_t i = 0; i < 9 * s.c; ++i) gweight[i] += theirs[i];
        for (int64_t i = 0; i < biasSize; ++i) gbias[i] += theirs[9 * s.c + i];
    }
}

template <typename T>
void toOneBackwardAll(const float* gy, const T* x, const float* weight, T* gx, float* gweight, float* gbias, OneChannelShape s, int threads)
{
    if (gx)
        parallelFor(rowsOf(s), teamOf(s, threads),
                    [&](int64_t first, int64_t last) { toOneInputGradient(gy, weight, gx, s, first, last); });
    sumWeightGradients(s, threads, 1, gweight, gbias,
                       [&](float* gw, float* gb, int64_t first, int64_t last) { toOneWeightGradient(gy, x, gw, gb, s, first, last); });
}

template <typename T>
void fromOneBackwardAll(const T* gy, const float* x, const float* weight, float* gx, float* gweight, float* gbias, OneChannelShape s,
                        int threads)
{
    if (gx)
        parallelFor(rowsOf(s), teamOf(s, threads),
                    [&](int64_t first, int64_t last) { fromOneInputGradient(gy, weight, gx, s, first, last); });
    sumWeightGradients(s, threads, s.c, gweight, gbias,
                       [&](float* gw, float* gb, int64_t first, int64_t last) { fromOneWeightGradient(gy, x, gw, gb, s, first, last); });
}

}  // namespace

void convToOneForward(const float* x, const float* weight, float bias, float* y, OneChannelShape s, int threads)
{
    parallelFor(rowsOf(s), teamOf(s, threads), [&](int64_t first, int64_t last) { toOneForward(x, weight, bias, y, s, first, last); });
}
void convToOneForward(const uint16_t* x, const float* weight, float bias, float* y, OneChannelShape s, int threads)
{
    parallelFor(rowsOf(s), teamOf(s, threads), [&](int64_t first, int64_t last) { toOneForward(x, weight, bias, y, s, first, last); });
}
void convToOneBackward(const float* gy, const float* x, const float* weight, float* gx, float* gweight, float* gbias, OneChannelShape s,
                       int threads)
{
    toOneBackwardAll(gy, x, weight, gx, gweight, gbias, s, threads);
}
void convToOneBackward(const float* gy, const uint16_t* x, const float* weight, uint16_t* gx, float* gweight, float* gbias,
                       OneChannelShape s, int threads)
{
    toOneBackwardAll(gy, x, weight, gx, gweight, gbias, s, threads);
}
void convFromOneForward(const float* x, const float* weight, const float* bias, float* y, OneChannelShape s, int threads)
{
    parallelFor(rowsOf(s), teamOf(s, threads), [&](int64_t first, int64_t last) { fromOneForward(x, weight, bias, y, s, first, last); });
}
void convFromOneForward(const float* x, const float* weight, const float* bias, uint16_t* y, OneChannelShape s, int threads)
{
    parallelFor(rowsOf(s), teamOf(s, threads), [&](int64_t first, int64_t last) { fromOneForward(x, weight, bias, y, s, first, last); });
}
void convFromOneBackward(const float* gy, const float* x, const float* weight, float* gx, float* gweight, float* gbias, OneChannelShape s,
                         int threads)
{
    fromOneBackwardAll(gy, x, weight, gx, gweight, gbias, s, threads);
}
void convFromOneBackward(const uint16_t* gy, const float* x, const float* weight, float* gx, float* gweight, float* gbias,
                         OneChannelShape s, int threads)
{
    fromOneBackwardAll(gy, x, weight, gx, gweight, gbias, s, threads);
}

}  // namespace latent
