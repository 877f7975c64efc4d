#pragma once
#include <torch/torch.h>

#include <mutex>
#include <vector>

namespace latent {

// Dense layers run on a few rows with plain loops, for the MLP decoders' single points (the
// latent view's drag): LibTorch's per-operation overhead was most of the ~90 us one decode took.
struct DenseStep {
    const torch::nn::LinearImpl* layer;
    bool relu;
};

// The most rows the loops take (a model asks before it hands its layers over).
constexpr int64_t kSmallBatchMaxRows = 4;

// bf16 copies of a model's dense weights, for the pictures it shows (decodeForDisplay): a single
// point reads every weight once, so half the bytes is most of the time. A copy is made again when
// its weight changes: another storage (a load may swap it; the copy holds the old one, so its
// address cannot come back) or an in-place change (optimiser steps and copies bump the tensor's
// version counter). Copying a model (Module::clone) starts an empty cache.
class Bf16WeightCache {
public:
    Bf16WeightCache() = default;
    Bf16WeightCache(const Bf16WeightCache&) {}
    Bf16WeightCache& operator=(const Bf16WeightCache&) { return *this; }

    // One decode at a time uses the copies: hold this while using bitsOf's.
    std::unique_lock<std::mutex> lock() { return std::unique_lock<std::mutex>(mutex_); }
    // The bits of weight (float [out, in]) as a row-major copy; null for a weight the cache cannot
    // follow (one made in inference mode has no version counter).
    const uint16_t* bitsOf(const torch::Tensor& weight);

private:
    struct Copy {
        const c10::TensorImpl* tensor = nullptr;  // the parameter, alive as long as its model
        c10::Storage storage;
        const void* data = nullptr;
        int64_t version = -1;
        std::vector<uint16_t> bits;
    };

    std::mutex mutex_;
    std::vector<Copy> copies_;
};

// x: float [n, in] -> float [n, out] of the last layer (the same sums in another order). With
// bf16: the wide layers' products in bf16 (SmallBatchDenseKernels; sums still in float), for
// display only: a grey level or so off.
torch::Tensor runDenseSteps(const torch::Tensor& x, const std::vector<DenseStep>& steps, Bf16WeightCache* bf16 = nullptr);

}  // namespace latent
