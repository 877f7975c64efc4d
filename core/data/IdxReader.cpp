#include "data/IdxReader.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>
#include <memory>
#include <sys/stat.h>

namespace latent {
namespace {

const char* typeName(int code)
{
    switch (code) {
    case 0x08: return "unsigned byte";
    case 0x09: return "signed byte";
    case 0x0B: return "short";
    case 0x0C: return "int";
    case 0x0D: return "float";
    case 0x0E: return "double";
    default: return nullptr;
    }
}

// A byte source over either a plain file or a gzip stream.
class Source {
public:
    explicit Source(const std::string& path) : path_(path)
    {
        std::FILE* f = std::fopen(path.c_str(), "rb");
        if (!f) throw IdxError(path + ": cannot open file");
        unsigned char magic[2] = {0, 0};
        size_t got = std::fread(magic, 1, 2, f);
        std::fclose(f);
        gzipped_ = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0) fileSize_ = st.st_size;
        if (S_ISDIR(st.st_mode)) throw IdxError(path + ": is a folder, not an IDX file");
        gz_ = gzopen(path.c_str(), "rb");
        if (!gz_) throw IdxError(path + ": cannot open file");
        gzbuffer(gz_, 1 << 17);
    }
    ~Source()
    {
        if (gz_) gzclose(gz_);
    }
    Source(const Source&) = delete;
    Source& operator=(const Source&) = delete;

    bool gzipped() const { return gzipped_; }
    int64_t fileSize() const { return fileSize_; }

    // Reads up to n bytes; returns how many were read.
    int64_t read(void* dst, int64_t n)
    {
        int64_t total = 0;
        auto* out = static_cast<unsigned char*>(dst);
        while (total < n) {
            unsigned chunk = unsigned(std::min<int64_t>(n - total, 1 << 30));
            int got = gzread(gz_, out + total, chunk);
            if (got < 0) {
                int err = 0;
                const char* msg = gzerror(gz_, &err);
                throw IdxError(path_ + ": corrupt gzip data (" + std::string(msg ? msg : "?") + ")");
            }
            if (got == 0) break;
            total += got;
        }
        return total;
    }

private:
    std::string path_;
    gzFile gz_ = nullptr;
    bool gzipped_ = false;
    int64_t fileSize_ = 0;
};

}  // namespace

IdxArray IdxReader::read(const std::string& path)
{
    Source src(path);
    unsigned char magic[4];
    if (src.read(magic, 4) != 4) throw IdxError(path + ": too short to be an IDX file (no 4-byte header)");
    if (magic[0] != 0 || magic[1] != 0) throw IdxError(path + ": not an IDX file (bad magic number; expected 00 00 <type> <rank>)");
    const int type = magic[2], rank = magic[3];
    const char* tname = typeName(type);
    if (!tname)
        throw IdxError(path + ": not an IDX file (unknown element type 0x" + [&] {
            char b[8];
            std::snprintf(b, sizeof b, "%02X", type);
            return std::string(b);
        }() + ")");
    if (type != 0x08) throw IdxError(path + ": element type is " + tname + "; only unsigned byte (0x08) images and labels are supported");
    if (rank < 1 || rank > 4) throw IdxError(path + ": rank " + std::to_string(rank) + " is not supported (expected 1 to 4)");

    IdxArray out;
    int64_t count = 1;
    for (int i = 0; i < rank; ++i) {
        unsigned char b[4];
        if (src.read(b, 4) != 4)
            throw IdxError(path + ": truncated header (dimension " + std::to_string(i + 1) + " of " + std::to_string(rank) + " missing)");
        const int64_t d = (int64_t(b[0]) << 24) | (int64_t(b[1]) << 16) | (int64_t(b[2]) << 8) | b[3];
        if (d == 0 && i > 0) throw IdxError(path + ": dimension " + std::to_string(i + 1) + " is zero");
        out.dims.push_back(d);
        if (d > 0 && count > kMaxBytes / d) throw IdxError(path + ": header claims more than 1 GiB of data");
        count *= d;
    }
    const int64_t headerBytes = 4 + 4 * int64_t(rank);
    if (!src.gzipped()) {
        const int64_t have = src.fileSize() - headerBytes;
        if (have < count)
            throw IdxError(path + ": truncated: header says " + std::to_string(count) + " bytes of data, file has " + std::to_string(have));
        if (have > count)
            throw IdxError(path + ": " + std::to_string(have - count) +
                           " unexpected bytes after the data (wrong dimensions in the header?)");
    }
    int64_t got = 0;
    if (!src.gzipped()) {
        out.data = torch::empty(out.dims, torch::kUInt8);
        got = src.read(out.data.data_ptr<uint8_t>(), count);
    } else {
        // Inflated in steps: the buffer only grows as far as the stream really goes.
        constexpr int64_t kStep = int64_t(16) << 20;
        std::vector<uint8_t> bytes;
        while (got < count) {
            const int64_t want = std::min(kStep, count - got);
            bytes.resize(size_t(got + want));
            const int64_t n = src.read(bytes.data() + got, want);
            got += n;
            if (n < want) break;
        }
        if (got == count) {
            out.data = torch::empty(out.dims, torch::kUInt8);
            if (count > 0) std::memcpy(out.data.data_ptr<uint8_t>(), bytes.data(), size_t(count));
        }
    }
    if (got != count)
        throw IdxError(path + ": truncated: header says " + std::to_string(count) + " bytes of data, found " + std::to_string(got));
    unsigned char extra;
    if (src.read(&extra, 1) != 0) throw IdxError(path + ": unexpected bytes after the data (wrong dimensions in the header?)");
    return out;
}

}  // namespace latent
