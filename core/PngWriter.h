#pragma once
#include <torch/types.h>

#include <string>

namespace latent {

// Writes an 8-bit grayscale PNG (uint8 [H, W]) with zlib, so that the core and the CLI need no
// image library. Written to a temporary file and renamed.
class PngWriter {
public:
    static void write(const std::string& path, const torch::Tensor& gray);
};

}  // namespace latent
