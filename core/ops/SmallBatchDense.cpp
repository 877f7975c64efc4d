#include "ops/SmallBatchDense.h"

#include "ops/InferenceCheck.h"
#include "kernels/SmallBatchDenseKernels.h"
#include "runtime/Gemm.h"

#include <algorithm>

namespace latent {

namespace {

float dot(const float* __restrict a, const float* __restrict b, int64_t n)
{
    // Eight independent partial sums, which the compiler keeps in vector registers.
    float part[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int j = 0; j < 8; ++j) part[j] += a[i + j] * b[i + j];
    for (; i < n; ++i) part[0] += a[i] * b[i];
    return ((part[0] + part[1]) + (part[2] + part[3])) + ((part[4] + part[5]) + (part[6] + part[7]));
}

}  // namespace

torch::Tensor denseLayers(const torch::Tensor& x, const std::vector<DenseStep>& steps)
{
    if (!steps.empty() && x.dim() == 2 && x.size(0) <= kSmallBatchMaxRows &&
        runsWithoutGradients(*steps.front().layer, steps.front().layer->weight, x))
        return runDenseSteps(x, steps);
    torch::Tensor h = x;
    for (const DenseStep& s : steps) {
        h = torch::linear(h, s.layer->weight, s.layer->bias);
        if (s.relu) h = torch::relu(h);
    }
    return h;
}

torch::Tensor runDenseSteps(const torch::Tensor& x, const std::vector<DenseStep>& steps, const std::vector<const uint16_t*>* bf16)
{
    if (bf16 && bf16->size() != steps.size()) throw std::invalid_argument("runDenseSteps: one bf16 weight (or null) per step");
    const int64_t n = x.size(0);
    const torch::Tensor xc = x.contiguous();
    std::vector<float> in(xc.data_ptr<float>(), xc.data_ptr<float>() + xc.numel()), out;
    int64_t width = x.size(1);
    for (size_t i = 0; i < steps.size(); ++i) {
        const DenseStep& s = steps[i];
        const torch::Tensor w = s.layer->weight.contiguous(), b = s.layer->bias;
        const int64_t outWidth = w.size(0);
        if (w.size(1) != width || w.scalar_type() != torch::kFloat32) throw std::invalid_argument("runDenseSteps: the layers do not chain");
        const float* wp = w.data_ptr<float>();
        const torch::Tensor bc = b.defined() ? b.contiguous() : torch::Tensor();
        const float* bp = bc.defined() ? bc.data_ptr<float>() : nullptr;
        out.assign(size_t(n * outWidth), 0.f);
        // A wide layer in bf16 for display, or through oneDNN's GEMM (its AVX-512 kernels); the rest with the loops.
        const bool wide = width * outWidth >= 65536;
        const uint16_t* bits = wide && bf16 && n <= kSmallBatchMaxRows ? (*bf16)[i] : nullptr;
        if (bits) {
            denseRowsBf16(in.data(), n, width, bits, bp, outWidth, s.relu, out.data());
        } else {
            const bool viaGemm =
                wide && Gemm::rowMajorSgemm('N', 'T', n, outWidth, width, 1.f, in.data(), width, wp, width, 0.f, out.data(), outWidth);
            for (int64_t r = 0; r < n; ++r)
                for (int64_t j = 0; j < outWidth; ++j) {
                    float& y = out[size_t(r * outWidth + j)];
                    const float v = (viaGemm ? y : dot(wp + j * width, in.data() + r * width, width)) + (bp ? bp[j] : 0.f);
                    y = s.relu ? std::max(v, 0.f) : v;
                }
        }
        in.swap(out);
        width = outWidth;
    }
    torch::Tensor result = torch::empty({n, width});
    std::copy(in.begin(), in.end(), result.data_ptr<float>());
    return result;
}

}  // namespace latent
