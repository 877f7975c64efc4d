#pragma once
#include "training/Optimizer.h"
#include "training/TrainOptions.h"

#include "runtime/TorchHeaders.h"

#include <memory>
#include <vector>

namespace latent {

// Adam (the fused loop of FusedAdam) or RMSprop (LibTorch's) over params, as options say.
std::unique_ptr<Optimizer> makeOptimizer(std::vector<torch::Tensor> params, const TrainOptions& options);

// LibTorch's own optimisers (RMSprop, the aae's three Adams) keep their state in their own
// serialisation: stored as its bytes (uint8) under name.
void addTorchOptimizerState(OptimizerState& state, const std::string& name, const torch::optim::Optimizer& optimizer);
void loadTorchOptimizerState(torch::optim::Optimizer& optimizer, const OptimizerState& state, const std::string& name);

}  // namespace latent
