#include "ModelFactory.h"

#include "AdversarialAutoencoder.h"
#include "ConditionalVae.h"
#include "ConvAutoencoder.h"
#include "ConvVae.h"
#include "MlpVae.h"
#include "SuperResolutionNet.h"
#include "WideConvAutoencoder.h"

#include <stdexcept>

namespace latent {

Autoencoder makeModel(const ModelSpec& spec)
{
    if (spec.imageSize != 28) throw std::invalid_argument("only 28x28 images are supported");
    switch (spec.kind) {
    case ModelKind::Ae:
    case ModelKind::Dae:
        if (spec.latentDim < 0) throw std::invalid_argument("latent size must be 0 (no bottleneck) or more");
        if (spec.arch == Arch::Wide) {
            if (spec.latentDim != 0)
                throw std::invalid_argument("the wide autoencoder has no dense bottleneck (its code is 32x7x7): use latent size 0");
            return WideConvAutoencoder().ptr();
        }
        return ConvAutoencoder(ConvAutoencoderOptions{spec.latentDim}).ptr();
    case ModelKind::Sr:
        if (spec.downscale != 2 && spec.downscale != 4) throw std::invalid_argument("downscale must be 2 or 4");
        return SuperResolutionNet(SuperResolutionNetOptions{spec.downscale}).ptr();
    case ModelKind::Vae:
        if (spec.latentDim < 1) throw std::invalid_argument("a VAE needs a latent size of at least 1");
        if (spec.arch == Arch::Mlp) {
            MlpVaeOptions o;
            o.latentDim = spec.latentDim;
            return MlpVae(o).ptr();
        }
        return ConvVae(ConvVaeOptions{spec.latentDim}).ptr();
    case ModelKind::Aae: {
        if (spec.latentDim < 1) throw std::invalid_argument("an adversarial autoencoder needs a latent size of at least 1");
        AdversarialAutoencoderOptions o;
        o.latentDim = spec.latentDim;
        return AdversarialAutoencoder(o).ptr();
    }
    case ModelKind::Cvae: {
        if (spec.latentDim < 1) throw std::invalid_argument("a conditional VAE needs a latent size of at least 1");
        if (spec.arch != Arch::Mlp) throw std::invalid_argument("the conditional VAE is an MLP (arch mlp)");
        ConditionalVaeOptions o;
        o.latentDim = spec.latentDim;
        return ConditionalVae(o).ptr();
    }
    }
    throw std::invalid_argument("unknown model kind");
}

Autoencoder cloneModel(const ModelSpec& spec, AutoencoderImpl& model)
{
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
