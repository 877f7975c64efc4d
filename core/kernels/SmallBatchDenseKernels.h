#pragma once
#include <cstdint>

namespace latent {

// Loops behind SmallBatchDense's display path: a dense layer on a few rows (at most 4) with its
// weight in bf16 (uint16_t bits), sums in float. Where the CPU has AVX512-BF16 the input is rounded
// to bf16 as well (vdpbf16ps); elsewhere it stays float. No torch header: built for
// AVX-512/AVX2/x86-64.
// out[r][j] = bias[j] + sum over k of in[r][k] * weight[j][k], then ReLU where relu is set.
// in: [rows][width] float; weight: [outWidth][width]; bias: outWidth floats or null.
void denseRowsBf16(const float* in, int64_t rows, int64_t width, const uint16_t* weight, const float* bias, int64_t outWidth, bool relu,
                   float* out);

}  // namespace latent
