#include "models/MapAutoencoder.h"

namespace latent {

MapAutoencoderImpl::MapAutoencoderImpl(const MapAutoencoderOptions& o) : DenseAutoencoderImpl(o)
{
    const int64_t k = o.densityComponents;
    densityWeights = register_buffer("density_weights", torch::full({k}, 1.0 / double(k)));
    densityMeans = register_buffer("density_means", torch::zeros({k, o.latentDim}));
    densityVariances = register_buffer("density_variances", torch::ones({k, o.latentDim}));
}

}  // namespace latent
