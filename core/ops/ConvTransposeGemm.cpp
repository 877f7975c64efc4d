#include "ops/ConvTransposeGemm.h"

#include "kernels/Bf16.h"
#include "runtime/Gemm.h"

#include <algorithm>
#include <stdexcept>

namespace latent {

namespace {

// o[0..n) += s[0..n); a fixed n lets the compiler unroll and vectorise it whole.
template <int N>
void addRow(float* __restrict o, const float* __restrict s)
{
    for (int c = 0; c < N; ++c) o[c] += s[c];
}

void addRow(float* __restrict o, const float* __restrict s, int64_t n)
{
    switch (n) {
    case 32: return addRow<32>(o, s);
    case 64: return addRow<64>(o, s);
    default:
        for (int64_t c = 0; c < n; ++c) o[c] += s[c];
    }
}

}  // namespace

ConvTransposeGemm::ConvTransposeGemm(const torch::Tensor& weight, const torch::Tensor& bias, int64_t stride, int64_t padding,
                                     int64_t outputPadding, bool bf16)
    : cin_(weight.size(0)), cout_(weight.size(1)), k_(weight.size(2)), stride_(stride), padding_(padding), outputPadding_(outputPadding),
      bf16_(bf16 && Gemm::hasNativeBf16())
{
    if (weight.dim() != 4 || weight.size(2) != weight.size(3))
        throw std::invalid_argument("ConvTransposeGemm: the weight must be [Cin, Cout, k, k]");
    torch::NoGradGuard noGrad;
    wmat_ = weight.detach().to(torch::kFloat32).permute({0, 2, 3, 1}).reshape({cin_, k_ * k_ * cout_}).contiguous();
    if (bf16_) {
        wmatBf16_.resize(size_t(wmat_.numel()));
        toBf16(wmat_.data_ptr<float>(), wmat_.numel(), wmatBf16_.data());
    }
    bias_.assign(size_t(cout_), 0.f);
    if (bias.defined()) {
        const torch::Tensor b = bias.detach().to(torch::kFloat32).contiguous();
        std::copy(b.data_ptr<float>(), b.data_ptr<float>() + cout_, bias_.begin());
    }
}

void ConvTransposeGemm::run(const float* x, int64_t count, int64_t h, int64_t w, float* out, float* scratch, bool relu) const
{
    const int64_t rows = count * h * w, cols = k_ * k_ * cout_;
    const int64_t oh = outputSize(h), ow = outputSize(w);
    bool done = false;
    if (bf16_) {
        uint16_t* xb = reinterpret_cast<uint16_t*>(scratch + rows * cols);
        toBf16(x, rows * cin_, xb);
        done = Gemm::rowMajorBf16('N', 'N', rows, cols, cin_, 1.f, xb, cin_, wmatBf16_.data(), cols, 0.f, scratch, cols);
    }
    if (!done && !Gemm::rowMajorSgemm('N', 'N', rows, cols, cin_, 1.f, x, cin_, wmat_.data_ptr<float>(), cols, 0.f, scratch, cols)) {
        torch::NoGradGuard noGrad;
        torch::Tensor dst = torch::from_blob(scratch, {rows, cols});
        torch::mm_out(dst, torch::from_blob(const_cast<float*>(x), {rows, cin_}), wmat_);
    }
    for (int64_t i = 0; i < count; ++i) {
        float* dst = out + i * oh * ow * cout_;
        for (int64_t p = 0; p < oh * ow; ++p) std::copy(bias_.begin(), bias_.end(), dst + p * cout_);
        for (int64_t y = 0; y < h; ++y)
            for (int64_t xx = 0; xx < w; ++xx) {
                const float* patch = scratch + ((i * h + y) * w + xx) * cols;
                for (int64_t ky = 0; ky < k_; ++ky) {
                    const int64_t oy = y * stride_ - padding_ + ky;
                    if (oy < 0 || oy >= oh) continue;
                    for (int64_t kx = 0; kx < k_; ++kx) {
                        const int64_t ox = xx * stride_ - padding_ + kx;
                        if (ox < 0 || ox >= ow) continue;
                        addRow(dst + (oy * ow + ox) * cout_, patch + (ky * k_ + kx) * cout_, cout_);
                    }
                }
            }
        if (relu)
            for (int64_t j = 0; j < oh * ow * cout_; ++j) dst[j] = std::max(dst[j], 0.f);
    }
}

}  // namespace latent
