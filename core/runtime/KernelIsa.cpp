#include "runtime/KernelIsa.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>

namespace latent {
namespace {

Isa cpuIsa()
{
#if defined(__x86_64__) && defined(__GNUC__)
    if (__builtin_cpu_supports("avx512f")) return Isa::Avx512;
    if (__builtin_cpu_supports("avx2")) return Isa::Avx2;
#endif
    return Isa::Generic;
}

Isa capped(Isa wanted) { return Isa(std::min(int(wanted), int(bestIsa()))); }

std::atomic<int>& chosen()
{
    static std::atomic<int> level{[] {
        const char* v = std::getenv("LATENT_ISA");
        if (v && std::strcmp(v, "generic") == 0) return int(capped(Isa::Generic));
        if (v && std::strcmp(v, "avx2") == 0) return int(capped(Isa::Avx2));
        return int(bestIsa());  // "avx512", unset, or anything else
    }()};
    return level;
}

}  // namespace

Isa bestIsa()
{
    static const Isa best = cpuIsa();
    return best;
}

Isa isa() { return Isa(chosen().load(std::memory_order_relaxed)); }

void setIsa(Isa wanted) { chosen().store(int(capped(wanted)), std::memory_order_relaxed); }

const char* isaName(Isa level)
{
    switch (level) {
    case Isa::Avx512: return "avx512";
    case Isa::Avx2: return "avx2";
    default: return "generic";
    }
}

}  // namespace latent
