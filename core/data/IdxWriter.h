#pragma once
#include <torch/types.h>

#include <string>

namespace latent {

// Writes a uint8 tensor as an IDX file, gzip-compressed when the path ends in ".gz".
// Writes to a temporary file and renames it, so a reader never sees half a file.
class IdxWriter {
public:
    static void write(const std::string& path, const torch::Tensor& data);
};

}  // namespace latent
