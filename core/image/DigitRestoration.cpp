#include "image/DigitRestoration.h"

#include "models/ModelCatalog.h"

#include "analysis/Analysis.h"
#include "data/Transforms.h"
#include "runtime/TorchDevice.h"

#include <ATen/CPUGeneratorImpl.h>

#include <stdexcept>

namespace latent {

torch::Tensor toTensor(const GrayImage& image)
{
    return torch::from_blob(const_cast<float*>(image.gray.data()), {image.height, image.width}, torch::kFloat32).clone();
}

GrayImage toGrayImage(const torch::Tensor& image)
{
    const torch::Tensor t = image.reshape({image.size(-2), image.size(-1)}).to(torch::kFloat32).contiguous();
    GrayImage out(int(t.size(1)), int(t.size(0)));
    std::memcpy(out.gray.data(), t.data_ptr<float>(), out.gray.size() * sizeof(float));
    return out;
}

namespace {
torch::Tensor checkedDigit(const GrayImage& digit, const ModelSpec& spec)
{
    if (digit.width != spec.imageSize || digit.height != spec.imageSize)
        throw std::invalid_argument("the digit is " + std::to_string(digit.width) + "x" + std::to_string(digit.height) +
                                    "; the model works on " + std::to_string(spec.imageSize) + "x" + std::to_string(spec.imageSize) +
                                    " (preprocess it first)");
    return toTensor(digit).clamp(0, 1).reshape({1, 1, digit.height, digit.width});
}
}  // namespace

DenoiseResult denoiseDigit(AutoencoderImpl& model, const ModelSpec& spec, const GrayImage& digit28, double noiseStd, uint64_t seed)
{
    if (!ModelCatalog::info(spec.kind).reconstructs)
        throw std::invalid_argument(std::string("a ") + ModelCatalog::info(spec.kind).title +
                                    " takes small images; use it to upscale, not to denoise");
    torch::NoGradGuard noGrad;
    const torch::Tensor clean = checkedDigit(digit28, spec);
    torch::Tensor noisy = clean;
    if (noiseStd > 0) {
        at::Generator gen = at::detail::createCPUGenerator(seed);
        noisy = (clean + noiseStd * at::randn(clean.sizes(), gen, torch::kFloat32)).clamp(0, 1);
    }
    model.eval();
    const torch::Tensor output = model.reconstructMean(noisy.to(deviceOf(model)), noLabels()).cpu();  // already images in [0, 1]
    DenoiseResult r;
    r.clean = clean[0][0];
    r.noisy = noisy[0][0];
    r.output = output[0][0];
    r.psnrNoisy = psnr(noisy, clean);
    r.psnrOutput = psnr(output, clean);
    return r;
}

UpscaleResult upscaleDigit(AutoencoderImpl& model, const ModelSpec& spec, const GrayImage& digit28)
{
    if (!ModelCatalog::info(spec.kind).smallInput)
        throw std::invalid_argument("upscaling needs a super-resolution (sr) model; this one is " + spec.describe());
    torch::NoGradGuard noGrad;
    const torch::Tensor clean = checkedDigit(digit28, spec);
    const torch::Tensor small = downsample(clean, spec.downscale);
    model.eval();
    const torch::Tensor output = model.reconstructMean(small.to(deviceOf(model)), noLabels()).cpu();
    const torch::Tensor bilinear = upscale(small, spec.imageSize, false);
    const torch::Tensor bicubic = upscale(small, spec.imageSize, true);
    UpscaleResult r;
    r.clean = clean[0][0];
    r.small = small[0][0];
    r.output = output[0][0];
    r.bilinear = bilinear[0][0];
    r.bicubic = bicubic[0][0];
    r.psnrOutput = psnr(output, clean);
    r.psnrBilinear = psnr(bilinear, clean);
    r.psnrBicubic = psnr(bicubic, clean);
    return r;
}

std::string otherDataWarning(const ModelSpec& spec)
{
    const std::string& d = spec.dataset;
    if (d.find("fashion") != std::string::npos)
        return "this model was trained on " + d + " (clothing), not handwritten digits: expect it to turn digits into garments";
    if (!d.empty() && d != "mnist" && d.find("mnist") == std::string::npos)
        return "this model was trained on " + d + ", which may not be handwritten digits";
    return {};
}

}  // namespace latent
