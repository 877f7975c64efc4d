#pragma once

namespace latent {

// Which compiled variant of the hand-written loops runs (see LATENT_KERNEL_VARIANTS in
// kernels/KernelSupport.h); here in runtime, beside the fast-path switch that reports it, so that
// runtime/ and kernels/ include each other in one direction only (kernels -> runtime): the best this CPU has, or a lower one, so that every variant can be run
// and checked against the reference on one machine. LATENT_ISA=generic, avx2 or avx512 in the
// environment chooses at start (capped at what the CPU has); setIsa at run time (tests).
enum class Isa { Generic = 0, Avx2 = 1, Avx512 = 2 };

Isa isa();
Isa bestIsa();
void setIsa(Isa wanted);  // capped at bestIsa()
const char* isaName(Isa level);

}  // namespace latent
