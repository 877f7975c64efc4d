#include "models/ModelSpec.h"

#include "models/ModelCatalog.h"

#include <sstream>
#include <stdexcept>

namespace latent {

std::string toString(ModelKind kind)
{
    switch (kind) {
    case ModelKind::Ae: return "ae";
    case ModelKind::Dae: return "dae";
    case ModelKind::Sr: return "sr";
    case ModelKind::Vae: return "vae";
    case ModelKind::Cvae: return "cvae";
    case ModelKind::Aae: return "aae";
    }
    return "?";
}

std::string toString(Arch arch) { return arch == Arch::Mlp ? "mlp" : arch == Arch::Conv ? "conv" : "wide"; }
std::string toString(ReconstructionLoss loss) { return loss == ReconstructionLoss::Bce ? "bce" : "mse"; }

Arch parseArch(const std::string& text)
{
    if (text == "mlp") return Arch::Mlp;
    if (text == "conv") return Arch::Conv;
    if (text == "wide") return Arch::Wide;
    throw std::invalid_argument("unknown architecture '" + text + "' (expected mlp, conv or wide)");
}

ReconstructionLoss parseReconstructionLoss(const std::string& text)
{
    if (text == "bce") return ReconstructionLoss::Bce;
    if (text == "mse") return ReconstructionLoss::Mse;
    throw std::invalid_argument("unknown reconstruction loss '" + text + "' (expected bce or mse)");
}

bool ModelSpec::isVariational() const { return ModelCatalog::info(kind).variational; }
bool ModelSpec::isConditional() const { return ModelCatalog::info(kind).conditional; }
bool ModelSpec::hasPrior() const { return ModelCatalog::info(kind).prior; }
bool ModelSpec::hasLatent() const { return ModelCatalog::info(kind).latent; }

int ModelSpec::inputSize() const { return ModelCatalog::info(kind).smallInput ? imageSize / downscale : imageSize; }

int ModelSpec::codeSize() const
{
    if (!hasLatent()) return 0;
    if (arch == Arch::Wide) return 32 * 7 * 7;   // the wide autoencoder's feature map
    if (latentDim == 0) return 8 * 4 * 4;         // the conv autoencoder without bottleneck
    return latentDim;
}

std::string ModelSpec::describe() const
{
    std::ostringstream s;
    s << toString(kind);
    if (ModelCatalog::info(kind).archs.size() > 1) s << " (" << toString(arch) << ")";
    if (ModelCatalog::info(kind).smallInput)
        s << " " << inputSize() << "x" << inputSize() << " -> " << imageSize << "x" << imageSize;
    else
        s << ", latent " << codeSize();
    if (ModelCatalog::info(kind).noisyInput) s << ", noise " << noiseStd;
    s << ", " << toString(reconstruction) << ", " << epochsDone << " epochs";
    if (!dataset.empty()) s << " on " << dataset;
    return s.str();
}

std::string ModelSpec::toText() const
{
    std::ostringstream s;
    s.precision(17);
    s << "kind=" << toString(kind) << "\n"
      << "arch=" << toString(arch) << "\n"
      << "latent_dim=" << latentDim << "\n"
      << "image_size=" << imageSize << "\n"
      << "downscale=" << downscale << "\n"
      << "noise_std=" << noiseStd << "\n"
      << "reconstruction=" << toString(reconstruction) << "\n"
      << "dataset=" << dataset << "\n"
      << "epochs_done=" << epochsDone << "\n";
    for (const auto& [k, v] : hyperParameters) s << "hp." << k << "=" << v << "\n";
    for (const auto& [k, v] : metrics) s << "metric." << k << "=" << v << "\n";
    return s.str();
}

ModelSpec ModelSpec::fromText(const std::string& text)
{
    ModelSpec spec;
    std::istringstream in(text);
    std::string line;
    int lineNo = 0;
    bool sawKind = false;
    auto toInt = [&](const std::string& v, const std::string& key) {
        try {
            size_t used = 0;
            int n = std::stoi(v, &used);
            if (used != v.size()) throw std::invalid_argument(v);
            return n;
        } catch (const std::exception&) {
            throw std::runtime_error("model spec: '" + key + "' is not an integer: '" + v + "'");
        }
    };
    auto toDouble = [&](const std::string& v, const std::string& key) {
        try {
            return std::stod(v);
        } catch (const std::exception&) {
            throw std::runtime_error("model spec: '" + key + "' is not a number: '" + v + "'");
        }
    };
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty()) continue;
        auto eq = line.find('=');
        if (eq == std::string::npos)
            throw std::runtime_error("model spec: line " + std::to_string(lineNo) + " has no '='");
        std::string key = line.substr(0, eq), value = line.substr(eq + 1);
        try {
            if (key == "kind") { spec.kind = ModelCatalog::parseKind(value); sawKind = true; }
            else if (key == "arch") spec.arch = parseArch(value);
            else if (key == "latent_dim") spec.latentDim = toInt(value, key);
            else if (key == "image_size") spec.imageSize = toInt(value, key);
            else if (key == "downscale") spec.downscale = toInt(value, key);
            else if (key == "noise_std") spec.noiseStd = toDouble(value, key);
            else if (key == "reconstruction") spec.reconstruction = parseReconstructionLoss(value);
            else if (key == "dataset") spec.dataset = value;
            else if (key == "epochs_done") spec.epochsDone = toInt(value, key);
            else if (key.rfind("hp.", 0) == 0) spec.hyperParameters[key.substr(3)] = value;
            else if (key.rfind("metric.", 0) == 0) spec.metrics[key.substr(7)] = toDouble(value, key);
            // Unknown keys are ignored so that newer files stay readable by older builds.
        } catch (const std::invalid_argument& e) {
            throw std::runtime_error(std::string("model spec: ") + e.what());
        }
    }
    if (!sawKind) throw std::runtime_error("model spec: no model kind");
    if (spec.latentDim < 0 || spec.latentDim > kMaxLatentDim)
        throw std::runtime_error("model spec: latent_dim out of range");
    if (spec.imageSize != kImageSide) throw std::runtime_error("model spec: only 28x28 images are supported");
    if (spec.downscale != 2 && spec.downscale != 4)
        throw std::runtime_error("model spec: downscale must be 2 or 4");
    // A kind with one architecture ignores the stored one (early sr files said "mlp").
    if (ModelCatalog::info(spec.kind).archs.size() == 1) spec.arch = ModelCatalog::defaultArch(spec.kind);
    return spec;
}

}  // namespace latent
