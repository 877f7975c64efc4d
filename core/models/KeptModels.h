#pragma once
#include <string>

namespace latent {

// The helper models the Your Digit panel and `latent-cli denoise|upscale` use when none is named:
// a denoiser and a x2 super-resolution model trained with the recommended recipe and kept in the
// data folder (~/.local/share/latent-explorer/models, or $LATENT_MODELS_DIR), so that they are
// trained once and found next time.
class KeptModels {
public:
    enum Role { Denoiser, Upscaler };

    static std::string directory();
    static std::string path(Role role);   // directory()/denoiser.pt or upscaler-x2.pt
    static bool exists(Role role);
    // The recipe as latent-cli arguments (without --out): the wide dae at noise 0.5, or sr x2.
    static std::string recipe(Role role);
    static std::string describe(Role role);  // "denoiser (wide dae, 3 epochs on MNIST)"
    // What to run to make it ("latent-cli train ... --out PATH").
    static std::string howToMake(Role role);
};

}  // namespace latent
