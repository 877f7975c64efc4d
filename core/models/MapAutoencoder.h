#pragma once
#include "models/DenseAutoencoder.h"

namespace latent {

struct MapAutoencoderOptions : DenseAutoencoderOptions {
    int64_t densityComponents = 10;  // of the mixture samples are drawn from
};

// The separated 2-D map: the dense autoencoder trained with a neighbour loss on its code beside the
// reconstruction (UMAP over a graph of the training set, training/UmapMapTrainStep.h; or the first
// map's per-batch t-SNE, training/TsneMapTrainStep.h), so that digits that look alike land together
// without any label. Its codes follow no prior: samples come from a mixture of
// Gaussians fitted to the training codes at the end of every epoch, kept as buffers (saved with the
// weights): `density_weights` [K], `density_means` and `density_variances` [K, latent]. Before the
// first fit they describe N(0, I).
struct MapAutoencoderImpl : DenseAutoencoderImpl {
    explicit MapAutoencoderImpl(const MapAutoencoderOptions& options = {});
    CodeDensity codeDensity() const override { return {densityWeights, densityMeans, densityVariances}; }

    torch::Tensor densityWeights, densityMeans, densityVariances;
};
TORCH_MODULE(MapAutoencoder);

}  // namespace latent
