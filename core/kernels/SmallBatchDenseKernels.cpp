#include "kernels/SmallBatchDenseKernels.h"

#include "kernels/KernelSupport.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

// AVX512-BF16's pair products (vdpbf16ps), where the CPU has them: the same compiler condition as
// LATENT_KERNEL_VARIANTS, used where the CPU has them and the AVX-512 variants are chosen.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(LATENT_NO_TARGET_CLONES)
#define LATENT_DPBF16 1
#include <immintrin.h>
#endif

namespace latent {
namespace {

using kernels::lanesSum;
using kernels::load16;
using kernels::toFloat;
using kernels::V16;

// Each weight row is read once for all the rows of in: one point reads the layer's weights once
// (a 512x784 layer is 1.6 MB in float, 0.8 MB in bf16). Outputs go Outs at a time: one sum per
// output would make every step wait for the previous multiply-add (its latency, not the loads,
// was the time).
template <int Rows, int Outs>
LATENT_INLINE void outputsBf16(const float* __restrict in, int64_t width, const uint16_t* __restrict weight, const float* __restrict bias,
                               int64_t outWidth, int64_t j, bool relu, float* __restrict out)
{
    const int64_t whole = width / 16 * 16;
    V16 acc[Rows][Outs] = {};
    for (int64_t k = 0; k < whole; k += 16) {
        V16 x[Rows];
        for (int r = 0; r < Rows; ++r) x[r] = load16(in + r * width + k);
        for (int o = 0; o < Outs; ++o) {
            const V16 w = load16(weight + (j + o) * width + k);
            for (int r = 0; r < Rows; ++r) acc[r][o] += w * x[r];
        }
    }
    for (int r = 0; r < Rows; ++r)
        for (int o = 0; o < Outs; ++o) {
            const uint16_t* w = weight + (j + o) * width;
            float sum = lanesSum(acc[r][o]);
            for (int64_t k = whole; k < width; ++k) sum += toFloat(w[k]) * in[r * width + k];
            const float v = sum + (bias ? bias[j + o] : 0.f);
            out[r * outWidth + j + o] = relu ? std::max(v, 0.f) : v;
        }
}

template <int Rows>
LATENT_INLINE void rowsBf16(const float* in, int64_t width, const uint16_t* weight, const float* bias, int64_t outWidth, bool relu,
                            float* out)
{
    constexpr int kOuts = Rows == 1 ? 8 : 4;
    int64_t j = 0;
    for (; j + kOuts <= outWidth; j += kOuts) outputsBf16<Rows, kOuts>(in, width, weight, bias, outWidth, j, relu, out);
    for (; j < outWidth; ++j) outputsBf16<Rows, 1>(in, width, weight, bias, outWidth, j, relu, out);
}

#if defined(LATENT_DPBF16)
#define LATENT_BF16_TARGET __attribute__((target("avx512f,avx512bw,avx512bf16")))

// The input rows rounded to bf16 too, and 32 products a step, summed in float: a third of the
// time of widening each weight to float (most of the time went on the widening).
template <int Rows, int Outs>
LATENT_BF16_TARGET LATENT_INLINE void outputsDp(const uint16_t* __restrict in, int64_t width, const uint16_t* __restrict weight,
                                                const float* __restrict bias, int64_t outWidth, int64_t j, bool relu, float* __restrict out)
{
    __m512 acc[Rows][Outs];
    for (int r = 0; r < Rows; ++r)
        for (int o = 0; o < Outs; ++o) acc[r][o] = _mm512_setzero_ps();
    for (int64_t k = 0; k < width; k += 32) {
        const __mmask32 lanes = width - k >= 32 ? ~__mmask32(0) : __mmask32((1u << (width - k)) - 1);
        __m512bh x[Rows];
        for (int r = 0; r < Rows; ++r) x[r] = (__m512bh)_mm512_maskz_loadu_epi16(lanes, in + r * width + k);
        for (int o = 0; o < Outs; ++o) {
            const __m512bh w = (__m512bh)_mm512_maskz_loadu_epi16(lanes, weight + (j + o) * width + k);
            for (int r = 0; r < Rows; ++r) acc[r][o] = _mm512_dpbf16_ps(acc[r][o], w, x[r]);
        }
    }
    for (int r = 0; r < Rows; ++r)
        for (int o = 0; o < Outs; ++o) {
            const float v = lanesSum(V16(acc[r][o])) + (bias ? bias[j + o] : 0.f);
            out[r * outWidth + j + o] = relu ? std::max(v, 0.f) : v;
        }
}

template <int Rows>
LATENT_BF16_TARGET void rowsDp(const uint16_t* in, int64_t width, const uint16_t* weight, const float* bias, int64_t outWidth, bool relu,
                               float* out)
{
    constexpr int kOuts = Rows == 1 ? 8 : 4;
    int64_t j = 0;
    for (; j + kOuts <= outWidth; j += kOuts) outputsDp<Rows, kOuts>(in, width, weight, bias, outWidth, j, relu, out);
    for (; j < outWidth; ++j) outputsDp<Rows, 1>(in, width, weight, bias, outWidth, j, relu, out);
}

// The instruction is there and the AVX-512 variants are the ones chosen (runtime/KernelIsa.h).
bool hasDpbf16()
{
    static const bool has = __builtin_cpu_supports("avx512bf16");
    return has && isa() == Isa::Avx512;
}

// False where the CPU lacks the instruction.
bool denseRowsDp(const float* in, int64_t rows, int64_t width, const uint16_t* weight, const float* bias, int64_t outWidth, bool relu,
                 float* out)
{
    if (!hasDpbf16()) return false;
    std::vector<uint16_t> inBits(size_t(rows * width));
    toBf16(in, rows * width, inBits.data());
    switch (rows) {
    case 1: rowsDp<1>(inBits.data(), width, weight, bias, outWidth, relu, out); break;
    case 2: rowsDp<2>(inBits.data(), width, weight, bias, outWidth, relu, out); break;
    case 3: rowsDp<3>(inBits.data(), width, weight, bias, outWidth, relu, out); break;
    default: rowsDp<4>(inBits.data(), width, weight, bias, outWidth, relu, out); break;
    }
    return true;
}
#else
bool denseRowsDp(const float*, int64_t, int64_t, const uint16_t*, const float*, int64_t, bool, float*) { return false; }
#endif

}  // namespace

LATENT_INLINE void denseRowsWidenedBody(const float* in, int64_t rows, int64_t width, const uint16_t* weight, const float* bias,
                                        int64_t outWidth, bool relu, float* out)
{
    switch (rows) {
    case 1: rowsBf16<1>(in, width, weight, bias, outWidth, relu, out); break;
    case 2: rowsBf16<2>(in, width, weight, bias, outWidth, relu, out); break;
    case 3: rowsBf16<3>(in, width, weight, bias, outWidth, relu, out); break;
    case 4: rowsBf16<4>(in, width, weight, bias, outWidth, relu, out); break;
    }
}
LATENT_KERNEL_VARIANTS(denseRowsWidened,
                       (const float* in, int64_t rows, int64_t width, const uint16_t* weight, const float* bias, int64_t outWidth,
                        bool relu, float* out),
                       (in, rows, width, weight, bias, outWidth, relu, out))

void denseRowsBf16(const float* in, int64_t rows, int64_t width, const uint16_t* weight, const float* bias, int64_t outWidth, bool relu,
                   float* out)
{
    if (rows < 1 || rows > 4) throw std::invalid_argument("denseRowsBf16: 1 to 4 rows");
    if (!denseRowsDp(in, rows, width, weight, bias, outWidth, relu, out))
        denseRowsWidened(in, rows, width, weight, bias, outWidth, relu, out);
}

}  // namespace latent
