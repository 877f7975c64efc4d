#include "inference/Bf16WeightCache.h"

#include "kernels/Bf16.h"

#include <algorithm>

namespace latent {

const uint16_t* Bf16WeightCache::bitsOf(const torch::Tensor& weight)
{
    if (weight.is_inference()) return nullptr;
    const void* data = weight.data_ptr();
    const int64_t version = int64_t(weight._version());
    const c10::TensorImpl* tensor = weight.unsafeGetTensorImpl();
    auto it = std::find_if(copies_.begin(), copies_.end(), [&](const Copy& c) { return c.tensor == tensor; });
    if (it != copies_.end() && it->storage.is_alias_of(weight.storage()) && it->data == data && it->version == version)
        return it->bits.data();
    if (it == copies_.end()) it = copies_.insert(copies_.end(), Copy{});
    it->tensor = tensor;
    it->storage = weight.storage();
    it->data = data;
    it->version = version;
    const torch::Tensor rowMajor = weight.contiguous();
    it->bits.resize(size_t(rowMajor.numel()));
    toBf16(rowMajor.data_ptr<float>(), rowMajor.numel(), it->bits.data());
    return it->bits.data();
}

}  // namespace latent
