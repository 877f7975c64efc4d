#include "analysis/Scores.h"

#include "models/ModelInput.h"
#include "runtime/TorchDevice.h"

namespace latent {

Reconstructions reconstructDataset(AutoencoderImpl& model, const ModelSpec& spec, const ImageDataset& data, int batchSize)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor clean = data.allImages();
    const torch::Device device = deviceOf(model);
    std::vector<torch::Tensor> inputs, outputs;
    for (int64_t start = 0; start < data.size(); start += batchSize) {
        const int64_t len = std::min<int64_t>(batchSize, data.size() - start);
        const torch::Tensor in = modelInput(spec, clean.narrow(0, start, len));
        inputs.push_back(in);
        outputs.push_back(model.reconstructMean(in.to(device), data.labels.narrow(0, start, len).to(device, torch::kLong)).cpu());
    }
    return {torch::cat(inputs), torch::cat(outputs)};
}

PcaBaseline fitPcaBaseline(const ImageDataset& train, const ImageDataset& test, int64_t k)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor trainFlat = train.allImages().flatten(1), testFlat = test.allImages().flatten(1);
    PcaBaseline out;
    out.pca = Pca::fit(trainFlat, k);
    out.trainCodes = out.pca.transform(trainFlat);
    out.testCodes = out.pca.transform(testFlat);
    out.reconMse = (out.pca.inverseTransform(out.testCodes) - testFlat).square().mean().item<double>();
    return out;
}

ClassSeparation classSeparation(const torch::Tensor& trainCodes, const torch::Tensor& trainLabels, const torch::Tensor& testCodes,
                                const torch::Tensor& testLabels)
{
    return {knnAccuracy(trainCodes, trainLabels, testCodes, testLabels, 5), silhouetteScore(testCodes, testLabels)};
}

}  // namespace latent
