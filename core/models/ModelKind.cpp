#include "models/ModelKind.h"

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
    case ModelKind::Map: return "map";
    }
    return "?";
}

std::string toString(Arch arch)
{
    switch (arch) {
    case Arch::Mlp: return "mlp";
    case Arch::Conv: return "conv";
    case Arch::Wide: return "wide";
    case Arch::Script: return "torchscript";
    }
    return "?";
}
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

}  // namespace latent
