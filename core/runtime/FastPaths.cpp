#include "runtime/FastPaths.h"

#include "runtime/Gemm.h"
#include "runtime/KernelIsa.h"

#include <torch/csrc/jit/frontend/tracer.h>
#include "runtime/TorchHeaders.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace latent {
namespace {

std::atomic<int>& state()
{
    static std::atomic<int> s{[] {
        const char* v = std::getenv("LATENT_REFERENCE");
        return v && *v && std::strcmp(v, "0") != 0 ? 1 : 0;
    }()};
    return s;
}

}  // namespace

bool referencePaths() { return state().load(std::memory_order_relaxed) != 0; }

void setReferencePaths(bool on) { state().store(on ? 1 : 0, std::memory_order_relaxed); }

bool fastPathAllowed(const at::Tensor& x) { return !referencePaths() && x.device().is_cpu() && !torch::jit::tracer::isTracing(); }

std::string describeFastPaths()
{
    if (referencePaths()) return "reference (LATENT_REFERENCE): plain LibTorch operations, products through the system BLAS";
    std::string loops = isaName(isa());
    if (isa() != bestIsa()) loops += std::string(" (the CPU has ") + isaName(bestIsa()) + ")";
    return "fast paths on: products through " + Gemm::describe() + "; loops compiled for " + loops +
           " (LATENT_ISA): MLP VAE training step, fused Adam, one-channel convolutions, fused ReLU+pooling/upsampling, "
           "transposed convolutions as GEMM, small-batch dense decodes (LATENT_REFERENCE=1 turns them off)";
}

}  // namespace latent
