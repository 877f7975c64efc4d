#include "training/OptimizerFactory.h"

#include "training/FusedAdam.h"

#include <sstream>
#include <stdexcept>

namespace latent {

namespace {
class RmsPropOptimizer : public Optimizer {
public:
    RmsPropOptimizer(std::vector<torch::Tensor> params, double lr) : rmsProp_(std::move(params), torch::optim::RMSpropOptions(lr)) {}
    void zeroGrad() override { rmsProp_.zero_grad(); }
    void step() override { rmsProp_.step(); }
    OptimizerState state() const override
    {
        OptimizerState s;
        addTorchOptimizerState(s, "rmsprop", rmsProp_);
        return s;
    }
    void loadState(const OptimizerState& state) override { loadTorchOptimizerState(rmsProp_, state, "rmsprop"); }

private:
    torch::optim::RMSprop rmsProp_;
};
}  // namespace

void addTorchOptimizerState(OptimizerState& state, const std::string& name, const torch::optim::Optimizer& optimizer)
{
    std::ostringstream bytes;
    torch::serialize::OutputArchive archive;
    optimizer.save(archive);
    archive.save_to(bytes);
    const std::string b = bytes.str();
    state[name] = torch::from_blob(const_cast<char*>(b.data()), {int64_t(b.size())}, torch::kUInt8).clone();
}

void loadTorchOptimizerState(torch::optim::Optimizer& optimizer, const OptimizerState& state, const std::string& name)
{
    const auto it = state.find(name);
    if (it == state.end() || it->second.scalar_type() != torch::kUInt8)
        throw std::invalid_argument("no state for the optimiser '" + name + "'");
    const torch::Tensor b = it->second.contiguous();
    std::istringstream bytes(std::string(reinterpret_cast<const char*>(b.data_ptr<uint8_t>()), size_t(b.numel())));
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(bytes);
        optimizer.load(archive);
    } catch (const c10::Error& e) {
        throw std::invalid_argument("the state of the optimiser '" + name + "' does not fit: " + e.what_without_backtrace());
    }
}

void loadTensors(const OptimizerState& stored, const std::string& prefix, std::vector<torch::Tensor>& targets)
{
    for (size_t i = 0; i < targets.size(); ++i) {
        const auto it = stored.find(prefix + std::to_string(i));
        if (it == stored.end()) throw std::invalid_argument("no optimiser state '" + prefix + std::to_string(i) + "'");
        if (!it->second.sizes().equals(targets[i].sizes()))
            throw std::invalid_argument("optimiser state '" + prefix + std::to_string(i) + "' has another shape");
    }
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < targets.size(); ++i) targets[i].copy_(stored.at(prefix + std::to_string(i)));
}

std::unique_ptr<Optimizer> makeOptimizer(std::vector<torch::Tensor> params, const TrainOptions& options)
{
    if (options.optimizer == OptimizerKind::RmsProp) return std::make_unique<RmsPropOptimizer>(std::move(params), options.learningRate);
    return std::make_unique<FusedAdam>(std::move(params), FusedAdam::Options{options.learningRate});
}

}  // namespace latent
