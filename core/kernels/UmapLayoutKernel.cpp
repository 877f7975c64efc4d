#include "kernels/UmapLayoutKernel.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace latent {

namespace {

inline float clip4(float v) { return std::min(4.0f, std::max(-4.0f, v)); }

// Adds the attraction of edges [first, last) and the repulsion of negative pairs [nFirst, nLast) to out.
void accumulate(const UmapLayoutPairs& p, int64_t first, int64_t last, int64_t nFirst, int64_t nLast, float* out)
{
    const float* y = p.points;
    for (int64_t e = first; e < last; ++e) {
        const int64_t h = p.heads[e], t = p.tails[e];
        const float dx = y[2 * h] - y[2 * t], dy = y[2 * h + 1] - y[2 * t + 1];
        const float d = dx * dx + dy * dy;
        const float dc = std::max(d, 1e-12f);
        const float pw = std::pow(dc, p.b);  // d^b (d floored as the reference floors it); d^(b-1) = d^b / d
        const float c = -2.0f * p.a * p.b * (pw / dc) / (1.0f + p.a * pw);
        const float mx = clip4(c * dx) * p.rate, my = clip4(c * dy) * p.rate;
        out[2 * h] += mx, out[2 * h + 1] += my;
        out[2 * t] -= mx, out[2 * t + 1] -= my;
    }
    for (int64_t q = nFirst; q < nLast; ++q) {
        const int64_t h = p.heads[q / p.negativesPerEdge], t = p.negativeTails[q];
        const float dx = y[2 * h] - y[2 * t], dy = y[2 * h + 1] - y[2 * t + 1];
        const float d = dx * dx + dy * dy;
        const float c = 2.0f * p.b / ((1e-3f + d) * (1.0f + p.a * std::pow(d, p.b)));
        out[2 * h] += clip4(c * dx) * p.rate, out[2 * h + 1] += clip4(c * dy) * p.rate;
    }
}

}  // namespace

void umapLayoutMoves(const UmapLayoutPairs& p, float* move, int threads)
{
    threads = std::max(1, threads);
    if (threads == 1) {
        accumulate(p, 0, p.edges, 0, p.negatives, move);
        return;
    }
    std::vector<std::vector<float>> partial(size_t(threads - 1), std::vector<float>(size_t(2 * p.count), 0.0f));
#pragma omp parallel num_threads(threads)
    {
        const int t = omp_get_thread_num(), n = omp_get_num_threads();
        const int64_t first = p.edges * t / n, last = p.edges * (t + 1) / n;
        const int64_t nFirst = p.negatives * t / n, nLast = p.negatives * (t + 1) / n;
        accumulate(p, first, last, nFirst, nLast, t == 0 ? move : partial[size_t(t - 1)].data());
    }
    for (const std::vector<float>& part : partial)
        for (int64_t i = 0; i < 2 * p.count; ++i) move[i] += part[size_t(i)];
}

}  // namespace latent
