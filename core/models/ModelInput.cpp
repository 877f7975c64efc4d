#include "models/ModelInput.h"

#include "data/Transforms.h"
#include "models/ModelCatalog.h"

namespace latent {

torch::Tensor modelInput(const ModelSpec& spec, const torch::Tensor& clean)
{
    const ModelKindInfo& kind = ModelCatalog::info(spec.kind);
    if (kind.noisyInput) return addGaussianNoise(clean, spec.noiseStd);
    if (kind.smallInput) return downsample(clean, spec.downscale);
    return clean;
}

}  // namespace latent
