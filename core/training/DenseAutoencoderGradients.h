#pragma once
#include "models/DenseAutoencoder.h"
#include "models/ModelSpec.h"

namespace latent {

// The dense autoencoder's forward pass and gradients written by hand, for the separated map's
// step (training/UmapMapTrainStep): the encoder runs on one batch (heads and their tails), the
// decoder on its first rows, and the loss on the codes comes from outside (a gradient per code).
// The gradients go straight into each parameter's .grad() (overwritten, no zeroGrad needed) from
// out= products into buffers kept between steps; with bf16 the operands of the wide products are
// rounded to bf16 once each (sums in float), as in the MLP VAE's step. The same gradients as
// autograd through the model's own layers (compared in tst_map and tst_reference).
class DenseAutoencoderGradients {
public:
    DenseAutoencoderGradients(DenseAutoencoderImpl& model, bool bf16);

    // Codes of x [N, pixels] (float, contiguous), kept for backward(). Valid until the next encode().
    const torch::Tensor& encode(const torch::Tensor& x);
    // The decoder on the first `rows` codes of the last encode(): returns the reconstruction loss
    // against target [rows, pixels] (summed over pixels, averaged over rows), writes the decoder's
    // gradients and keeps the loss's gradient on those codes for backward().
    double reconstruct(int64_t rows, const torch::Tensor& target, ReconstructionLoss kind);
    // The encoder's gradients from codeGradient [N, latent] (the rest of the loss's gradient on the
    // codes) plus what reconstruct() left on its rows.
    void backward(const torch::Tensor& codeGradient);

private:
    void allocateEncoder(int64_t n);
    void allocateDecoder(int64_t rows);
    // a as the products take it: its bf16 copy (into buffer) when bf16 is on.
    const torch::Tensor& operand(const torch::Tensor& a, torch::Tensor& buffer) const;

    DenseAutoencoderImpl& model_;
    bool bf16_;
    torch::nn::LinearImpl *e1_, *e2_, *e3_, *d1_, *d2_, *d3_;  // encoder and decoder layers, in order
    int64_t n_ = -1, rows_ = -1;
    torch::Tensor x_, h1_, h2_, z_;   // encoder: input (as the products take it), activations, codes
    torch::Tensor g1_, g2_, logits_;  // decoder: activations, output
    torch::Tensor dLogits_, dg2_, dg1_, dzDecoder_, dz_, dh2_, dh1_;
    torch::Tensor xB_, h1B_, g1B_, g2B_, dLogitsB_, dg2B_, dh2B_, dh1B_;  // bf16 copies of activations and gradients
    torch::Tensor w1B_, w2B_, v2B_, v3B_;                                 // bf16 copies of the wide weights, made per step
};

}  // namespace latent
