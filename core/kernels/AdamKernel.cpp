#include "kernels/AdamKernel.h"

#include "kernels/KernelSupport.h"

#include <algorithm>
#include <cmath>

namespace latent {
namespace {

// With SSE2 alone, sqrt and division make this loop three times slower: compiled for AVX-512,
// AVX2 and baseline x86-64, one of them run as runtime/KernelIsa.h says.
LATENT_INLINE void adamRangeBody(float* __restrict p, const float* __restrict g, float* __restrict m, float* __restrict v, int64_t begin,
                                 int64_t end, float b1, float b2, float stepSize, float sqrtBc2, float eps)
{
    for (int64_t j = begin; j < end; ++j) {
        const float gj = g[j];
        const float mj = b1 * m[j] + (1 - b1) * gj;
        const float vj = b2 * v[j] + (1 - b2) * gj * gj;
        m[j] = mj;
        v[j] = vj;
        p[j] -= stepSize * mj / (std::sqrt(vj) / sqrtBc2 + eps);
    }
}
LATENT_KERNEL_VARIANTS(adamRange,
                       (float* __restrict p, const float* __restrict g, float* __restrict m, float* __restrict v, int64_t begin,
                        int64_t end, float b1, float b2, float stepSize, float sqrtBc2, float eps),
                       (p, g, m, v, begin, end, b1, b2, stepSize, sqrtBc2, eps))

}  // namespace

void adamUpdate(float* p, const float* g, float* m, float* v, int64_t n, const AdamStepConstants& c, int threads)
{
    // Small tensors (biases) are not worth waking the other threads for.
    constexpr int64_t kChunk = 32768;
    const int64_t chunks = (n + kChunk - 1) / kChunk;
    const int team = int(std::max<int64_t>(1, std::min<int64_t>(threads, chunks)));
#pragma omp parallel for num_threads(team) schedule(static)
    for (int64_t q = 0; q < chunks; ++q)
        adamRange(p, g, m, v, q * kChunk, std::min(n, (q + 1) * kChunk), c.beta1, c.beta2, c.stepSize, c.sqrtBiasCorrection2, c.eps);
}

}  // namespace latent
