#pragma once
#include "runtime/TorchHeaders.h"

namespace latent {

// A transposed convolution for inference on channels-last buffers: one matrix product for a block
// of images (each input pixel times the weight gives its k x k output patch), then the patches
// added into the output (col2im). LibTorch 1.13's CPU kernel runs one small product per image and
// goes through NCHW buffers, so decoding a 30x30 grid with the conv VAE took ~1 s; decoders that
// run a few images at a time through all their layers with this stay in the cores' caches.
class ConvTransposeGemm {
public:
    // weight: [Cin, Cout, k, k] (torch's layout); bias: [Cout] or undefined. bf16: the products take
    // bf16 operands summed in float (when oneDNN has a bf16 GEMM; float otherwise).
    ConvTransposeGemm(const torch::Tensor& weight, const torch::Tensor& bias, int64_t stride, int64_t padding, int64_t outputPadding,
                      bool bf16 = false);

    int64_t outputSize(int64_t inputSize) const { return (inputSize - 1) * stride_ - 2 * padding_ + k_ + outputPadding_; }
    int64_t inChannels() const { return cin_; }
    int64_t outChannels() const { return cout_; }
    // Floats of scratch space run() needs for `count` images of h x w.
    int64_t scratchFloats(int64_t count, int64_t h, int64_t w) const
    {
        return count * h * w * k_ * k_ * cout_ + (bf16_ ? (count * h * w * cin_ + 1) / 2 : 0);
    }

    // x: count images [h, w, Cin] contiguous; out: count images [OH, OW, Cout], fully written (bias,
    // then ReLU when asked). Runs on the calling thread.
    void run(const float* x, int64_t count, int64_t h, int64_t w, float* out, float* scratch, bool relu) const;

private:
    torch::Tensor wmat_;  // [Cin, k, k, Cout]: an input pixel's product row is its patch, tap by tap
    std::vector<uint16_t> wmatBf16_;
    std::vector<float> bias_;
    int64_t cin_, cout_, k_, stride_, padding_, outputPadding_;
    bool bf16_ = false;
};

}  // namespace latent
