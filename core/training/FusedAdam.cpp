#include "training/FusedAdam.h"

#include "runtime/FastPaths.h"

#include "kernels/AdamKernel.h"

#include <ATen/Parallel.h>

#include <cmath>

namespace latent {

FusedAdam::FusedAdam(std::vector<torch::Tensor> params, Options options) : params_(std::move(params)), options_(options)
{
    for (auto& p : params_) {
        expAvg_.push_back(torch::zeros_like(p));  // same strides as p
        expAvgSq_.push_back(torch::zeros_like(p));
    }
}

OptimizerState FusedAdam::state() const
{
    OptimizerState s{{"step", torch::tensor(step_, torch::kLong)}};
    for (size_t i = 0; i < params_.size(); ++i) {
        s["exp_avg." + std::to_string(i)] = expAvg_[i];
        s["exp_avg_sq." + std::to_string(i)] = expAvgSq_[i];
    }
    return s;
}

void FusedAdam::loadState(const OptimizerState& state)
{
    const auto step = state.find("step");
    if (step == state.end() || step->second.numel() != 1) throw std::invalid_argument("no Adam step count");
    std::vector<torch::Tensor> both(expAvg_);
    both.insert(both.end(), expAvgSq_.begin(), expAvgSq_.end());
    // Checked as one list (exp_avg.i and exp_avg_sq.i), then copied into the tensors that keep
    // each parameter's layout.
    OptimizerState renamed;
    for (size_t i = 0; i < params_.size(); ++i) {
        const auto m = state.find("exp_avg." + std::to_string(i)), v = state.find("exp_avg_sq." + std::to_string(i));
        if (m == state.end() || v == state.end()) throw std::invalid_argument("no Adam moments for parameter " + std::to_string(i));
        renamed["m." + std::to_string(i)] = m->second;
        renamed["m." + std::to_string(i + params_.size())] = v->second;
    }
    loadTensors(renamed, "m.", both);
    step_ = step->second.item<int64_t>();
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
        // Any dense layout works (the MLP VAE keeps its first weight transposed) as long as all four
        // tensors share it: then element j of each storage is the same weight.
        const bool fast = fastPathAllowed(p) && p.scalar_type() == torch::kFloat32 && g.scalar_type() == torch::kFloat32 &&
                          p.is_non_overlapping_and_dense() && g.strides() == p.strides() && m.strides() == p.strides() &&
                          v.strides() == p.strides();
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
        adamUpdate(pp, gp, mp, vp, p.numel(), AdamStepConstants{b1, b2, stepSize, sqrtBc2, eps}, at::get_num_threads());
    }
}

}  // namespace latent
