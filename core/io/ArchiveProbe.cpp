#include "io/ArchiveProbe.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace latent {
namespace {

uint32_t le16(const unsigned char* p) { return uint32_t(p[0]) | uint32_t(p[1]) << 8; }
uint32_t le32(const unsigned char* p) { return le16(p) | le16(p + 2) << 16; }
uint64_t le64(const unsigned char* p) { return uint64_t(le32(p)) | uint64_t(le32(p + 4)) << 32; }

struct File {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f{nullptr, &std::fclose};
    uint64_t size = 0;
    bool read(uint64_t offset, size_t n, std::vector<unsigned char>& out)
    {
        if (offset > size || n > size - offset) return false;
        out.resize(n);
        if (n == 0) return true;
        if (fseeko(f.get(), off_t(offset), SEEK_SET) != 0) return false;
        return std::fread(out.data(), 1, n, f.get()) == n;
    }
};

struct Entry {
    std::string name;
    uint32_t flags = 0, method = 0, crc = 0;
    uint64_t compressed = 0, uncompressed = 0, localOffset = 0;
    uint32_t externalAttributes = 0;
};

bool sameIgnoringCase(const std::string& a, const std::string& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

constexpr uint64_t kMaxCentralDirectory = uint64_t(256) << 20;
constexpr uint64_t kMaxVersionBytes = 64;
constexpr uint64_t kMaxPickleBytes = uint64_t(64) << 20;
constexpr uint64_t kMaxDeflatedBytes = uint64_t(64) << 20;  // LibTorch deflates only its code records

// What follows each pickle opcode: fixed bytes, a little-endian length and that many bytes, or
// newline-terminated lines. Opcodes not in the table are refused.
struct OpcodeArguments {
    bool known = false;
    size_t fixed = 0, lengthWidth = 0;
    int lines = 0;
};

const std::array<OpcodeArguments, 256>& opcodeTable()
{
    static const std::array<OpcodeArguments, 256> table = [] {
        std::array<OpcodeArguments, 256> t{};
        auto set = [&t](const std::string& ops, size_t fixed, size_t lengthWidth, int lines) {
            for (unsigned char op : ops) t[op] = {true, fixed, lengthWidth, lines};
        };
        set("(012NRabd}el]ost)uQ\x81\x85\x86\x87\x88\x89\x8f\x90\x91\x92\x93\x94\x97\x98", 0, 0, 0);
        set(std::string("Khq\x82\x80"), 1, 0, 0);
        set("M\x83", 2, 0, 0);
        set("Jjr\x84", 4, 0, 0);
        set("G\x95", 8, 0, 0);
        set("UC\x8c\x8a", 0, 1, 0);
        set("TBX\x8b", 0, 4, 0);
        set("\x8d\x8e\x96", 0, 8, 0);
        set("ILSVFgpP", 0, 0, 1);
        set("ci", 0, 0, 2);
        return t;
    }();
    return table;
}

// Walks a pickle's opcodes without running them: every argument must lie inside the record and
// the stream must end with STOP. LibTorch's unpickler allocates what a length prefix claims before
// reading it (a 2.8 GB string from a 500-byte file, found by fuzzing).
std::string pickleProblem(const std::vector<unsigned char>& b)
{
    size_t i = 0;
    const size_t n = b.size();
    while (i < n) {
        const unsigned char op = b[i++];
        if (op == '.') return {};  // STOP
        const OpcodeArguments& a = opcodeTable()[op];
        if (!a.known) return "a pickle with an unknown opcode";
        if (a.fixed > n - i) return "a pickle cut short";
        i += a.fixed;
        if (a.lengthWidth) {
            if (a.lengthWidth > n - i) return "a pickle cut short";
            uint64_t len = 0;
            for (size_t k = 0; k < a.lengthWidth; ++k) len |= uint64_t(b[i + k]) << (8 * k);
            i += a.lengthWidth;
            if (len > n - i) return "a pickle whose data runs past its end";
            i += size_t(len);
        }
        for (int k = 0; k < a.lines; ++k) {
            while (i < n && b[i] != '\n') ++i;
            if (i == n) return "a pickle cut short";
            ++i;
        }
    }
    return "a pickle without an end";
}

bool isNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' || c == '-'; }
bool isIdentifier(const std::string& s)
{
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}
bool isAttributeType(const std::string& s) { return s == "Tensor" || s == "str" || s == "int" || s == "float" || s == "bool"; }

// `"name", "name", ]` as OutputArchive lists parameters and buffers.
bool isNameList(const std::string& s)
{
    size_t i = 0;
    while (i < s.size() && s[i] == '"') {
        size_t j = i + 1;
        while (j < s.size() && isNameChar(s[j])) ++j;
        if (j == i + 1 || s.compare(j, 3, "\", ") != 0) return false;
        i = j + 3;
    }
    return s.compare(i, std::string::npos, "]") == 0;
}

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// The code OutputArchive writes for a flat archive of named values (see the header).
bool isPlainAttributeCode(const std::string& code)
{
    size_t start = 0;
    int classes = 0;
    while (start < code.size()) {
        size_t end = code.find('\n', start);
        if (end == std::string::npos) end = code.size();
        const std::string line = code.substr(start, end - start);
        start = end + 1;
        if (line.empty()) continue;
        if (line == "class Module(Module):") {
            if (++classes > 1) return false;
            continue;
        }
        if (classes != 1) return false;
        if (startsWith(line, "  __parameters__ = [")) {
            if (!isNameList(line.substr(20))) return false;
        } else if (startsWith(line, "  __buffers__ = [")) {
            if (!isNameList(line.substr(17))) return false;
        } else if (startsWith(line, "  __annotations__[\"")) {
            const size_t close = line.find("\"] = ", 19);
            if (close == std::string::npos || close == 19) return false;
            const std::string name = line.substr(19, close - 19);
            if (!std::all_of(name.begin(), name.end(), isNameChar) || !isAttributeType(line.substr(close + 5))) return false;
        } else {
            const size_t colon = line.find(" : ");
            if (colon == std::string::npos || !startsWith(line, "  ") || !isIdentifier(line.substr(2, colon - 2)) ||
                !isAttributeType(line.substr(colon + 3)))
                return false;
        }
    }
    return classes == 1;
}

// Where the central directory lies and how many entries it has, from the end of central
// directory record (or the zip64 one it points at); "" or what is wrong.
std::string findDirectory(File& file, uint64_t& entries, uint64_t& cdSize, uint64_t& cdOffset)
{
    // The record's last signature with a whole record after it (as the zip reader looks for it),
    // within the last 64 KiB + 22 bytes.
    const uint64_t tail = std::min<uint64_t>(file.size, 65557);
    std::vector<unsigned char> buf;
    if (!file.read(file.size - tail, size_t(tail), buf)) return "cannot read the file";
    int64_t eocd = -1;
    for (int64_t i = int64_t(tail) - 22; i >= 0; --i)
        if (le32(&buf[size_t(i)]) == 0x06054b50) {
            eocd = i;
            break;
        }
    if (eocd < 0) return "not a zip archive";
    const unsigned char* e = &buf[size_t(eocd)];
    entries = le16(e + 10);
    cdSize = le32(e + 12);
    cdOffset = le32(e + 16);
    const uint64_t eocdOffset = file.size - tail + uint64_t(eocd);
    // A zip64 locator just before it points at the zip64 record, whose counts then count.
    if (eocdOffset >= 20) {
        std::vector<unsigned char> loc, z64;
        if (file.read(eocdOffset - 20, 20, loc) && le32(loc.data()) == 0x07064b50) {
            const uint64_t at = le64(loc.data() + 8);
            if (file.size < 56 || at > file.size - 56) return "damaged zip64 directory";
            if (file.read(at, 56, z64) && le32(z64.data()) == 0x06064b50) {
                entries = le64(z64.data() + 32);
                cdSize = le64(z64.data() + 40);
                cdOffset = le64(z64.data() + 48);
            }
        }
    }
    return {};
}

// The zip64 sizes and offset in an entry's extra field, for the fields that say "see there".
std::string readZip64Fields(const unsigned char* extra, size_t extraLen, Entry& en)
{
    size_t q = 0;
    while (q + 4 <= extraLen) {
        const uint32_t id = le16(extra + q), len = le16(extra + q + 2);
        if (q + 4 + len > extraLen) return "damaged zip directory";
        if (id == 0x0001) {
            size_t r = q + 4;
            const size_t rEnd = r + len;
            for (uint64_t* field : {&en.uncompressed, &en.compressed, &en.localOffset}) {
                if (*field != 0xFFFFFFFF) continue;
                if (r + 8 > rEnd) return "damaged zip64 entry";
                *field = le64(extra + r);
                r += 8;
            }
            return {};
        }
        q += 4 + len;
    }
    return "damaged zip64 entry";
}

// Every central directory entry; "" or what is wrong.
std::string readDirectory(File& file, std::vector<Entry>& list)
{
    uint64_t entries = 0, cdSize = 0, cdOffset = 0;
    if (std::string problem = findDirectory(file, entries, cdSize, cdOffset); !problem.empty()) return problem;
    if (entries == 0) return "an empty archive";
    if (cdSize > kMaxCentralDirectory || entries > cdSize / 46) return "damaged zip directory";
    std::vector<unsigned char> cd;
    if (!file.read(cdOffset, size_t(cdSize), cd)) return "damaged zip directory";

    size_t p = 0;
    for (uint64_t i = 0; i < entries; ++i) {
        if (p + 46 > cd.size() || le32(&cd[p]) != 0x02014b50) return "damaged zip directory";
        Entry en;
        en.flags = le16(&cd[p + 8]);
        en.method = le16(&cd[p + 10]);
        en.crc = le32(&cd[p + 16]);
        en.compressed = le32(&cd[p + 20]);
        en.uncompressed = le32(&cd[p + 24]);
        const size_t nameLen = le16(&cd[p + 28]), extraLen = le16(&cd[p + 30]), commentLen = le16(&cd[p + 32]);
        en.externalAttributes = le32(&cd[p + 38]);
        en.localOffset = le32(&cd[p + 42]);
        if (p + 46 + nameLen + extraLen + commentLen > cd.size()) return "damaged zip directory";
        en.name.assign(reinterpret_cast<const char*>(&cd[p + 46]), nameLen);
        if (en.uncompressed == 0xFFFFFFFF || en.compressed == 0xFFFFFFFF || en.localOffset == 0xFFFFFFFF)
            if (std::string problem = readZip64Fields(&cd[p + 46 + nameLen], extraLen, en); !problem.empty()) return problem;
        list.push_back(std::move(en));
        p += 46 + nameLen + extraLen + commentLen;
    }
    return {};
}

// LibTorch writes every record stored (not compressed), inside the file; its reader allocates the
// size an entry claims before reading it, so a claim must be true.
std::string recordProblem(const Entry& en, uint64_t fileSize)
{
    if ((en.flags & 0x61) != 0) return "an encrypted record";
    // The zip reader "reads" a directory as nothing, leaving LibTorch's buffer as it was.
    if ((en.externalAttributes & 0x10) != 0 || en.name.empty() || en.name.back() == '/') return "a folder entry";
    if (en.method == 0 && en.compressed != en.uncompressed) return "a damaged record (" + en.name + ")";
    if (en.method != 0 && (en.method != 8 || en.uncompressed > kMaxDeflatedBytes || (en.compressed == 0 && en.uncompressed > 0)))
        return "a compressed record LibTorch cannot read";
    if (en.localOffset > fileSize || en.compressed > fileSize - en.localOffset) return "a record past the end of the file";
    return {};
}

// A record's bytes, inflated when deflated, checked against its CRC.
bool recordData(File& file, const Entry& en, std::vector<unsigned char>& data)
{
    std::vector<unsigned char> local;
    if (!file.read(en.localOffset, 30, local) || le32(local.data()) != 0x04034b50) return false;
    const uint64_t dataOffset = en.localOffset + 30 + le16(&local[26]) + le16(&local[28]);
    if (!file.read(dataOffset, size_t(en.compressed), data)) return false;
    if (en.method == 8) {  // raw deflate, inflated to exactly the size it claims
        std::vector<unsigned char> out(size_t(en.uncompressed));
        z_stream z{};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return false;
        z.next_in = data.data();
        z.avail_in = uInt(data.size());
        z.next_out = out.data();
        z.avail_out = uInt(out.size());
        const int status = inflate(&z, Z_FINISH);
        const bool whole = status == Z_STREAM_END && z.total_out == out.size();
        inflateEnd(&z);
        if (!whole) return false;
        data.swap(out);
    }
    return crc32(0L, data.data(), uInt(data.size())) == en.crc;
}

bool endsWith(const std::string& name, const char* tail)
{
    const size_t n = std::strlen(tail);
    return name.size() >= n && name.compare(name.size() - n, n, tail) == 0;
}

// The code and pickle records: a TorchScript module must define decode(), a plain archive of
// values may hold only the code LibTorch writes for attributes; every pickle must be walkable.
std::string contentProblem(File& file, const std::vector<Entry>& list, ArchiveContent content)
{
    const bool dataOnly = content == ArchiveContent::PlainValues;
    bool definesDecode = false;
    for (const Entry& en : list) {
        if (endsWith(en.name, ".py")) {
            std::vector<unsigned char> code;
            if (en.uncompressed > kMaxDeflatedBytes || !recordData(file, en, code)) return "a damaged record (" + en.name + ")";
            const std::string text(code.begin(), code.end());
            if (!dataOnly)
                definesDecode = definesDecode || text.find("def decode(") != std::string::npos;
            else if (!endsWith(en.name, "/code/__torch__.py") || !isPlainAttributeCode(text))
                return "TorchScript code that is not a plain archive of values (" + en.name + ")";
            continue;
        }
        if (!endsWith(en.name, ".pkl")) continue;
        if (en.uncompressed > kMaxPickleBytes) return "a pickle record over 64 MB";
        std::vector<unsigned char> data;
        if (!recordData(file, en, data)) return "a damaged record (" + en.name + ")";
        if (std::string problem = pickleProblem(data); !problem.empty()) return problem + " (" + en.name + ")";
    }
    if (!dataOnly && !definesDecode) return "no TorchScript code with a decode method";
    return {};
}

// The archive's version record, found and read as LibTorch finds and reads it.
std::string versionProblem(File& file, const std::vector<Entry>& list)
{
    const std::string& first = list.front().name;
    const size_t slash = first.find('/');
    if (first.find('\0') != std::string::npos || slash == std::string::npos) return "its files are not in a folder";
    const std::string prefix = first.substr(0, slash + 1);
    // ".data/version" if there is one, else "version" (case ignored, as the zip reader looks up names).
    const Entry* version = nullptr;
    for (const char* name : {".data/version", "version"}) {
        int matches = 0;
        for (const Entry& en : list)
            if (sameIgnoringCase(en.name, prefix + name)) {
                version = &en;
                ++matches;
            }
        if (matches > 1) return "two version records";
        if (matches == 1) break;
    }
    if (!version) return "no version record";
    if (version->method != 0 || (version->flags & 0x61) != 0 || version->compressed != version->uncompressed ||
        version->uncompressed > kMaxVersionBytes)
        return "an unreadable version record";
    std::vector<unsigned char> data;
    if (!recordData(file, *version, data)) return "a damaged version record";
    // Read as std::stoull reads it: leading blanks, then digits.
    const std::string text(data.begin(), data.end());
    size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i < text.size() && text[i] == '+') ++i;
    uint64_t v = 0;
    size_t digits = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && digits < 19; ++i, ++digits)
        v = v * 10 + uint64_t(text[i] - '0');
    if (digits == 0 || digits >= 19) return "an unreadable version record";
    if (v < 1 || v > 10) return "format version " + std::to_string(v) + " (this LibTorch reads 1 to 10)";
    return {};
}

}  // namespace

std::string torchArchiveProblem(const std::string& path, ArchiveContent content)
{
    File file;
    file.f.reset(std::fopen(path.c_str(), "rb"));
    if (!file.f) return "cannot open the file";
    if (fseeko(file.f.get(), 0, SEEK_END) != 0) return "cannot read the file";
    file.size = uint64_t(ftello(file.f.get()));

    std::vector<Entry> list;
    if (std::string problem = readDirectory(file, list); !problem.empty()) return problem;
    for (const Entry& en : list)
        if (std::string problem = recordProblem(en, file.size); !problem.empty()) return problem;
    if (std::string problem = contentProblem(file, list, content); !problem.empty()) return problem;
    return versionProblem(file, list);
}

}  // namespace latent
