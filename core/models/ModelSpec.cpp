#include "models/ModelSpec.h"

#include "io/NumberText.h"
#include "models/ModelCatalog.h"

#include <limits>
#include <locale>

#include <sstream>
#include <stdexcept>

namespace latent {

bool ModelSpec::isVariational() const { return ModelCatalog::info(kind).variational; }
bool ModelSpec::isConditional() const { return ModelCatalog::info(kind).conditional; }
bool ModelSpec::hasPrior() const { return ModelCatalog::info(kind).prior; }
// A TorchScript export keeps the density buffers but sampleCodes cannot reach them there.
bool ModelSpec::generates() const { return hasPrior() || samplesFittedDensity(); }
bool ModelSpec::samplesFittedDensity() const { return ModelCatalog::info(kind).fittedDensity && !isTorchScript(); }
bool ModelSpec::hasLatent() const { return ModelCatalog::info(kind).latent; }

ModelSpec ModelSpec::forKind(ModelKind kind, std::optional<Arch> arch, std::optional<int> latentDim)
{
    ModelSpec spec;
    spec.kind = kind;
    spec.arch = arch.value_or(ModelCatalog::defaultArch(kind));
    spec.latentDim = latentDim.value_or(ModelCatalog::defaultLatentDim(kind, spec.arch));
    spec.validate();
    return spec;
}

void ModelSpec::validate() const
{
    const ModelSpec& spec = *this;
    const ModelKindInfo& i = ModelCatalog::info(spec.kind);
    const std::string name = i.name;
    if (!ModelCatalog::allows(spec.kind, spec.arch))
        throw std::invalid_argument(ModelCatalog::withArticle(name) + " is " + ModelCatalog::archList(spec.kind) + ", not " +
                                    toString(spec.arch));
    if (spec.imageSize != kImageSide)
        throw std::invalid_argument("only " + std::to_string(kImageSide) + "x" + std::to_string(kImageSide) + " images are supported");
    if (i.smallInput && spec.downscale != 2 && spec.downscale != 4)
        throw std::invalid_argument("the downscale of " + ModelCatalog::withArticle(name) + " must be 2 or 4");
    if (!i.latent) return;
    if (spec.arch == Arch::Wide && spec.latentDim != 0)
        throw std::invalid_argument("the wide " + name + " has no dense bottleneck (its code is 32x7x7): use latent size 0");
    if (spec.latentDim < i.minLatentDim)
        throw std::invalid_argument(ModelCatalog::withArticle(name) + " needs a latent size of at least " + std::to_string(i.minLatentDim) +
                                    (i.minLatentDim == 0 ? "" : " (0 means no bottleneck, which only ae and dae have)"));
    if (spec.latentDim > kMaxLatentDim)
        throw std::invalid_argument("latent size " + std::to_string(spec.latentDim) + " is above " + std::to_string(kMaxLatentDim));
}

int ModelSpec::inputSize() const { return ModelCatalog::info(kind).smallInput ? imageSize / downscale : imageSize; }

int ModelSpec::codeSize() const
{
    if (!hasLatent()) return 0;
    if (arch == Arch::Wide) return 32 * 7 * 7;  // the wide autoencoder's feature map
    if (latentDim == 0) return 8 * 4 * 4;       // the conv autoencoder without bottleneck
    return latentDim;
}

std::string ModelSpec::describe() const
{
    std::ostringstream s;
    if (isTorchScript()) {
        s << "TorchScript " << toString(kind) << ", latent " << codeSize() << (hasEncoder ? "" : ", decode only");
        if (const auto file = hyperParameters.find("file"); file != hyperParameters.end()) s << " (" << file->second << ")";
        return s.str();
    }
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
    // Numbers through formatNumber, integers in the classic locale: the same bytes in every locale.
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s << "kind=" << toString(kind) << "\n"
      << "arch=" << toString(arch) << "\n"
      << "latent_dim=" << latentDim << "\n"
      << "image_size=" << imageSize << "\n"
      << "downscale=" << downscale << "\n"
      << "noise_std=" << formatNumber(noiseStd) << "\n"
      << "reconstruction=" << toString(reconstruction) << "\n"
      << "dataset=" << dataset << "\n"
      << "epochs_done=" << epochsDone << "\n";
    for (const auto& [k, v] : hyperParameters) s << "hp." << k << "=" << v << "\n";
    for (const auto& [k, v] : metrics) s << "metric." << k << "=" << formatNumber(v) << "\n";
    return s.str();
}

ModelSpec ModelSpec::fromText(const std::string& text)
{
    ModelSpec spec;
    std::istringstream in(text);
    std::string line;
    int lineNo = 0;
    bool sawKind = false;
    // Locale-free numbers; a ',' decimal is what the window wrote under a decimal-comma locale
    // before numbers were written locale-free, and it reads as the value that was meant.
    auto toInt = [&](const std::string& v, const std::string& key) {
        const std::optional<long long> n = parseInteger(v);
        if (!n || *n < std::numeric_limits<int>::min() || *n > std::numeric_limits<int>::max())
            throw std::runtime_error("model spec: '" + key + "' is not an integer: '" + v + "'");
        return int(*n);
    };
    auto toDouble = [&](const std::string& v, const std::string& key) {
        const std::optional<double> x = parseNumber(v, DecimalComma::Accepted);
        if (!x) throw std::runtime_error("model spec: '" + key + "' is not a number: '" + v + "'");
        return *x;
    };
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty()) continue;
        auto eq = line.find('=');
        if (eq == std::string::npos) throw std::runtime_error("model spec: line " + std::to_string(lineNo) + " has no '='");
        std::string key = line.substr(0, eq), value = line.substr(eq + 1);
        try {
            if (key == "kind") {
                spec.kind = ModelCatalog::parseKind(value);
                sawKind = true;
            } else if (key == "arch")
                spec.arch = parseArch(value);
            else if (key == "latent_dim")
                spec.latentDim = toInt(value, key);
            else if (key == "image_size")
                spec.imageSize = toInt(value, key);
            else if (key == "downscale")
                spec.downscale = toInt(value, key);
            else if (key == "noise_std")
                spec.noiseStd = toDouble(value, key);
            else if (key == "reconstruction")
                spec.reconstruction = parseReconstructionLoss(value);
            else if (key == "dataset")
                spec.dataset = value;
            else if (key == "epochs_done")
                spec.epochsDone = toInt(value, key);
            else if (key.rfind("hp.", 0) == 0)
                spec.hyperParameters[key.substr(3)] = value;
            else if (key.rfind("metric.", 0) == 0)
                spec.metrics[key.substr(7)] = toDouble(value, key);
            // Unknown keys are ignored so that newer files stay readable by older builds.
        } catch (const std::invalid_argument& e) {
            throw std::runtime_error(std::string("model spec: ") + e.what());
        }
    }
    if (!sawKind) throw std::runtime_error("model spec: no model kind");
    if (spec.latentDim < 0 || spec.latentDim > kMaxLatentDim) throw std::runtime_error("model spec: latent_dim out of range");
    if (spec.imageSize != kImageSide) throw std::runtime_error("model spec: only 28x28 images are supported");
    if (spec.downscale != 2 && spec.downscale != 4) throw std::runtime_error("model spec: downscale must be 2 or 4");
    // A kind with one architecture ignores the stored one (early sr files said "mlp").
    if (ModelCatalog::info(spec.kind).archs.size() == 1) spec.arch = ModelCatalog::defaultArch(spec.kind);
    return spec;
}

}  // namespace latent
