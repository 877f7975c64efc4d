#include "data/Transforms.h"

#include "runtime/TorchHeaders.h"

namespace latent {

namespace F = torch::nn::functional;

torch::Tensor addGaussianNoise(const torch::Tensor& images, double stddev)
{
    if (stddev <= 0) return images;
    return (images + torch::randn_like(images) * stddev).clamp_(0.0, 1.0);
}

torch::Tensor downsample(const torch::Tensor& images, int factor)
{
    TORCH_CHECK(factor == 2 || factor == 4, "downsample factor must be 2 or 4");
    return F::avg_pool2d(images, F::AvgPool2dFuncOptions(factor));
}

torch::Tensor upscale(const torch::Tensor& images, int size, bool bicubic)
{
    auto opts = F::InterpolateFuncOptions().size(std::vector<int64_t>{size, size}).align_corners(false);
    if (bicubic)
        opts.mode(torch::kBicubic);
    else
        opts.mode(torch::kBilinear);
    return F::interpolate(images, opts).clamp_(0.0, 1.0);
}

}  // namespace latent
