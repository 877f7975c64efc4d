#pragma once
// No torch here: the CLI's help, the training form and the checkpoint loader all read it.
#include "models/ModelKind.h"

#include <string>
#include <vector>

namespace latent {

// What one model kind is: its name, the architectures it may have, its defaults and what it can
// do. The single description that every front end asks; error texts are made from it.
struct ModelKindInfo {
    ModelKind kind;
    const char* name;            // as typed: "vae"
    const char* title;           // for people: "variational autoencoder"
    std::vector<Arch> archs;     // allowed, the default first
    int minLatentDim = 0;        // smallest latent size (0: the code may be a feature map)
    bool variational = false;    // q(z|x) with a KL term: beta, KL warm-up and the ELBO apply
    bool conditional = false;    // encoder and decoder also take the digit (label)
    bool prior = false;          // codes pulled toward N(0, I): prior samples decode to digits
    bool fittedDensity = false;  // samples come from a mixture fitted to the training codes (map)
    bool latent = true;          // has a latent space to encode to and decode from
    bool adversarial = false;    // trained with a discriminator (--adversarial-lr applies)
    bool noisyInput = false;     // fed noisy images (--noise applies); trained to denoise
    bool smallInput = false;     // fed downscaled images (--downscale applies); upscales
    bool reconstructs = true;    // image in, the same image out: can clean a user's digit
};

class ModelCatalog {
public:
    static const std::vector<ModelKindInfo>& kinds();
    static const ModelKindInfo& info(ModelKind kind);
    static const ModelKindInfo* find(const std::string& name);  // null for an unknown name

    // Throw std::invalid_argument in the catalog's words ("unknown model 'x' (expected ae, ...)").
    static ModelKind parseKind(const std::string& text);
    // An architecture this kind allows ("a vae is mlp or conv").
    static Arch parseArch(ModelKind kind, const std::string& text);

    static Arch defaultArch(ModelKind kind) { return info(kind).archs.front(); }
    static bool allows(ModelKind kind, Arch arch);
    // Latent size when none is given: the wide autoencoder has no dense bottleneck (0), others 2.
    static int defaultLatentDim(ModelKind kind, Arch arch);
    // Epochs that give a good model of the standard MNIST (60,000 digits) in about a minute or two
    // on two cores: the default of `latent-cli train` and of the training form (docs/PERFORMANCE.md).
    static int suggestedEpochs(ModelKind kind, Arch arch);
    // Batch size when none is given: 128, and 1,000 for the map, whose neighbour loss compares
    // every image of a batch with every other (a bigger batch holds more true neighbours).
    static int suggestedBatch(ModelKind kind);
    // Whether the latent size is the user's to choose (the wide autoencoder's code is fixed).
    static bool latentDimIsFree(ModelKind kind, Arch arch) { return info(kind).latent && arch != Arch::Wide; }

    // "ae, dae, sr, vae, cvae, aae or map"; "mlp or conv".
    static std::string kindList();
    static std::string archList(ModelKind kind);
    // One line per kind ("vae   variational autoencoder (mlp, conv)"), for --help.
    static std::string kindHelp();
    // "an ae", "a vae": for messages.
    static std::string withArticle(const std::string& name);
};

}  // namespace latent
