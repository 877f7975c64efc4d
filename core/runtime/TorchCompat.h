#pragma once
// The few spellings that differ between Debian 12's LibTorch (1.13) and a current one (2.x, as the
// CUDA build of bench/cuda_check uses): one name for both.
#include <ATen/autocast_mode.h>
#include "runtime/TorchHeaders.h"
#include <torch/version.h>

#include <variant>

namespace latent::compat {

// Layer options hold c10::variant up to LibTorch 2.0, std::variant since.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 1)
namespace variants = std;
#else
namespace variants = c10;
#endif

// CPU autocast to bf16: on, off, and whether it is on (the per-device API replaced these in 2.4).
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
inline void setCpuAutocastBf16(bool on)
{
    at::autocast::set_autocast_dtype(at::kCPU, at::kBFloat16);
    at::autocast::set_autocast_enabled(at::kCPU, on);
}
inline bool cpuAutocastBf16()
{
    return at::autocast::is_autocast_enabled(at::kCPU) && at::autocast::get_autocast_dtype(at::kCPU) == at::kBFloat16;
}
#else
inline void setCpuAutocastBf16(bool on)
{
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    at::autocast::set_cpu_enabled(on);
}
inline bool cpuAutocastBf16() { return at::autocast::is_cpu_enabled() && at::autocast::get_autocast_cpu_dtype() == at::kBFloat16; }
#endif

}  // namespace latent::compat
