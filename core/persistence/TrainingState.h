#pragma once
#include "runtime/TorchHeaders.h"

#include <map>
#include <string>

namespace latent {

// What training needs besides the weights to go on where it stopped, stored in a checkpoint next
// to them: the optimisers' moments and step counts by stable names, and the random generator's
// state at the end of the last complete epoch (with it, a resumed run draws the same batches and
// noise as one that was never interrupted).
struct TrainingState {
    std::map<std::string, torch::Tensor> optimizer;
    torch::Tensor generator;  // the default CPU generator's state (uint8); undefined if unknown
    bool empty() const { return optimizer.empty() && !generator.defined(); }
};

}  // namespace latent
