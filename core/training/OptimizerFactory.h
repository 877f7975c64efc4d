#pragma once
#include "training/Optimizer.h"
#include "training/TrainOptions.h"

#include <torch/torch.h>

#include <memory>
#include <vector>

namespace latent {

// Adam (the fused loop of FusedAdam) or RMSprop (LibTorch's) over params, as options say.
std::unique_ptr<Optimizer> makeOptimizer(std::vector<torch::Tensor> params, const TrainOptions& options);

}  // namespace latent
