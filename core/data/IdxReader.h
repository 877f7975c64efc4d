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
// Only unsigned-byte elements are accepted, which is what image and label files use. Memory stays
// bounded whatever a file claims: a plain file's header is checked against its size before the
// data is allocated, and a gzip stream's data grows with what really inflates, so a header that
// claims a gigabyte over a few bytes costs nothing.
class IdxReader {
public:
    static constexpr int64_t kMaxBytes = int64_t(1) << 30;  // refuse headers claiming > 1 GiB (MNIST: 47 MB)

    static IdxArray read(const std::string& path);
};

}  // namespace latent
