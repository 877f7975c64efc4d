#pragma once
#include "data/ImageDataset.h"

#include <string>
#include <vector>

namespace latent {

// Turns what the user typed ("mnist", "fashion-mnist" or a folder) into files on disk.
class DatasetLocator {
public:
    // ${LATENT_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/latent-explorer/datasets}
    static std::string dataRoot();
    // Folders searched for a name, in order (the folder itself for a path).
    static std::vector<std::string> candidates(const std::string& nameOrDir);
    // Finds "<split>-images-idx3-ubyte" (or .gz, or "<split>-images.idx3-ubyte") in dir; "" if absent.
    static std::string findFile(const std::string& dir, const std::string& split, const std::string& what);
    // Loads train (train-*) and test (t10k-*) splits. Throws std::runtime_error saying where it
    // looked and how to get the data when nothing is found.
    static DatasetSplits load(const std::string& nameOrDir);
};

}  // namespace latent
