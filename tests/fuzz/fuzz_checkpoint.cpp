// libFuzzer target: Checkpoint::load on any bytes. A bad file must end in CheckpointError (with a
// message); a good one in a model that decodes a code of its size to an image.
#include "MemoryFile.h"
#include "persistence/Checkpoint.h"
#include "models/ModelCatalog.h"

#include "runtime/TorchHeaders.h"

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    at::set_num_threads(1);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static MemoryFile file;
    try {
        latent::ModelCheckpoint m = latent::Checkpoint::load(file.write(data, size));
        if (m.spec.hasLatent()) {
            torch::NoGradGuard g;
            m.model->eval();
            const bool conditional = latent::ModelCatalog::info(m.spec.kind).conditional;
            const torch::Tensor image =
                m.model->decode(torch::zeros({1, m.spec.latentDim}), conditional ? latent::digitLabels(1, 3) : latent::noLabels());
            if (image.numel() == 0) std::abort();
        }
    } catch (const latent::CheckpointError& e) {
        if (std::string(e.what()).empty()) std::abort();
    }
    return 0;
}
