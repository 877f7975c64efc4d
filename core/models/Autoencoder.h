#pragma once
#include "ops/SmallBatchDense.h"

#include "runtime/TorchHeaders.h"

namespace latent {

// Images per batch when a model encodes, decodes or scores many images without gradients. Small
// enough that the conv models' largest activations (32 channels of 28x28: 26 MB at 256) stay under
// glibc's mmap threshold (keepFreedMemoryForReuse): larger ones were mapped afresh and page-faulted
// in every batch, which was most of the time of a conv AE's 900-image grid or test pass.
constexpr int kEvalBatch = 256;

struct Encoding {
    torch::Tensor mean;    // [B, code]
    torch::Tensor logvar;  // [B, code]; undefined for deterministic encoders
};

struct ModelOutput {
    torch::Tensor reconstruction;  // logits [B, 1, 28, 28]; sigmoid gives the image
    torch::Tensor mean, logvar;    // logvar undefined for deterministic encoders
};

// The density a model's new codes are drawn from when it is not the prior N(0, I): a mixture of
// Gaussians, weights [K], means and variances [K, latent]. Undefined tensors: the prior.
struct CodeDensity {
    torch::Tensor weights, means, variances;
};

// How a model's decoder is built, for code that runs it with loops of its own
// (inference/DisplayDecoder): dense steps on decoderInput(z, labels), the last one's output viewed
// as [C, H, W] (shape), then transposed convolutions with ReLU between them (ops/ConvTransposeStack).
// No dense steps: a decoder built otherwise, which only decode() runs.
struct DecoderLayers {
    std::vector<DenseStep> dense;
    std::vector<int64_t> shape;
    std::vector<torch::nn::ConvTranspose2d> transposed;
};

// Common interface of every model kind, so that the trainer, the evaluator, the CLI and the GUI
// need not know which one they hold. Decoders return logits: the BCE loss is computed from them
// stably.
//
// labels (int64 [B], the digit classes) are always passed: conditional models (cvae) need them and
// throw std::invalid_argument, naming what is missing, when they are undefined; the others ignore
// them. Pass an undefined tensor where there are none (noLabels()).
class AutoencoderImpl : public torch::nn::Module {
public:
    static constexpr double kLogvarMin = -20.0, kLogvarMax = 20.0;

    virtual Encoding encode(const torch::Tensor& input, const torch::Tensor& labels) = 0;
    virtual torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& labels) = 0;
    // Where sampling draws codes from (analysis/Generation): the prior unless the model fits its own
    // (the separated map's mixture, kept in its buffers).
    virtual CodeDensity codeDensity() const { return {}; }
    // What the decoder's first layer reads: the code, with the labels' one-hot for a conditional
    // model. And how the decoder is built (DecoderLayers; empty by default).
    virtual torch::Tensor decoderInput(const torch::Tensor& z, const torch::Tensor& /*labels*/) const { return z; }
    virtual DecoderLayers decoderLayers() const { return {}; }
    // VAE: z = mean + exp(0.5 * logvar) * eps, eps ~ N(0, I), in training and evaluation alike
    // (the ELBO is an expectation over q(z|x)); other models decode the code directly.
    ModelOutput forward(const torch::Tensor& input, const torch::Tensor& labels);
    // Decodes the mean code: the deterministic reconstruction (images in [0, 1]) that is shown
    // and scored by MSE/PSNR.
    torch::Tensor reconstructMean(const torch::Tensor& input, const torch::Tensor& labels);
};

using Autoencoder = std::shared_ptr<AutoencoderImpl>;

torch::Tensor reparameterize(const torch::Tensor& mean, const torch::Tensor& logvar);
// No labels: for unconditional models, and to let a conditional one say what it is missing.
inline torch::Tensor noLabels() { return {}; }
// n copies of one digit class; digit < 0 gives noLabels().
torch::Tensor digitLabels(int64_t n, int digit);

}  // namespace latent
