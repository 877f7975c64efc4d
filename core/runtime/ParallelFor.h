#pragma once
#include <cstdint>
#include <functional>

namespace latent {

// Runs body(first, last) over [0, count) split into contiguous ranges on `threads` OpenMP threads
// (LibTorch's, the same pool). at::parallel_for cannot do this from most of the core: it is an
// inline template that stays serial in a file built without -fopenmp, and the torch PCH is built
// without it. This file is built with -fopenmp and includes no torch header.
void parallelFor(int64_t count, int threads, const std::function<void(int64_t first, int64_t last)>& body);

// While it lives, parallel regions started from the calling thread (LibTorch's, oneDNN's, the
// core's) run on that thread alone; the thread's previous count comes back afterwards. For work
// too small to share, on a thread whose latency counts: after a parallel region libgomp's other
// threads spin for milliseconds, and in the window that took the X server's core from the drag's
// repaint (docs/PERFORMANCE.md, "Speed"). Pass at::get_num_threads(): LibTorch sets a thread's count from its
// global one the first time the thread asks, which would undo the region; the count passed is the
// one restored afterwards.
class SerialRegion {
public:
    explicit SerialRegion(int torchThreads);
    ~SerialRegion();
    SerialRegion(const SerialRegion&) = delete;
    SerialRegion& operator=(const SerialRegion&) = delete;

private:
    int previous_;
};

}  // namespace latent
