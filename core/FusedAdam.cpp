#include "FusedAdam.h"

#include <ATen/Parallel.h>

#include <cmath>

namespace latent {
namespace {

// One pass of Adam over [begin, end). Compiled for AVX-512, AVX2 and baseline x86-64 and picked
// at load time: with SSE2 alone, sqrt and division make this loop three times slower.
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void adamKernel(float* __restrict p, const float* __restrict g, float* __restrict m, float* __restrict v,
                int64_t begin, int64_t end, float b1, float b2, float stepSize, float sqrtBc2, float eps)
{
    for (int64_t j = begin; j < end; ++j) {
        const float gj = g[j];
        const float mj = b1 * m[j] + (1 - b1) * gj;
        const float vj = b2 * v[j] + (1 - b2) * gj * gj;
        m[j] = mj;
        v[j] = vj;
        p[j] -= stepSize * mj / (std::sqrt(vj) / sqrtBc2 + eps);
    }
}

}  // namespace

FusedAdam::FusedAdam(std::vector<torch::Tensor> params, Options options)
    : params_(std::move(params)), options_(options)
{
    for (auto& p : params_) {
        expAvg_.push_back(torch::zeros_like(p));  // same strides as p
        expAvgSq_.push_back(torch::zeros_like(p));
    }
}

void FusedAdam::zeroGrad()
{
    for (auto& p : params_)
        if (p.grad().defined()) p.mutable_grad().zero_();
}

void FusedAdam::step()
{
    torch::NoGradGuard noGrad;
    ++step_;
    const double bc1 = 1.0 - std::pow(options_.beta1, double(step_));
    const double bc2 = 1.0 - std::pow(options_.beta2, double(step_));
    const float b1 = float(options_.beta1), b2 = float(options_.beta2), eps = float(options_.eps);
    const float stepSize = float(options_.lr / bc1), sqrtBc2 = float(std::sqrt(bc2));
    for (size_t i = 0; i < params_.size(); ++i) {
        torch::Tensor& p = params_[i];
        const torch::Tensor& g = p.grad();
        if (!g.defined()) continue;
        torch::Tensor &m = expAvg_[i], &v = expAvgSq_[i];
        // Any dense layout works (the MLP VAE keeps a transposed weight) as long as all four
        // tensors share it: then element j of each storage is the same weight.
        const bool fast = p.device().is_cpu() && p.scalar_type() == torch::kFloat32 &&
                          g.scalar_type() == torch::kFloat32 && p.is_non_overlapping_and_dense() &&
                          g.strides() == p.strides() && m.strides() == p.strides() && v.strides() == p.strides();
        if (!fast) {
            m.mul_(b1).add_(g, 1 - b1);
            v.mul_(b2).addcmul_(g, g, 1 - b2);
            p.addcdiv_(m, (v.sqrt() / sqrtBc2).add_(eps), -stepSize);
            continue;
        }
        float* pp = p.data_ptr<float>();
        const float* gp = g.data_ptr<float>();
        float* mp = m.data_ptr<float>();
        float* vp = v.data_ptr<float>();
        at::parallel_for(0, p.numel(), 32768, [&](int64_t begin, int64_t end) {
            adamKernel(pp, gp, mp, vp, begin, end, b1, b2, stepSize, sqrtBc2, eps);
        });
    }
}

}  // namespace latent
