#include "data/IdxWriter.h"

#include "io/SafeFile.h"

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
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
    const auto* p = t.data_ptr<uint8_t>();
    const int64_t n = t.numel();
    const auto fill = [&](int fd) {
        if (!gz) return writeAll(fd, header.data(), header.size()) && writeAll(fd, p, size_t(n));
        gzFile f = gzdopen(::dup(fd), "wb6");  // gzclose closes its own descriptor, not ours
        if (!f) return false;
        bool ok = gzwrite(f, header.data(), unsigned(header.size())) == int(header.size());
        for (int64_t off = 0; ok && off < n; off += (1 << 30)) {
            const unsigned chunk = unsigned(std::min<int64_t>(n - off, 1 << 30));
            ok = gzwrite(f, p + off, chunk) == int(chunk);
        }
        return (gzclose(f) == Z_OK) && ok;
    };
    try {
        writeFileSafely(path, "IDX file", fill);
    } catch (const FileWriteError& e) {
        throw std::runtime_error(e.what());
    }
}

}  // namespace latent
