#include "image/PngWriter.h"

#include "io/SafeFile.h"

#include <zlib.h>

#include <cstdio>
#include <stdexcept>
#include <vector>

namespace latent {
namespace {

void put32(std::vector<unsigned char>& v, uint32_t x)
{
    for (int s = 24; s >= 0; s -= 8) v.push_back(static_cast<unsigned char>((x >> s) & 0xFF));
}

void chunk(std::vector<unsigned char>& out, const char* type, const std::vector<unsigned char>& data)
{
    put32(out, uint32_t(data.size()));
    const size_t start = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data.begin(), data.end());
    put32(out, uint32_t(crc32(0L, out.data() + start, uInt(out.size() - start))));
}

}  // namespace

void PngWriter::write(const std::string& path, const torch::Tensor& gray, int scale)
{
    if (gray.dim() != 2 || gray.scalar_type() != torch::kUInt8) throw std::invalid_argument("PngWriter: expected a uint8 [H, W] tensor");
    const torch::Tensor img = (scale > 1 ? gray.repeat_interleave(scale, 0).repeat_interleave(scale, 1) : gray).contiguous();
    const uint32_t h = uint32_t(img.size(0)), w = uint32_t(img.size(1));
    std::vector<unsigned char> raw;
    raw.reserve(size_t(h) * (w + 1));
    const auto* p = img.data_ptr<uint8_t>();
    for (uint32_t y = 0; y < h; ++y) {
        raw.push_back(0);  // filter: none
        raw.insert(raw.end(), p + size_t(y) * w, p + size_t(y + 1) * w);
    }
    uLongf zlen = compressBound(uLong(raw.size()));
    std::vector<unsigned char> z(zlen);
    if (compress2(z.data(), &zlen, raw.data(), uLong(raw.size()), 6) != Z_OK) throw std::runtime_error(path + ": PNG compression failed");
    z.resize(zlen);

    std::vector<unsigned char> out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    std::vector<unsigned char> ihdr;
    put32(ihdr, w);
    put32(ihdr, h);
    ihdr.insert(ihdr.end(), {8, 0, 0, 0, 0});  // 8-bit, grayscale, deflate, no filter, no interlace
    chunk(out, "IHDR", ihdr);
    chunk(out, "IDAT", z);
    chunk(out, "IEND", {});

    try {
        writeFileSafely(path, std::string_view(reinterpret_cast<const char*>(out.data()), out.size()), "PNG");
    } catch (const FileWriteError& e) {
        throw std::runtime_error(e.what());
    }
}

}  // namespace latent
