#pragma once
#include "models/Autoencoder.h"

#include <cstdint>

namespace latent {

// Generating from a model's latent space (for a VAE: its N(0, I) prior), each seeded by its own
// generator so that a sheet can be reproduced and reseeded without touching the global one.

// n latent vectors drawn from N(0, I) [n, latentDim].
torch::Tensor samplePrior(int64_t n, int64_t latentDim, uint64_t seed);
// n codes to decode into new digits: from the model's fitted code density where it has one (the
// map: MapAutoencoder), otherwise from N(0, I) as samplePrior.
torch::Tensor sampleCodes(AutoencoderImpl& model, int64_t n, int64_t latentDim, uint64_t seed);
// n variations of one code: z + sigma * eps (the lesson's "latent noise") [n, D].
torch::Tensor jitterCode(const torch::Tensor& z, int64_t n, double sigma, uint64_t seed);
// The path from z0 to z1 in steps points (both ends included) [steps, D]: linear, or spherical
// (slerp: interpolates the angle and the norm, staying where a Gaussian prior has its mass).
torch::Tensor interpolatePath(const torch::Tensor& z0, const torch::Tensor& z1, int64_t steps, bool spherical);
// For a conditional model: each of the styles (rows of z [S, D]) once per class, class by class,
// so that decoding with `labels` gives row c = digit c and column s = style s throughout.
struct ClassRows {
    torch::Tensor z;       // [classes * S, D]
    torch::Tensor labels;  // [classes * S] int64: 0 (S times), 1 (S times), ...
};
ClassRows oneRowPerClass(const torch::Tensor& styles, int64_t classes);
// Lays images [n, h, w] in [0, 1] out as rows of cols, with a pad-pixel gap: uint8 [H, W].
torch::Tensor imageSheet(const torch::Tensor& images, int64_t cols, int64_t pad = 2);

}  // namespace latent
