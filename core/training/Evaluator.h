#pragma once
#include "models/Autoencoder.h"
#include "data/ImageDataset.h"
#include "models/ModelSpec.h"

#include <string>
#include <utility>
#include <vector>

namespace latent {

using Metrics = std::vector<std::pair<std::string, double>>;

// Test-split figures for `latent-cli eval` (keys are a stable interface; add, never rename):
//   neg_elbo, recon, kl  per test image in nats; recon is the summed BCE (MSE models: summed
//                        squared error), neg_elbo = recon + kl with z sampled once per image
//   recon_mse            mean per-pixel squared error of the mean-code reconstruction
//   pca_mse              the same for PCA with as many components as the code size (fit on train)
//   psnr, psnr_input     dB of the model's output and of its input against the clean image
//                        (dae: the noisy input; sr: a bilinear upscale); psnr_bicubic for sr
//   knn_latent, knn_pca  5-NN accuracy of latent means vs PCA codes of the same size (fit on train)
//   silhouette_latent, silhouette_pca  mean silhouette of the test codes under their labels
//   code_mean_max_abs, code_std_max_dev  over latent dims: max |mean| and max |std - 1| of the
//                        test codes (0 and 0 for codes distributed like the N(0, I) prior)
//   cvae_sample_accuracy (cvae) share of 1,000 prior samples (100 per digit) that 5-NN on the
//                        training pixels labels as the digit they were drawn as
class Evaluator {
public:
    struct Options {
        uint64_t seed = 0;      // for the VAE's z samples and the dae's noise
        int64_t maxTrain = -1;  // train images used for PCA and k-NN (-1: all)
    };
    static Metrics evaluate(AutoencoderImpl& model, const ModelSpec& spec, const DatasetSplits& data, const Options& options);
    static Metrics evaluate(AutoencoderImpl& model, const ModelSpec& spec, const DatasetSplits& data)
    {
        return evaluate(model, spec, data, Options());
    }
};

}  // namespace latent
