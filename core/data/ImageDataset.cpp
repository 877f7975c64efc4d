#include "data/ImageDataset.h"

#include "data/IdxReader.h"

namespace latent {

int ImageDataset::numClasses() const { return labels.defined() && labels.numel() > 0 ? labels.max().item<int>() + 1 : 0; }

torch::Tensor ImageDataset::batch(const torch::Tensor& idx) const
{
    return images.index_select(0, idx).unsqueeze(1).to(torch::kFloat32).div_(255.0);
}

torch::Tensor ImageDataset::allImages() const { return images.unsqueeze(1).to(torch::kFloat32).div_(255.0); }

ImageDataset ImageDataset::subset(int64_t count) const
{
    count = std::min(count, size());
    return {images.narrow(0, 0, count), labels.narrow(0, 0, count)};
}

ImageDataset loadImageDataset(const std::string& imagesPath, const std::string& labelsPath)
{
    IdxArray images = IdxReader::read(imagesPath);
    IdxArray labels = IdxReader::read(labelsPath);
    if (images.dims.size() != 3)
        throw IdxError(imagesPath + ": expected images of rank 3 (count, rows, columns), found rank " + std::to_string(images.dims.size()));
    if (images.dims[1] != 28 || images.dims[2] != 28)
        throw IdxError(imagesPath + ": images are " + std::to_string(images.dims[1]) + "x" + std::to_string(images.dims[2]) +
                       "; only 28x28 images are supported");
    if (labels.dims.size() != 1)
        throw IdxError(labelsPath + ": expected labels of rank 1, found rank " + std::to_string(labels.dims.size()));
    if (images.dims[0] != labels.dims[0])
        throw IdxError(imagesPath + " has " + std::to_string(images.dims[0]) + " images but " + labelsPath + " has " +
                       std::to_string(labels.dims[0]) + " labels");
    if (images.dims[0] == 0) throw IdxError(imagesPath + ": holds no images");
    return {images.data, labels.data};
}

}  // namespace latent
