#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace latent {

// SHA-256 (FIPS 180-4), to check downloaded data against pinned digests without another library.
class Sha256 {
public:
    Sha256();
    void update(const void* data, size_t size);
    std::array<uint8_t, 32> finish();

    static std::string hex(const std::array<uint8_t, 32>& digest);
    static std::string ofBytes(const std::string& bytes);  // lowercase hex
    static std::string ofFile(const std::string& path);    // lowercase hex; throws std::runtime_error

private:
    void block(const uint8_t* p);
    std::array<uint32_t, 8> h_;
    std::array<uint8_t, 64> buffer_{};
    size_t buffered_ = 0;
    uint64_t length_ = 0;  // bytes hashed
};

}  // namespace latent
