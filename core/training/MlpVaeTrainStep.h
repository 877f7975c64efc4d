#pragma once
#include "models/MlpVae.h"
#include "training/OptimizerFactory.h"
#include "kernels/SparseInput.h"
#include "training/TrainStep.h"

namespace latent {

struct StepLoss {
    float total = 0, reconstruction = 0, kl = 0;
};

// One training step of the MLP VAE with BCE loss, its gradients written by hand into each
// parameter's .grad() instead of going through autograd. The model is five small dense layers, so
// autograd and its temporaries added about 40% to the step (5.2 ms vs 3.6 ms, batch 128); this computes the same
// gradients (checked against autograd in tst_models) with out= matrix products into buffers kept
// between steps. Same loss: BCE from logits summed over pixels + beta * KL, averaged over the batch.
class MlpVaeTrainStep : public TrainStep {
public:
    // The optimiser of the options is made after the first weight's layout is set (see the .cpp).
    MlpVaeTrainStep(MlpVaeImpl& model, const TrainOptions& options);
    // Gradients, then the optimiser's update (none when the loss is not finite). The input is
    // the target; eps ~ N(0, I) is drawn from the global generator.
    LossFigures run(const TrainBatch& batch, double beta) override;
    OptimizerState optimizerState() const override { return optimizer_->state(); }
    void loadOptimizerState(const OptimizerState& state) override { optimizer_->loadState(state); }
    // x: [B, 784] in [0,1] (input and target), eps: [B, latent]. Returns the loss parts (beta
    // applied to total); the gradients are in each parameter's .grad(); nothing is updated.
    StepLoss computeGradients(const torch::Tensor& x, double beta, const torch::Tensor& eps);
    // By default the sparse-input products are used only without oneDNN, whose dense products are
    // faster (docs/PERFORMANCE.md, "Speed"). On: whenever the batch is sparse enough; off: never (to compare both).
    void setSparseInput(bool on) { sparseChoice_ = on ? 1 : 0; }
    // Whether the last step used the sparse-input products.
    bool lastStepSparse() const { return lastSparse_; }
    // Whether the big products take bf16 operands (TrainOptions::matmul).
    bool usesBf16() const { return bf16_; }

private:
    void allocate(int64_t batch);
    // The input's non-zero pixels, when there are few enough for that to pay (sets up sparse_).
    bool useSparseInput(const torch::Tensor& x);
    // The first layer (784 inputs): by its sparse input, in bf16 or in float.
    void firstLayerForward(const torch::Tensor& x, bool sparse);
    void firstLayerWeightGradient(const torch::Tensor& x, bool sparse);

    MlpVaeImpl& model_;
    std::unique_ptr<Optimizer> optimizer_;
    int64_t batch_ = -1;
    torch::Tensor h1_, mu_, lvRaw_, lv_, std_, z_, h2_, logits_, g_, dh2_, dz_, dh1_;
    SparseInput sparse_;
    torch::Tensor xB_, w1B_, h2B_, woutB_, gB_, dh1B_;  // bf16 copies of the products' operands, kept between steps
    int sparseChoice_ = -1;                             // -1: by the products' backend
    bool lastSparse_ = false, bf16_ = false;
};

}  // namespace latent
