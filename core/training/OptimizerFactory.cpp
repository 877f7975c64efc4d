#include "training/OptimizerFactory.h"

#include "training/FusedAdam.h"

#include <stdexcept>

namespace latent {

namespace {
class RmsPropOptimizer : public Optimizer {
public:
    RmsPropOptimizer(std::vector<torch::Tensor> params, double lr) : rmsProp_(std::move(params), torch::optim::RMSpropOptions(lr)) {}
    void zeroGrad() override { rmsProp_.zero_grad(); }
    void step() override { rmsProp_.step(); }

private:
    torch::optim::RMSprop rmsProp_;
};
}  // namespace

std::unique_ptr<Optimizer> makeOptimizer(std::vector<torch::Tensor> params, const TrainOptions& options)
{
    if (options.optimizer == OptimizerKind::RmsProp) return std::make_unique<RmsPropOptimizer>(std::move(params), options.learningRate);
    return std::make_unique<FusedAdam>(std::move(params), FusedAdam::Options{options.learningRate});
}

}  // namespace latent
