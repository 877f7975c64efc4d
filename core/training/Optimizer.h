#pragma once
#include "training/TrainOptions.h"

#include <torch/torch.h>

#include <memory>
#include <vector>

namespace latent {

// What a training step needs of an optimiser, whichever it is.
class Optimizer {
public:
    virtual ~Optimizer() = default;
    virtual void zeroGrad() = 0;
    virtual void step() = 0;
};

// Adam (the fused loop of FusedAdam) or RMSprop (LibTorch's) over params, as options say.
std::unique_ptr<Optimizer> makeOptimizer(std::vector<torch::Tensor> params, const TrainOptions& options);

}  // namespace latent
