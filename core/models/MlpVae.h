#pragma once
#include "models/DenseVae.h"

namespace latent {

struct MlpVaeOptions {
    int64_t imagePixels = kImagePixels;
    int64_t hidden = 512;
    int64_t latentDim = 2;
};

// The lesson's VAE: 784 -> 512 (ReLU) -> mean, logvar; decoder latent -> 512 (ReLU) -> 784 logits.
struct MlpVaeImpl : DenseVaeImpl {
    explicit MlpVaeImpl(const MlpVaeOptions& o = {}) : DenseVaeImpl({o.imagePixels, o.hidden, o.latentDim, 0}) {}
};
TORCH_MODULE(MlpVae);

}  // namespace latent
