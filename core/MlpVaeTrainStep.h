#pragma once
#include "MlpVae.h"
#include "SparseInput.h"

namespace latent {

struct StepLoss {
    float total = 0, reconstruction = 0, kl = 0;
};

// One training step of the MLP VAE with BCE loss, its gradients written by hand into each
// parameter's .grad() instead of going through autograd. The model is five small dense layers, so
// autograd and its temporaries added about 40% to the step (5.2 ms vs 3.6 ms, batch 128); this computes the same
// gradients (checked against autograd in tst_models) with out= matrix products into buffers kept
// between steps. Same loss: BCE from logits summed over pixels + beta * KL, averaged over the batch.
class MlpVaeTrainStep {
public:
    explicit MlpVaeTrainStep(MlpVaeImpl& model);
    // x: [B, 784] in [0,1] (input and target); eps ~ N(0, I) of [B, latent] is drawn here from the
    // global generator. Returns the loss parts (beta applied to total); gradients are in .grad().
    StepLoss run(const torch::Tensor& x, double beta);
    // The same with a given eps (for the gradient test).
    StepLoss run(const torch::Tensor& x, double beta, const torch::Tensor& eps);
    // Off: always the dense products (to compare both in tests and benchmarks).
    void setSparseInput(bool on) { sparseEnabled_ = on; }
    // Whether the last step used the sparse-input products.
    bool lastStepSparse() const { return lastSparse_; }

private:
    void allocate(int64_t batch);

    MlpVaeImpl& model_;
    int64_t batch_ = -1;
    torch::Tensor h1_, mu_, lvRaw_, lv_, std_, z_, h2_, logits_, g_, dh2_, dz_, dh1_;
    SparseInput sparse_;
    bool sparseEnabled_ = true, lastSparse_ = false;
};

}  // namespace latent
