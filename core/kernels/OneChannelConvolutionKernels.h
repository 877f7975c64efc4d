#pragma once
#include <cstdint>

namespace latent {

// Loops behind OneChannelConvolution (see there): 3x3 convolutions, stride 1, zero padding 1,
// between one channel (the image, [n, h, w]) and c = 16 or 32 channels stored channels-last
// ([n, h, w, c]).
// Weights as [9 taps (row-major)][c], bias as written. float or bf16 (uint16_t bits) where named;
// sums in float. No torch header: built for AVX-512/AVX2/x86-64, split over `threads` OpenMP threads.
struct OneChannelShape {
    int64_t n = 0, h = 0, w = 0, c = 0;
};

// c channels -> 1: y[n, h, w] = bias + sum over taps and channels.
void convToOneForward(const float* x, const float* weight, float bias, float* y, OneChannelShape s, int threads);
void convToOneForward(const uint16_t* x, const float* weight, float bias, float* y, OneChannelShape s, int threads);
// Its gradients from gy: gx (skipped if null, same type as x), gweight [9][c] and gbias (one value).
void convToOneBackward(const float* gy, const float* x, const float* weight, float* gx, float* gweight, float* gbias, OneChannelShape s,
                       int threads);
void convToOneBackward(const float* gy, const uint16_t* x, const float* weight, uint16_t* gx, float* gweight, float* gbias,
                       OneChannelShape s, int threads);

// 1 channel -> c: y[n, h, w, :] = bias + sum over taps of x * weight[tap].
void convFromOneForward(const float* x, const float* weight, const float* bias, float* y, OneChannelShape s, int threads);
void convFromOneForward(const float* x, const float* weight, const float* bias, uint16_t* y, OneChannelShape s, int threads);
// Its gradients from gy (the type y had): gx (skipped if null), gweight [9][c], gbias [c].
void convFromOneBackward(const float* gy, const float* x, const float* weight, float* gx, float* gweight, float* gbias, OneChannelShape s,
                         int threads);
void convFromOneBackward(const uint16_t* gy, const float* x, const float* weight, float* gx, float* gweight, float* gbias,
                         OneChannelShape s, int threads);

}  // namespace latent
