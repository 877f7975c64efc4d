#pragma once
// For the torch-free loop files of models/ (ReluResamplingKernels, OneChannelConvolutionKernels,
// SmallBatchDenseKernels): bf16 as its bits, 16-float vectors, and the compile-time variants the
// loops are built in. Include from .cpp only.
#include "kernels/Bf16.h"
#include "runtime/KernelIsa.h"

#include <cstdint>
#include <cstring>

namespace latent::kernels {

// Loads and stores of float or bf16 bits (kernels/Bf16.h: the one rounding).
inline float toFloat(float v) { return v; }
inline float toFloat(uint16_t bits) { return fromBf16(bits); }
inline void store(float& out, float v) { out = v; }
inline void store(uint16_t& out, float v) { out = toBf16(v); }

// 16 floats in GCC's vector extensions, which compile to AVX-512, AVX2 or SSE in each clone (see
// LATENT_KERNEL_VARIANTS); loaded from float or bf16, stored to either. For loops whose plain form GCC
// left scalar (around the bf16 widening and the sums across lanes).
typedef float V16 __attribute__((vector_size(64)));
typedef uint32_t U32x16 __attribute__((vector_size(64)));
typedef uint16_t U16x16 __attribute__((vector_size(32)));

#define LATENT_INLINE inline __attribute__((always_inline))
LATENT_INLINE V16 load16(const float* p)
{
    V16 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
LATENT_INLINE V16 load16(const uint16_t* p)
{
    U16x16 h;
    std::memcpy(&h, p, sizeof h);
    return (V16)(__builtin_convertvector(h, U32x16) << 16);
}
LATENT_INLINE void store16(float* p, V16 v) { std::memcpy(p, &v, sizeof v); }
// toBf16 (kernels/Bf16.h) on 16 lanes.
LATENT_INLINE void store16(uint16_t* p, V16 v)
{
    const U32x16 u = (U32x16)v;
    const U32x16 nan = (U32x16)((u & 0x7FFFFFFFu) > 0x7F800000u);  // all ones where NaN
    const U32x16 rounded = (u + 0x7FFFu + ((u >> 16) & 1u)) >> 16;
    const U16x16 h = __builtin_convertvector((rounded & ~nan) | (0x7FC0u & nan), U16x16);
    std::memcpy(p, &h, sizeof h);
}
LATENT_INLINE V16 splat(float v) { return V16{} + v; }
LATENT_INLINE float lanesSum(V16 v)
{
    v += __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15);
    v += __builtin_shufflevector(v, v, 4, 5, 6, 7, 4, 5, 6, 7, 4, 5, 6, 7, 4, 5, 6, 7);
    v += __builtin_shufflevector(v, v, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3);
    v += __builtin_shufflevector(v, v, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
    return v[0];
}

// Passes over tensors smaller than this are not worth waking the other threads for.
constexpr int64_t kParallelElements = 32768;
inline int teamFor(int64_t elements, int threads) { return elements < kParallelElements ? 1 : threads; }

}  // namespace latent::kernels

// The same loops compiled for AVX-512, AVX2 and baseline x86-64, one of them run as isa() says
// (runtime/KernelIsa.h: the best the CPU has unless LATENT_ISA or a test chose a lower one).
// LATENT_KERNEL_VARIANTS(name, (params), (args)) defines name(params) to run nameBody(args), an
// always-inline function, in the variant chosen; each variant is nameBody compiled for its target.
// clang (the fuzz build; LATENT_NO_TARGET_CLONES too): three baseline copies. (With GCC's
// target_clones, which this replaces, the choice was an ifunc that no test could steer, and TSan
// builds crashed in its resolvers.)
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(LATENT_NO_TARGET_CLONES)
#define LATENT_TARGET_AVX512 __attribute__((target("avx512f")))
#define LATENT_TARGET_AVX2 __attribute__((target("avx2")))
#else
#define LATENT_TARGET_AVX512
#define LATENT_TARGET_AVX2
#endif
#define LATENT_KERNEL_VARIANTS(name, params, args)                                               \
    LATENT_TARGET_AVX512 __attribute__((noinline)) void name##Avx512 params { name##Body args; } \
    LATENT_TARGET_AVX2 __attribute__((noinline)) void name##Avx2 params { name##Body args; }     \
    __attribute__((noinline)) void name##Generic params { name##Body args; }                     \
    void name params                                                                             \
    {                                                                                            \
        switch (::latent::isa()) {                                                               \
        case ::latent::Isa::Avx512: name##Avx512 args; return;                                   \
        case ::latent::Isa::Avx2: name##Avx2 args; return;                                       \
        default: name##Generic args; return;                                                     \
        }                                                                                        \
    }

// The channel counts of the models here as constants (0: any other, at run time): their loops
// compile to whole vectors. rows is a function template taking <int Channels>.
#define LATENT_BY_CHANNELS(channels, rows, args) \
    switch (channels) {                          \
    case 8: rows<8> args; break;                 \
    case 16: rows<16> args; break;               \
    case 32: rows<32> args; break;               \
    default: rows<0> args;                       \
    }
