#pragma once
#include <cstdint>

namespace latent {

// The arithmetic of one Adam step, element by element, over plain float arrays. Kept free of
// torch headers so that its file can be compiled with -fopenmp: LibTorch's at::parallel_for is an
// inline template that runs serially in a file built without it.
struct AdamStepConstants {
    float beta1, beta2, stepSize, sqrtBiasCorrection2, eps;  // stepSize = lr / bias correction 1
};

// p -= stepSize * m / (sqrt(v) / sqrtBiasCorrection2 + eps) after updating m and v from g, on
// `threads` OpenMP threads.
void adamUpdate(float* p, const float* g, float* m, float* v, int64_t n, const AdamStepConstants& c, int threads);

}  // namespace latent
