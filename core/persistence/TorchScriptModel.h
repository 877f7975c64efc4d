#pragma once
#include "persistence/Checkpoint.h"

#include <string>

namespace latent {

// A TorchScript module written elsewhere (PyTorch, say), used as a model here. It offers
//   encode(x) -> (mean, logvar) or mean    x: [N, 1, 28, 28] in [0, 1], codes [N, d]
//   decode(z) -> images in [0, 1]          [N, 1, 28, 28] (or [N, 784])
// and may lack encode: a decoder alone still gets the grid and generation. Loaded, it is an
// AutoencoderImpl like the others (spec.arch == Arch::Script), never trained here.
class TorchScriptModel {
public:
    // Whether the file is a TorchScript archive whose code defines decode, as opposed to a
    // checkpoint (plain named values), a damaged archive or something else (ArchiveProbe.h).
    static bool looksLike(const std::string& path);

    // Loads and checks a module: which methods it has, the latent size (from encode on a blank
    // batch, a `latent_dim` attribute, or the sizes decode accepts), and that decode returns
    // 28x28 images in [0, 1]. LibTorch compiles the module's code as it loads: open only modules
    // you trust (its compiler is not hardened against damaged code, see ArchiveProbe.h).
    // Throws CheckpointError saying what is missing.
    static ModelCheckpoint load(const std::string& path);

    // Writes `model` as a TorchScript module with encode(x) and decode(z) (images in [0, 1]) and
    // the weights as its parameters, traced from the model itself: torch.jit.load in PyTorch
    // opens it. Conditional and super-resolution models have other signatures and are refused.
    static void exportModule(const std::string& path, const ModelSpec& spec, AutoencoderImpl& model);
};

// A checkpoint or a TorchScript module, whichever the file is: what the window and latent-cli open.
ModelCheckpoint loadModel(const std::string& path);

}  // namespace latent
