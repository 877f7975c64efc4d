#include "data/IdxWriter.h"

#include <zlib.h>

#include <cstdio>
#include <stdexcept>
#include <vector>

namespace latent {

void IdxWriter::write(const std::string& path, const torch::Tensor& data)
{
    if (data.scalar_type() != torch::kUInt8) throw std::invalid_argument("IdxWriter: tensor must be uint8");
    if (data.dim() < 1 || data.dim() > 4) throw std::invalid_argument("IdxWriter: rank must be 1 to 4");
    const torch::Tensor t = data.contiguous();
    std::vector<unsigned char> header = {0, 0, 0x08, static_cast<unsigned char>(t.dim())};
    for (int64_t d : t.sizes()) {
        if (d > 0xFFFFFFFFLL) throw std::invalid_argument("IdxWriter: dimension too large");
        for (int shift = 24; shift >= 0; shift -= 8) header.push_back(static_cast<unsigned char>((d >> shift) & 0xFF));
    }
    const bool gz = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
    const std::string tmp = path + ".tmp";
    bool ok = false;
    if (gz) {
        gzFile f = gzopen(tmp.c_str(), "wb6");
        if (f) {
            ok = gzwrite(f, header.data(), unsigned(header.size())) == int(header.size());
            const int64_t n = t.numel();
            const auto* p = t.data_ptr<uint8_t>();
            for (int64_t off = 0; ok && off < n; off += (1 << 30)) {
                const unsigned chunk = unsigned(std::min<int64_t>(n - off, 1 << 30));
                ok = gzwrite(f, p + off, chunk) == int(chunk);
            }
            ok = (gzclose(f) == Z_OK) && ok;
        }
    } else {
        std::FILE* f = std::fopen(tmp.c_str(), "wb");
        if (f) {
            ok = std::fwrite(header.data(), 1, header.size(), f) == header.size();
            ok = ok && std::fwrite(t.data_ptr<uint8_t>(), 1, size_t(t.numel()), f) == size_t(t.numel());
            ok = (std::fclose(f) == 0) && ok;
        }
    }
    if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw std::runtime_error(path + ": cannot write IDX file");
    }
}

}  // namespace latent
