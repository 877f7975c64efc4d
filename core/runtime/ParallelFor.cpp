#include "runtime/ParallelFor.h"

#include <algorithm>

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace latent {

void parallelFor(int64_t count, int threads, const std::function<void(int64_t first, int64_t last)>& body)
{
    if (count <= 0) return;
    const int64_t parts = std::max<int64_t>(1, std::min<int64_t>(threads, count));
    if (parts == 1) {
        body(0, count);
        return;
    }
#pragma omp parallel for num_threads(int(parts)) schedule(static, 1)
    for (int64_t p = 0; p < parts; ++p) body(p * count / parts, (p + 1) * count / parts);
}

#if defined(_OPENMP)
SerialRegion::SerialRegion(int torchThreads) : previous_(torchThreads) { omp_set_num_threads(1); }
SerialRegion::~SerialRegion() { omp_set_num_threads(previous_); }
#else
SerialRegion::SerialRegion(int torchThreads) : previous_(torchThreads) {}
SerialRegion::~SerialRegion() = default;
#endif

}  // namespace latent
