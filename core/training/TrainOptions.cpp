#include "training/TrainOptions.h"

#include <stdexcept>

namespace latent {

OptimizerKind parseOptimizerKind(const std::string& text)
{
    if (text == "adam") return OptimizerKind::Adam;
    if (text == "rmsprop") return OptimizerKind::RmsProp;
    throw std::invalid_argument("unknown optimiser '" + text + "' (expected adam or rmsprop)");
}

MatmulPrecision parseMatmulPrecision(const std::string& text)
{
    if (text == "auto") return MatmulPrecision::Auto;
    if (text == "fp32") return MatmulPrecision::Float32;
    if (text == "bf16") return MatmulPrecision::BFloat16;
    throw std::invalid_argument("unknown matmul precision '" + text + "' (expected auto, fp32 or bf16)");
}

TrainOptions trainOptionsFromSettings(const std::map<std::string, std::string>& settings, const std::string& where)
{
    auto value = [&](const char* key, const char* fallback) {
        const auto it = settings.find(key);
        return it != settings.end() ? it->second : std::string(fallback);
    };
    TrainOptions o;
    try {
        o.batchSize = std::stoi(value("batch", "128"));
        o.learningRate = std::stod(value("lr", "0.001"));
        o.adversarialLearningRate = std::stod(value("adversarial-lr", "0"));
        o.optimizer = parseOptimizerKind(value("optimizer", "adam"));
        o.beta = std::stod(value("beta", "1"));
        o.klWarmupEpochs = std::stoi(value("kl-warmup", "0"));
        o.seed = uint64_t(std::stoll(value("seed", "0")));
        o.matmul = parseMatmulPrecision(value("matmul", "auto"));
    } catch (const std::exception& e) {
        throw std::runtime_error(where + ": a training setting cannot be read (" + e.what() + ")");
    }
    return o;
}

}  // namespace latent
