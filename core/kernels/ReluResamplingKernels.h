#pragma once
#include <cstdint>

namespace latent {

// Loops behind ReluResampling (see there), on channels-last (NHWC) buffers of float or of bf16
// (as uint16_t bits). No torch header: its .cpp is built for AVX-512/AVX2/x86-64 (KernelSupport.h).
// `rows` are the [n, h] rows of the tensor named, split over `threads` OpenMP threads.
struct NhwcShape {
    int64_t n = 0, h = 0, w = 0, c = 0;
};

// A window index meaning "no element passes the gradient" (its maximum was <= 0, cut by the ReLU).
constexpr uint8_t kNoWinner = 255;

// y = max over each 2x2 window (stride 2; a partial window at an odd edge) of relu(x); winner
// (may be null) gets the window index 0-3 of the element y came from, or kNoWinner.
void reluMaxPool2Forward(const float* x, float* y, uint8_t* winner, NhwcShape in, int threads);
void reluMaxPool2Forward(const uint16_t* x, uint16_t* y, uint8_t* winner, NhwcShape in, int threads);
// gx (shaped as x) = gy at each window's winner, 0 elsewhere.
void reluMaxPool2Backward(const float* gy, const uint8_t* winner, float* gx, NhwcShape in, int threads);
void reluMaxPool2Backward(const uint16_t* gy, const uint8_t* winner, uint16_t* gx, NhwcShape in, int threads);

// y (2h x 2w) = relu(x), each pixel repeated over a 2x2 block (nearest-neighbour upsampling).
void reluUpsample2Forward(const float* x, float* y, NhwcShape in, int threads);
void reluUpsample2Forward(const uint16_t* x, uint16_t* y, NhwcShape in, int threads);
// gx = the sum of gy over each pixel's 2x2 block where x > 0, else 0.
void reluUpsample2Backward(const float* gy, const float* x, float* gx, NhwcShape in, int threads);
void reluUpsample2Backward(const uint16_t* gy, const uint16_t* x, uint16_t* gx, NhwcShape in, int threads);

}  // namespace latent
