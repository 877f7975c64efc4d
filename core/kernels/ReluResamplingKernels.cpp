#include "kernels/ReluResamplingKernels.h"

#include "kernels/KernelSupport.h"
#include "runtime/ParallelFor.h"

#include <algorithm>
#include <cstring>

namespace latent {
namespace {

using kernels::store;
using kernels::teamFor;
using kernels::toFloat;

// x > 0, where the ReLU passes a gradient, on the bits in integers (GCC vectorises that where it
// leaves a float comparison feeding a select as a branch): sign clear, not zero, not NaN.
inline bool positive(float v)
{
    int32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return bits > 0 && bits <= 0x7F800000;
}
inline bool positive(uint16_t bits) { return bits != 0 && bits <= 0x7F80; }

template <int Channels, typename T>
inline __attribute__((always_inline)) void poolForwardRows(const T* __restrict x, T* __restrict y, uint8_t* __restrict winner, NhwcShape in,
                                                           int64_t first, int64_t last)
{
    const int64_t oh = (in.h + 1) / 2, ow = (in.w + 1) / 2, c = Channels > 0 ? Channels : in.c;
    for (int64_t row = first; row < last; ++row) {
        const int64_t n = row / oh, h0 = 2 * (row % oh), h1 = std::min(h0 + 1, in.h - 1);
        const T* top = x + (n * in.h + h0) * in.w * c;
        const T* bottom = x + (n * in.h + h1) * in.w * c;
        for (int64_t o = 0; o < ow; ++o) {
            const int64_t w0 = 2 * o, w1 = std::min(w0 + 1, in.w - 1);
            // Window order as in max_pool2d (row-major, first maximum wins, NaN propagates). At an
            // odd edge the missing elements repeat present ones, which never win on ">".
            const T* p0 = top + w0 * c;
            const T* p1 = top + w1 * c;
            const T* p2 = bottom + w0 * c;
            const T* p3 = bottom + w1 * c;
            T* out = y + (row * ow + o) * c;
            uint8_t* win = winner ? winner + (row * ow + o) * c : nullptr;
            for (int64_t k = 0; k < c; ++k) {
                T bestBits = p0[k];
                float best = toFloat(bestBits);
                uint8_t index = 0;
                const float v1 = toFloat(p1[k]);
                if (v1 > best || v1 != v1) best = v1, bestBits = p1[k], index = 1;
                const float v2 = toFloat(p2[k]);
                if (v2 > best || v2 != v2) best = v2, bestBits = p2[k], index = 2;
                const float v3 = toFloat(p3[k]);
                if (v3 > best || v3 != v3) best = v3, bestBits = p3[k], index = 3;
                const bool passes = !(best <= 0);  // the ReLU; NaN passes
                out[k] = passes ? bestBits : T(0);
                if (win) win[k] = passes ? index : kNoWinner;
            }
        }
    }
}

template <int Channels, typename T>
inline __attribute__((always_inline)) void poolBackwardRows(const T* __restrict gy, const uint8_t* __restrict winner, T* __restrict gx,
                                                            NhwcShape in, int64_t first, int64_t last)
{
    const int64_t oh = (in.h + 1) / 2, ow = (in.w + 1) / 2, c = Channels > 0 ? Channels : in.c;
    for (int64_t row = first; row < last; ++row) {
        const int64_t n = row / in.h, h = row % in.h;
        const int64_t pooledRow = (n * oh + h / 2) * ow * c;
        const T* g = gy + pooledRow;
        const uint8_t* win = winner + pooledRow;
        T* out = gx + row * in.w * c;
        for (int64_t w = 0; w < in.w; ++w) {
            const uint8_t mine = uint8_t(2 * (h & 1) + (w & 1));
            const int64_t o = (w / 2) * c;
            for (int64_t k = 0; k < c; ++k) {
                const T v = g[o + k];  // loaded either way, so that the select vectorises
                out[w * c + k] = win[o + k] == mine ? v : T(0);
            }
        }
    }
}

template <int Channels, typename T>
inline __attribute__((always_inline)) void upsampleForwardRows(const T* __restrict x, T* __restrict y, NhwcShape in, int64_t first,
                                                               int64_t last)
{
    const int64_t c = Channels > 0 ? Channels : in.c, outRow = 2 * in.w * c;
    for (int64_t row = first; row < last; ++row) {
        const T* src = x + row * in.w * c;
        T* out = y + 2 * row * outRow;  // output rows 2h and 2h + 1 of image n
        for (int64_t w = 0; w < in.w; ++w)
            for (int64_t k = 0; k < c; ++k) {
                const T v = src[w * c + k];
                const T r = toFloat(v) < 0 ? T(0) : v;  // the ReLU; NaN passes
                out[2 * w * c + k] = r;
                out[(2 * w + 1) * c + k] = r;
            }
        std::memcpy(out + outRow, out, size_t(outRow) * sizeof(T));
    }
}

template <int Channels, typename T>
inline __attribute__((always_inline)) void upsampleBackwardRows(const T* __restrict gy, const T* __restrict x, T* __restrict gx,
                                                                NhwcShape in, int64_t first, int64_t last)
{
    const int64_t c = Channels > 0 ? Channels : in.c, outRow = 2 * in.w * c;
    for (int64_t row = first; row < last; ++row) {
        const T* g0 = gy + 2 * row * outRow;
        const T* g1 = g0 + outRow;
        const T* src = x + row * in.w * c;
        T* out = gx + row * in.w * c;
        for (int64_t w = 0; w < in.w; ++w)
            for (int64_t k = 0; k < c; ++k) {
                const int64_t a = 2 * w * c + k, b = a + c;
                // The order upsample_nearest2d's backward adds them in.
                const float sum = toFloat(g0[a]) + toFloat(g0[b]) + toFloat(g1[a]) + toFloat(g1[b]);
                T value;
                store(value, sum);
                out[w * c + k] = positive(src[w * c + k]) ? value : T(0);
            }
    }
}

LATENT_INLINE void poolForwardBody(const float* x, float* y, uint8_t* winner, NhwcShape in, int64_t first, int64_t last)
{
    LATENT_BY_CHANNELS(in.c, poolForwardRows, (x, y, winner, in, first, last));
}
LATENT_KERNEL_VARIANTS(poolForward, (const float* x, float* y, uint8_t* winner, NhwcShape in, int64_t first, int64_t last),
                       (x, y, winner, in, first, last))
LATENT_INLINE void poolForwardBody(const uint16_t* x, uint16_t* y, uint8_t* winner, NhwcShape in, int64_t first, int64_t last)
{
    LATENT_BY_CHANNELS(in.c, poolForwardRows, (x, y, winner, in, first, last));
}
LATENT_KERNEL_VARIANTS(poolForward, (const uint16_t* x, uint16_t* y, uint8_t* winner, NhwcShape in, int64_t first, int64_t last),
                       (x, y, winner, in, first, last))
LATENT_INLINE void poolBackwardBody(const float* gy, const uint8_t* winner, float* gx, NhwcShape in, int64_t first, int64_t last)
{
    LATENT_BY_CHANNELS(in.c, poolBackwardRows, (gy, winner, gx, in, first, last));
}
LATENT_KERNEL_VARIANTS(poolBackward, (const float* gy, const uint8_t* winner, float* gx, NhwcShape in, int64_t first, int64_t last),
                       (gy, winner, gx, in, first, last))
LATENT_INLINE void poolBackwardBody(const uint16_t* gy, const uint8_t* winner, uint16_t* gx, NhwcShape in, int64_t first, int64_t last)
{
    LATENT_BY_CHANNELS(in.c, poolBackwardRows, (gy, winner, gx, in, first, last));
}
LATENT_KERNEL_VARIANTS(poolBackward, (const uint16_t* gy, const uint8_t* winner, uint16_t* gx, NhwcShape in, int64_t first, int64_t last),
                       (gy, winner, gx, in, first, last))
LATENT_INLINE void upsampleForwardBody(const float* x, float* y, NhwcShape in, int64_t first, int64_t last)
{
    LATENT_BY_CHANNELS(in.c, upsampleForwardRows, (x, y, in, first, last));
}
LATENT_KERNEL_VARIANTS(upsampleForward, (const float* x, float* y, NhwcShape in, int64_t first, int64_t last), (x, y, in, first, last))
LATENT_INLINE void upsampleForwardBody(const uint16_t* x, uint16_t* y, NhwcShape in, int64_t first, int64_t last)
{
    LATENT_BY_CHANNELS(in.c, upsampleForwardRows, (x, y, in, first, last));
}
LATENT_KERNEL_VARIANTS(upsampleForward, (const uint16_t* x, uint16_t* y, NhwcShape in, int64_t first, int64_t last),
                       (x, y, in, first, last))
LATENT_INLINE void upsampleBackwardBody(const float* gy, const float* x, float* gx, NhwcShape in, int64_t first, int64_t last)
{
    LATENT_BY_CHANNELS(in.c, upsampleBackwardRows, (gy, x, gx, in, first, last));
}
LATENT_KERNEL_VARIANTS(upsampleBackward, (const float* gy, const float* x, float* gx, NhwcShape in, int64_t first, int64_t last),
                       (gy, x, gx, in, first, last))
LATENT_INLINE void upsampleBackwardBody(const uint16_t* gy, const uint16_t* x, uint16_t* gx, NhwcShape in, int64_t first, int64_t last)
{
    LATENT_BY_CHANNELS(in.c, upsampleBackwardRows, (gy, x, gx, in, first, last));
}
LATENT_KERNEL_VARIANTS(upsampleBackward, (const uint16_t* gy, const uint16_t* x, uint16_t* gx, NhwcShape in, int64_t first, int64_t last),
                       (gy, x, gx, in, first, last))

template <typename T>
void poolForwardAll(const T* x, T* y, uint8_t* winner, NhwcShape in, int threads)
{
    parallelFor(in.n * ((in.h + 1) / 2), teamFor(in.n * in.h * in.w * in.c, threads),
                [&](int64_t first, int64_t last) { poolForward(x, y, winner, in, first, last); });
}
template <typename T>
void poolBackwardAll(const T* gy, const uint8_t* winner, T* gx, NhwcShape in, int threads)
{
    parallelFor(in.n * in.h, teamFor(in.n * in.h * in.w * in.c, threads),
                [&](int64_t first, int64_t last) { poolBackward(gy, winner, gx, in, first, last); });
}
template <typename T>
void upsampleForwardAll(const T* x, T* y, NhwcShape in, int threads)
{
    parallelFor(in.n * in.h, teamFor(4 * in.n * in.h * in.w * in.c, threads),
                [&](int64_t first, int64_t last) { upsampleForward(x, y, in, first, last); });
}
template <typename T>
void upsampleBackwardAll(const T* gy, const T* x, T* gx, NhwcShape in, int threads)
{
    parallelFor(in.n * in.h, teamFor(4 * in.n * in.h * in.w * in.c, threads),
                [&](int64_t first, int64_t last) { upsampleBackward(gy, x, gx, in, first, last); });
}

}  // namespace

void reluMaxPool2Forward(const float* x, float* y, uint8_t* winner, NhwcShape in, int threads)
{
    poolForwardAll(x, y, winner, in, threads);
}
void reluMaxPool2Forward(const uint16_t* x, uint16_t* y, uint8_t* winner, NhwcShape in, int threads)
{
    poolForwardAll(x, y, winner, in, threads);
}
void reluMaxPool2Backward(const float* gy, const uint8_t* winner, float* gx, NhwcShape in, int threads)
{
    poolBackwardAll(gy, winner, gx, in, threads);
}
void reluMaxPool2Backward(const uint16_t* gy, const uint8_t* winner, uint16_t* gx, NhwcShape in, int threads)
{
    poolBackwardAll(gy, winner, gx, in, threads);
}
void reluUpsample2Forward(const float* x, float* y, NhwcShape in, int threads) { upsampleForwardAll(x, y, in, threads); }
void reluUpsample2Forward(const uint16_t* x, uint16_t* y, NhwcShape in, int threads) { upsampleForwardAll(x, y, in, threads); }
void reluUpsample2Backward(const float* gy, const float* x, float* gx, NhwcShape in, int threads)
{
    upsampleBackwardAll(gy, x, gx, in, threads);
}
void reluUpsample2Backward(const uint16_t* gy, const uint16_t* x, uint16_t* gx, NhwcShape in, int threads)
{
    upsampleBackwardAll(gy, x, gx, in, threads);
}

}  // namespace latent
