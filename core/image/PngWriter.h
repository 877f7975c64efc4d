#pragma once
#include <torch/types.h>

#include <string>

namespace latent {

// Writes an 8-bit grayscale PNG (uint8 [H, W]) with zlib, so that the core and the CLI need no
// image library. Written through io/SafeFile: whole or not at all.
class PngWriter {
public:
    // scale > 1 enlarges each pixel to a scale x scale square (pixel-exact, for small digits).
    static void write(const std::string& path, const torch::Tensor& gray, int scale = 1);
};

}  // namespace latent
