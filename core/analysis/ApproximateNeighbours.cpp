#include "analysis/ApproximateNeighbours.h"

#include "runtime/ParallelFor.h"

#include <ATen/Parallel.h>
#include <hnswlib/hnswlib.h>
#include "runtime/TorchHeaders.h"

#include <atomic>
#include <stdexcept>

namespace latent {

torch::Tensor approximateCandidates(const torch::Tensor& rows, int candidates, const ApproximateSearchOptions& options,
                                    const std::function<bool(double)>& progress)
{
    if (rows.dim() != 2 || rows.scalar_type() != torch::kFloat32 || !rows.is_contiguous())
        throw std::invalid_argument("approximateCandidates needs contiguous float rows");
    const int64_t n = rows.size(0), dim = rows.size(1);
    if (n <= candidates) throw std::invalid_argument("approximateCandidates needs more rows than candidates");
    const float* data = rows.data_ptr<float>();
    hnswlib::L2Space space{size_t(dim)};
    hnswlib::HierarchicalNSW<float> index(&space, size_t(n), size_t(options.links), size_t(options.buildBreadth), 100);
    const int threads = at::get_num_threads();
    // Work in chunks so that progress is reported and a stop is seen between them; the first row
    // alone first (hnswlib's entry point), then the rest on every thread.
    constexpr int64_t kChunk = 20000;
    std::atomic<bool> stopped{false};
    auto report = [&](double fraction) {
        if (progress && !progress(fraction)) stopped = true;
        return !stopped;
    };
    index.addPoint(data, 0);
    for (int64_t first = 1; first < n; first += kChunk) {
        const int64_t count = std::min(kChunk, n - first);
        parallelFor(count, threads, [&](int64_t a, int64_t b) {
            for (int64_t i = first + a; i < first + b; ++i) index.addPoint(data + i * dim, size_t(i));
        });
        if (!report(0.5 * double(first + count) / double(n))) return {};
    }
    index.setEf(size_t(std::max(options.searchBreadth, candidates + 1)));
    torch::Tensor out = torch::empty({n, candidates}, torch::kLong);
    int64_t* o = out.data_ptr<int64_t>();
    for (int64_t first = 0; first < n; first += kChunk) {
        const int64_t count = std::min(kChunk, n - first);
        parallelFor(count, threads, [&](int64_t a, int64_t b) {
            for (int64_t i = first + a; i < first + b; ++i) {
                // The row itself is its own nearest: ask for one more and leave it out.
                auto found = index.searchKnn(data + i * dim, size_t(candidates + 1));
                std::vector<int64_t> order;
                while (!found.empty()) {  // farthest first
                    if (int64_t(found.top().second) != i) order.push_back(int64_t(found.top().second));
                    found.pop();
                }
                std::reverse(order.begin(), order.end());
                for (int j = 0; j < candidates; ++j) o[i * candidates + j] = j < int(order.size()) ? order[size_t(j)] : order.back();
            }
        });
        if (!report(0.5 + 0.5 * double(first + count) / double(n))) return {};
    }
    return out;
}

}  // namespace latent
