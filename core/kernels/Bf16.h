#pragma once
#include <cstdint>
#include <cstring>

namespace latent {

// bf16 is the upper half of a float. Narrowing rounds to nearest even and turns every NaN into
// the quiet NaN 0x7FC0, as c10::BFloat16 does: the one rounding every bf16 copy here uses (the
// kernels' 16-lane store16 is its vector form; tst_reference compares all three).
inline uint16_t toBf16(float v)
{
    uint32_t u;
    std::memcpy(&u, &v, sizeof u);
    if ((u & 0x7FFFFFFFu) > 0x7F800000u) return 0x7FC0;
    return uint16_t((u + 0x7FFFu + ((u >> 16) & 1u)) >> 16);
}

inline float fromBf16(uint16_t bits)
{
    const uint32_t u = uint32_t(bits) << 16;
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
}

// n floats to bf16 bits.
void toBf16(const float* src, int64_t n, uint16_t* dst);

}  // namespace latent
