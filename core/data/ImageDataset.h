#pragma once
#include <torch/types.h>

#include <string>

namespace latent {

// Images and labels in memory as uint8 (converted to float per batch, which keeps a 70k-image
// dataset at 55 MB instead of 220 MB).
struct ImageDataset {
    torch::Tensor images;  // uint8 [N, H, W]
    torch::Tensor labels;  // uint8 [N]
    int64_t size() const { return images.defined() ? images.size(0) : 0; }
    int numClasses() const;  // max label + 1
    // Images idx as float [B, 1, H, W] in [0, 1].
    torch::Tensor batch(const torch::Tensor& idx) const;
    torch::Tensor allImages() const;           // float [N, 1, H, W]
    ImageDataset subset(int64_t count) const;  // the first count items
};

struct DatasetSplits {
    std::string name;       // what the user asked for ("mnist", or a folder)
    std::string directory;  // where the files were found
    ImageDataset train, test;
};

// Loads one split's image and label files and checks that they belong together.
ImageDataset loadImageDataset(const std::string& imagesPath, const std::string& labelsPath);

}  // namespace latent
