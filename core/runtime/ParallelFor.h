#pragma once
#include <cstdint>
#include <functional>

namespace latent {

// Runs body(first, last) over [0, count) split into contiguous ranges on `threads` OpenMP threads
// (LibTorch's, the same pool). at::parallel_for cannot do this from most of the core: it is an
// inline template that stays serial in a file built without -fopenmp, and the torch PCH is built
// without it. This file is built with -fopenmp and includes no torch header.
void parallelFor(int64_t count, int threads, const std::function<void(int64_t first, int64_t last)>& body);

}  // namespace latent
