#pragma once
// What a training step needs of an optimiser, whichever it is (makeOptimizer makes one).
#include "runtime/TorchHeaders.h"

#include <map>
#include <string>

namespace latent {

using OptimizerState = std::map<std::string, torch::Tensor>;

class Optimizer {
public:
    virtual ~Optimizer() = default;
    virtual void zeroGrad() = 0;
    virtual void step() = 0;
    // Moments and step counts by names that stay the same between runs ("exp_avg.3", "step").
    virtual OptimizerState state() const = 0;
    // Takes a state that state() gave for the same parameters; throws std::invalid_argument
    // naming what does not fit, leaving the optimiser as it was.
    virtual void loadState(const OptimizerState& state) = 0;
};

// Copies stored[prefix + i] into each of targets (same shapes), after checking all of them.
void loadTensors(const OptimizerState& stored, const std::string& prefix, std::vector<torch::Tensor>& targets);

}  // namespace latent
