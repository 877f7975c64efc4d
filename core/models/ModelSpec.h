#pragma once
#include "models/ModelKind.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace latent {

// Everything needed to rebuild a model and to interpret its numbers: stored in every checkpoint.
struct ModelSpec {
    ModelKind kind = ModelKind::Vae;
    Arch arch = Arch::Mlp;       // one the kind allows: see ModelCatalog
    int latentDim = 2;           // ae/dae: 0 = no dense bottleneck (8x4x4 code)
    int imageSize = kImageSide;  // output side
    int downscale = 2;           // sr only: input side = imageSize / downscale
    double noiseStd = 0.5;       // dae only: std of the Gaussian noise on the inputs
    ReconstructionLoss reconstruction = ReconstructionLoss::Bce;
    std::string dataset;  // where it was trained (name or folder)
    int epochsDone = 0;
    std::map<std::string, std::string> hyperParameters;  // as the user gave them
    std::map<std::string, double> metrics;               // last test-set figures
    // False only for a TorchScript module with decode(z) alone (never stored: such modules are
    // not saved as checkpoints).
    bool hasEncoder = true;

    bool isTorchScript() const { return arch == Arch::Script; }
    int inputSize() const;  // side of what the model is fed
    // What the kind can do, as ModelCatalog describes it.
    bool isVariational() const;
    bool isConditional() const;
    // Whether training pulls the codes toward N(0, I), so that prior samples decode to digits: the
    // VAEs through their KL term, the adversarial autoencoder through its discriminator.
    bool hasPrior() const;
    // Whether random codes decode to digits: a prior, or (the map) a density fitted to the training
    // codes that sampleCodes (analysis/Generation.h) draws from.
    bool generates() const;
    bool samplesFittedDensity() const;  // the map, not its TorchScript export
    bool hasLatent() const;
    // Size of the code the encoder returns (ae/dae without bottleneck: 128).
    int codeSize() const;
    std::string describe() const;  // one line for humans

    // A spec for kind with the given choices, the rest at the kind's defaults (ModelCatalog);
    // checked as validate() does.
    static ModelSpec forKind(ModelKind kind, std::optional<Arch> arch = std::nullopt, std::optional<int> latentDim = std::nullopt);
    // Throws std::invalid_argument, in the catalog's words, when the spec names no model that can
    // be built (an architecture its kind does not have, a latent size it cannot take, ...).
    void validate() const;

    // Line-based "key=value" text; fromText throws std::runtime_error on anything malformed.
    std::string toText() const;
    static ModelSpec fromText(const std::string& text);
};

}  // namespace latent
