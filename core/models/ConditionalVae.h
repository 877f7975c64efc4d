#pragma once
#include "models/DenseVae.h"

namespace latent {

struct ConditionalVaeOptions {
    int64_t imagePixels = kImagePixels;
    int64_t hidden = 512;
    int64_t latentDim = 2;
    int64_t classes = kDigitClasses;
};

// Conditional VAE (Sohn et al. 2015, in the lesson's references): the lesson's MLP VAE with the
// label, one-hot, appended to the encoder's input and to the decoder's latent vector. The latent
// space then holds the style; the label says which digit to draw in it.
struct ConditionalVaeImpl : DenseVaeImpl {
    explicit ConditionalVaeImpl(const ConditionalVaeOptions& o = {}) : DenseVaeImpl({o.imagePixels, o.hidden, o.latentDim, o.classes}) {}
};
TORCH_MODULE(ConditionalVae);

}  // namespace latent
