#pragma once
// The words the core describes models with; no torch.
#include <string>

namespace latent {

// MNIST-style images: 28x28 grey levels, ten classes.
constexpr int kImageSide = 28;
constexpr int kImagePixels = kImageSide * kImageSide;
constexpr int kDigitClasses = 10;
constexpr int kMaxLatentDim = 4096;

// The kinds and what each one is: see ModelCatalog.
enum class ModelKind { Ae, Dae, Sr, Vae, Cvae, Aae, Map };
// Script: a TorchScript module made elsewhere (TorchScriptModel), opened but never built or trained here.
enum class Arch { Mlp, Conv, Wide, Script };
enum class ReconstructionLoss { Bce, Mse };

std::string toString(ModelKind kind);
std::string toString(Arch arch);
std::string toString(ReconstructionLoss loss);
// Throw std::invalid_argument naming the accepted values (for a kind's own list: ModelCatalog).
Arch parseArch(const std::string& text);
ReconstructionLoss parseReconstructionLoss(const std::string& text);

}  // namespace latent
