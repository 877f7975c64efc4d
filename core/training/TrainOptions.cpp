#include "training/TrainOptions.h"

#include "io/NumberText.h"

#include <limits>
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

MapObjective parseMapObjective(const std::string& text)
{
    if (text == "umap") return MapObjective::Umap;
    if (text == "tsne") return MapObjective::Tsne;
    throw std::invalid_argument("unknown map objective '" + text + "' (expected umap or tsne)");
}

TrainOptions trainOptionsFromSettings(const std::map<std::string, std::string>& settings, const std::string& where)
{
    auto value = [&](const char* key, const char* fallback) {
        const auto it = settings.find(key);
        return it != settings.end() ? it->second : std::string(fallback);
    };
    // Numbers read the same under every locale; a ',' decimal is what the window wrote into
    // checkpoints under a decimal-comma locale before settings were written locale-free.
    const auto number = [&](const char* key, const char* fallback) {
        return numberSetting(value(key, fallback), key, where, DecimalComma::Accepted);
    };
    const auto integer = [&](const char* key, const char* fallback, long long lo, long long hi) {
        const long long n = integerSetting(value(key, fallback), key, where);
        if (n < lo || n > hi)
            throw std::invalid_argument(std::string(key) + " in " + where + " must be from " + std::to_string(lo) + " to " +
                                        std::to_string(hi));
        return n;
    };
    TrainOptions o;
    try {
        o.batchSize = int(integer("batch", "128", 1, 1 << 20));
        o.learningRate = number("lr", "0.001");
        o.adversarialLearningRate = number("adversarial-lr", "0");
        o.beta = number("beta", "1");
        o.klWarmupEpochs = int(integer("kl-warmup", "0", 0, 1 << 30));
        o.seed = uint64_t(integer("seed", "0", 0, std::numeric_limits<long long>::max()));
        o.mapObjective = parseMapObjective(value("map-objective", settings.count("perplexity") ? "tsne" : "umap"));
        o.mapWeight = number("map-weight", o.mapObjective == MapObjective::Tsne ? "50" : "10");
        o.perplexity = number("perplexity", "3");
        o.neighbours = int(integer("neighbours", "15", 2, 200));
        o.minDist = number("min-dist", "0.1");
        o.negatives = int(integer("negatives", "10", 1, 100));
        o.layoutWeight = number("layout-weight", "10");
        o.mapShift = int(integer("map-shift", "1", 0, 4));
        o.mapDropout = number("map-dropout", "0.2");
        if (!(o.mapDropout >= 0 && o.mapDropout < 1)) throw std::invalid_argument("map-dropout in " + where + " must be from 0 to below 1");
        if (!(o.mapWeight >= 0)) throw std::invalid_argument("map-weight in " + where + " must not be negative");
        if (!(o.layoutWeight >= 0)) throw std::invalid_argument("layout-weight in " + where + " must not be negative");
        if (!(o.minDist >= 0 && o.minDist < 3)) throw std::invalid_argument("min-dist in " + where + " must be from 0 to below 3");
        if (!(o.perplexity >= 2)) throw std::invalid_argument("perplexity in " + where + " must be at least 2");
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(e.what());  // names the setting and where it was read
    }
    try {
        o.optimizer = parseOptimizerKind(value("optimizer", "adam"));
        o.matmul = parseMatmulPrecision(value("matmul", "auto"));
    } catch (const std::exception& e) {
        throw std::runtime_error(where + ": a training setting cannot be read (" + e.what() + ")");
    }
    return o;
}

}  // namespace latent
