#include "persistence/KeptModels.h"

#include "models/ModelCatalog.h"

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace latent {

std::string KeptModels::directory()
{
    if (const char* d = std::getenv("LATENT_MODELS_DIR"); d && *d) return d;
    const char* xdg = std::getenv("XDG_DATA_HOME");
    const char* home = std::getenv("HOME");
    const std::string base = xdg && *xdg ? std::string(xdg) : std::string(home ? home : ".") + "/.local/share";
    return base + "/latent-explorer/models";
}

std::string KeptModels::path(Role role) { return directory() + (role == Denoiser ? "/denoiser.pt" : "/upscaler-x2.pt"); }

bool KeptModels::exists(Role role)
{
    std::error_code ec;
    return std::filesystem::is_regular_file(path(role), ec);
}

KeptModels::Recipe KeptModels::recipe(Role role)
{
    if (role == Denoiser) return {"dae", "wide", 0.5, 0, 3};
    return {"sr", "conv", 0, 2, 2};
}

std::string KeptModels::recipeArguments(Role role)
{
    const Recipe r = recipe(role);
    std::ostringstream s;
    s << "--data mnist --model " << r.model;
    if (ModelCatalog::info(ModelCatalog::parseKind(r.model)).archs.size() > 1) s << " --arch " << r.arch;  // sr has one
    if (r.noise > 0) s << " --noise " << r.noise;
    if (r.downscale > 0) s << " --downscale " << r.downscale;
    s << " --epochs " << r.epochs;
    return s.str();
}

std::string KeptModels::describe(Role role)
{
    return role == Denoiser ? "denoiser (wide dae, 3 epochs on MNIST)" : "super-resolution model (sr x2, 2 epochs on MNIST)";
}

std::string KeptModels::howToMake(Role role) { return "latent-cli train " + recipeArguments(role) + " --out " + path(role); }

}  // namespace latent
