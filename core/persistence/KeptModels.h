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

    // The recommended recipe (the standard figures': 18.8 dB at noise 0.5 and 27.5 dB at x2 on the
    // MNIST test split); latent-cli's arguments and the window's training request both come from it.
    struct Recipe {
        std::string model, arch;
        double noise = 0;   // dae: the training noise
        int downscale = 0;  // sr
        int epochs = 0;
    };
    static Recipe recipe(Role role);

    static std::string directory();
    static std::string path(Role role);  // directory()/denoiser.pt or upscaler-x2.pt
    static bool exists(Role role);
    // The recipe as latent-cli train arguments (without --out).
    static std::string recipeArguments(Role role);
    static std::string describe(Role role);  // "denoiser (wide dae, 3 epochs on MNIST)"
    // What to run to make it ("latent-cli train ... --out PATH").
    static std::string howToMake(Role role);
};

}  // namespace latent
