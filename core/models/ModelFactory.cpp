#include "models/ModelFactory.h"

#include "models/AdversarialAutoencoder.h"
#include "models/ConditionalVae.h"
#include "models/ConvAutoencoder.h"
#include "models/ConvVae.h"
#include "models/MapAutoencoder.h"
#include "models/MlpVae.h"
#include "models/ModelCatalog.h"
#include "models/SuperResolutionNet.h"
#include "models/WideConvAutoencoder.h"

namespace latent {

Autoencoder makeModel(const ModelSpec& spec)
{
    spec.validate();
    switch (spec.kind) {
    case ModelKind::Ae:
    case ModelKind::Dae:
        if (spec.arch == Arch::Wide) return WideConvAutoencoder().ptr();
        return ConvAutoencoder(ConvAutoencoderOptions{spec.latentDim}).ptr();
    case ModelKind::Sr: return SuperResolutionNet(SuperResolutionNetOptions{spec.downscale}).ptr();
    case ModelKind::Vae:
        if (spec.arch == Arch::Mlp) {
            MlpVaeOptions o;
            o.latentDim = spec.latentDim;
            return MlpVae(o).ptr();
        }
        return ConvVae(ConvVaeOptions{spec.latentDim}).ptr();
    case ModelKind::Aae: {
        AdversarialAutoencoderOptions o;
        o.latentDim = spec.latentDim;
        return AdversarialAutoencoder(o).ptr();
    }
    case ModelKind::Map: {
        MapAutoencoderOptions o;
        o.latentDim = spec.latentDim;
        return MapAutoencoder(o).ptr();
    }
    case ModelKind::Cvae: {
        ConditionalVaeOptions o;
        o.latentDim = spec.latentDim;
        return ConditionalVae(o).ptr();
    }
    }
    throw std::invalid_argument("unknown model kind");
}

Autoencoder cloneModel(const ModelSpec& spec, AutoencoderImpl& model)
{
    // A TorchScript module is never trained here, so its one copy may be shared.
    if (spec.isTorchScript()) return std::shared_ptr<AutoencoderImpl>(model.shared_from_this(), &model);  // the same owner
    torch::NoGradGuard noGrad;
    Autoencoder copy = makeModel(spec);
    auto src = model.named_parameters(true), dst = copy->named_parameters(true);
    for (auto& p : dst) p.value().copy_(src[p.key()]);
    auto srcBuffers = model.named_buffers(true), dstBuffers = copy->named_buffers(true);
    for (auto& b : dstBuffers) b.value().copy_(srcBuffers[b.key()]);
    copy->eval();
    return copy;
}

}  // namespace latent
