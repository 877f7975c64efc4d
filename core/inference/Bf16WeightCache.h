#pragma once
#include "runtime/TorchHeaders.h"

#include <cstdint>
#include <mutex>
#include <vector>

namespace latent {

// bf16 copies of a model's dense weights, for the pictures it shows (DisplayDecoder): a single
// point reads every weight once, so half the bytes is most of the time. A copy is made again when
// its weight changes: another storage (a load may swap it; the copy holds the old one, so its
// address cannot come back) or an in-place change (optimiser steps and copies bump the tensor's
// version counter).
class Bf16WeightCache {
public:
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

}  // namespace latent
