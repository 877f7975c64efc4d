#pragma once
// What a training step needs of an optimiser, whichever it is (makeOptimizer makes one).

namespace latent {

class Optimizer {
public:
    virtual ~Optimizer() = default;
    virtual void zeroGrad() = 0;
    virtual void step() = 0;
};

}  // namespace latent
