#pragma once
#include "runtime/TorchHeaders.h"

namespace latent {

// The layout the fast operations' kernels read and write.
constexpr auto kChannelsLast = at::MemoryFormat::ChannelsLast;

// A tensor's elements as the kernels take them: float, or bf16 as its uint16_t bits.
template <typename T>
T* kernelData(const torch::Tensor& t)
{
    return static_cast<T*>(t.data_ptr());
}

}  // namespace latent
