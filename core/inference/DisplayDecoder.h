#pragma once
#include "inference/Bf16WeightCache.h"
#include "models/Autoencoder.h"

namespace latent {

// Decodes for pictures shown as 8-bit grey levels (the latent view's grid and drag, sample sheets,
// strips): what model->decode(z, labels) gives, faster and a grey level or two off. Built from a
// model (the window's session keeps one per published model, so that its copies last), it reads
// the model's DecoderLayers and runs them with loops of its own where they pay:
//  - dense decoders (the MLP VAE, cvae, aae, the map), at most kSmallBatchMaxRows codes (the drag):
//    the wide layers' weights as bf16 copies kept here (SmallBatchDense's bf16 loops);
//  - dense then transposed convolutions (the conv VAE), 64 codes or more (grids, sheets): bf16
//    products before the last layer (ConvTransposeStack); fewer stay float, converting the weights
//    would cost more than it saves.
// Anything else, and every decode under LATENT_REFERENCE or with gradients, is model->decode().
// Thread-safe: grids decode on background jobs while the drag decodes on the GUI thread.
class DisplayDecoder {
public:
    explicit DisplayDecoder(Autoencoder model);
    AutoencoderImpl& model() const { return *model_; }
    torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& labels);  // logits [n, 1, 28, 28]

private:
    Autoencoder model_;
    Bf16WeightCache bf16_;
};

}  // namespace latent
