#pragma once
#include <torch/types.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace latent {

// Any malformed, truncated or unsupported IDX file; what() names the file and the problem.
class IdxError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct IdxArray {
    std::vector<int64_t> dims;
    torch::Tensor data;  // uint8, shape = dims
};

// Reads IDX files (the MNIST format), plain or gzip-compressed (detected by content, not name).
// Only unsigned-byte elements are accepted, which is what image and label files use. Everything
// in the header is checked against the file's size before the data is allocated.
class IdxReader {
public:
    static constexpr int64_t kMaxBytes = int64_t(4) << 30;  // refuse headers claiming > 4 GiB

    static IdxArray read(const std::string& path);
};

}  // namespace latent
