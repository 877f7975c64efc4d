#pragma once
#include <cstdint>
#include <map>
#include <string>

namespace latent {

// MNIST-style images: 28x28 grey levels, ten classes.
constexpr int kImageSide = 28;
constexpr int kImagePixels = kImageSide * kImageSide;
constexpr int kDigitClasses = 10;
constexpr int kMaxLatentDim = 4096;

// The kinds and what each one is: see ModelCatalog.
enum class ModelKind { Ae, Dae, Sr, Vae, Cvae, Aae };
enum class Arch { Mlp, Conv, Wide };
enum class ReconstructionLoss { Bce, Mse };

std::string toString(ModelKind kind);
std::string toString(Arch arch);
std::string toString(ReconstructionLoss loss);
// Throw std::invalid_argument naming the accepted values (for a kind's own list: ModelCatalog).
Arch parseArch(const std::string& text);
ReconstructionLoss parseReconstructionLoss(const std::string& text);

// Everything needed to rebuild a model and to interpret its numbers: stored in every checkpoint.
struct ModelSpec {
    ModelKind kind = ModelKind::Vae;
    Arch arch = Arch::Mlp;            // vae: mlp or conv; ae/dae: conv (lesson's 16-8-8) or wide (32-32 denoiser)
    int latentDim = 2;                // ae/dae: 0 = no dense bottleneck (8x4x4 code)
    int imageSize = kImageSide;       // output side
    int downscale = 2;                // sr only: input side = imageSize / downscale
    double noiseStd = 0.5;            // dae only: std of the Gaussian noise on the inputs
    ReconstructionLoss reconstruction = ReconstructionLoss::Bce;
    std::string dataset;              // where it was trained (name or folder)
    int epochsDone = 0;
    std::map<std::string, std::string> hyperParameters;  // as the user gave them
    std::map<std::string, double> metrics;               // last test-set figures

    int inputSize() const;            // side of what the model is fed
    // What the kind can do, as ModelCatalog describes it.
    bool isVariational() const;
    bool isConditional() const;
    // Whether training pulls the codes toward N(0, I), so that prior samples decode to digits: the
    // VAEs through their KL term, the adversarial autoencoder through its discriminator.
    bool hasPrior() const;
    bool hasLatent() const;
    // Size of the code the encoder returns (ae/dae without bottleneck: 128).
    int codeSize() const;
    std::string describe() const;  // one line for humans

    // Line-based "key=value" text; fromText throws std::runtime_error on anything malformed.
    std::string toText() const;
    static ModelSpec fromText(const std::string& text);
};

}  // namespace latent
