#include "analysis/NearestRows.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace latent {

NearestRows nearestRows(const torch::Tensor& points, int64_t query, int k)
{
    const torch::Tensor rows = points.reshape({points.size(0), -1});
    const int64_t n = rows.size(0);
    if (query < 0 || query >= n)
        throw std::invalid_argument("row " + std::to_string(query) + " is outside the " + std::to_string(n) + " rows");
    torch::NoGradGuard noGrad;
    // Squared distances in float, a block of rows at a time: 10,000 MNIST digits as uint8 would
    // otherwise become one 31 MB float copy per click.
    const torch::Tensor q = rows[query].to(torch::kFloat);
    std::vector<float> d2(static_cast<size_t>(n));
    constexpr int64_t kBlock = 1024;
    for (int64_t start = 0; start < n; start += kBlock) {
        const int64_t len = std::min(kBlock, n - start);
        const torch::Tensor block = (rows.narrow(0, start, len).to(torch::kFloat) - q).square().sum(1).contiguous();
        std::copy_n(block.data_ptr<float>(), len, d2.begin() + start);
    }
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), int64_t(0));
    order.erase(order.begin() + query);
    const size_t want = std::min<size_t>(static_cast<size_t>(std::max(k, 0)), order.size());
    auto closer = [&](int64_t a, int64_t b) { return d2[size_t(a)] < d2[size_t(b)] || (d2[size_t(a)] == d2[size_t(b)] && a < b); };
    std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(want), order.end(), closer);
    NearestRows out;
    for (size_t i = 0; i < want; ++i) {
        out.index.push_back(order[i]);
        out.distance.push_back(std::sqrt(d2[size_t(order[i])]));
    }
    return out;
}

}  // namespace latent
