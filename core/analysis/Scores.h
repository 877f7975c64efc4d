#pragma once
#include "analysis/Analysis.h"
#include "data/ImageDataset.h"
#include "models/Autoencoder.h"
#include "models/ModelSpec.h"

namespace latent {

// The figures that `latent-cli eval` and the window's PCA Comparison share.

// What a model was fed for a split (noisy for dae, small for sr) and its mean-code output, both
// [N, 1, h, w] in [0, 1]. The dae's noise comes from the global generator.
struct Reconstructions {
    torch::Tensor input, output;
};
Reconstructions reconstructDataset(AutoencoderImpl& model, const ModelSpec& spec, const ImageDataset& data, int batchSize = kEvalBatch);

// PCA of the training pixels with k components: the codes of both splits and the per-pixel MSE
// of the test digits rebuilt from theirs.
struct PcaBaseline {
    Pca pca;
    torch::Tensor trainCodes, testCodes;  // [N, k]
    double reconMse = 0;
};
PcaBaseline fitPcaBaseline(const ImageDataset& train, const ImageDataset& test, int64_t k);

// How well an embedding keeps the classes apart: 5-NN accuracy (train -> test) and the test
// codes' mean silhouette.
struct ClassSeparation {
    double knn = 0, silhouette = 0;
};
ClassSeparation classSeparation(const torch::Tensor& trainCodes, const torch::Tensor& trainLabels, const torch::Tensor& testCodes,
                                const torch::Tensor& testLabels);

}  // namespace latent
