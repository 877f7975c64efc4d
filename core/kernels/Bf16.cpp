#include "kernels/Bf16.h"

namespace latent {

void toBf16(const float* src, int64_t n, uint16_t* dst)
{
    for (int64_t i = 0; i < n; ++i) dst[i] = toBf16(src[i]);
}

}  // namespace latent
