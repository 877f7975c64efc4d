#include "models/ModelCatalog.h"

#include <sstream>
#include <stdexcept>

namespace latent {

namespace {

std::vector<ModelKindInfo> makeKinds()
{
    std::vector<ModelKindInfo> k;
    ModelKindInfo ae{ModelKind::Ae, "ae", "convolutional autoencoder", {Arch::Conv, Arch::Wide}};
    k.push_back(ae);
    ModelKindInfo dae{ModelKind::Dae, "dae", "denoising autoencoder", {Arch::Wide, Arch::Conv}};
    dae.noisyInput = true;
    k.push_back(dae);
    ModelKindInfo sr{ModelKind::Sr, "sr", "super-resolution autoencoder", {Arch::Conv}};
    sr.latent = false;
    sr.smallInput = true;
    sr.reconstructs = false;
    k.push_back(sr);
    ModelKindInfo vae{ModelKind::Vae, "vae", "variational autoencoder", {Arch::Mlp, Arch::Conv}, 1};
    vae.variational = vae.prior = true;
    k.push_back(vae);
    ModelKindInfo cvae{ModelKind::Cvae, "cvae", "conditional VAE", {Arch::Mlp}, 1};
    cvae.variational = cvae.prior = cvae.conditional = true;
    k.push_back(cvae);
    ModelKindInfo aae{ModelKind::Aae, "aae", "adversarial autoencoder", {Arch::Mlp}, 1};
    aae.prior = aae.adversarial = true;
    k.push_back(aae);
    ModelKindInfo map{ModelKind::Map, "map", "separated 2-D map: autoencoder + UMAP over a neighbour graph", {Arch::Mlp}, 1};
    map.fittedDensity = true;
    k.push_back(map);
    return k;
}

std::string joinOr(const std::vector<std::string>& words)
{
    std::string s;
    for (size_t i = 0; i < words.size(); ++i) {
        if (i > 0) s += i + 1 == words.size() ? " or " : ", ";
        s += words[i];
    }
    return s;
}

}  // namespace

const std::vector<ModelKindInfo>& ModelCatalog::kinds()
{
    static const std::vector<ModelKindInfo> all = makeKinds();
    return all;
}

const ModelKindInfo& ModelCatalog::info(ModelKind kind)
{
    for (const ModelKindInfo& i : kinds())
        if (i.kind == kind) return i;
    throw std::invalid_argument("unknown model kind");
}

const ModelKindInfo* ModelCatalog::find(const std::string& name)
{
    for (const ModelKindInfo& i : kinds())
        if (name == i.name) return &i;
    return nullptr;
}

ModelKind ModelCatalog::parseKind(const std::string& text)
{
    if (const ModelKindInfo* i = find(text)) return i->kind;
    throw std::invalid_argument("unknown model '" + text + "' (expected " + kindList() + ")");
}

Arch ModelCatalog::parseArch(ModelKind kind, const std::string& text)
{
    for (Arch a : info(kind).archs)
        if (text == toString(a)) return a;
    const std::string name = info(kind).name;
    if (info(kind).archs.size() == 1)
        throw std::invalid_argument(withArticle(name) + " has one architecture, " + archList(kind) + " (not '" + text + "')");
    throw std::invalid_argument(withArticle(name) + " is " + archList(kind) + " (not '" + text + "')");
}

bool ModelCatalog::allows(ModelKind kind, Arch arch)
{
    for (Arch a : info(kind).archs)
        if (a == arch) return true;
    return false;
}

int ModelCatalog::suggestedEpochs(ModelKind kind, Arch arch)
{
    // MLP models: ~2.3 s an epoch (vae: 10 epochs, 5-NN 0.68, test -ELBO 153.4); convolutional
    // ones: 15-45 s an epoch, and a few epochs of 60,000 digits already hold more steps than
    // 20 epochs of the former 8,000.
    // The map: 40 epochs of 235 batches of 256 after its graph (UMAP; 5-NN 0.954, docs/PERFORMANCE.md).
    if (arch == Arch::Mlp) return kind == ModelKind::Vae ? 10 : kind == ModelKind::Map ? 40 : 20;
    if (kind == ModelKind::Sr) return 2;
    if (kind == ModelKind::Vae) return 3;
    return kind == ModelKind::Ae ? 5 : 3;
}

int ModelCatalog::suggestedBatch(ModelKind kind) { return kind == ModelKind::Map ? 256 : 128; }

int ModelCatalog::defaultLatentDim(ModelKind kind, Arch arch) { return latentDimIsFree(kind, arch) ? 2 : 0; }

std::string ModelCatalog::withArticle(const std::string& name) { return (name[0] == 'a' ? "an " : "a ") + name; }

std::string ModelCatalog::kindList()
{
    std::vector<std::string> names;
    for (const ModelKindInfo& i : kinds()) names.push_back(i.name);
    return joinOr(names);
}

std::string ModelCatalog::archList(ModelKind kind)
{
    std::vector<std::string> names;
    for (Arch a : info(kind).archs) names.push_back(toString(a));
    return joinOr(names);
}

std::string ModelCatalog::kindHelp()
{
    std::ostringstream s;
    for (const ModelKindInfo& i : kinds()) {
        s << "  " << i.name << std::string(6 - std::string(i.name).size(), ' ') << i.title << " (";
        for (size_t a = 0; a < i.archs.size(); ++a)
            s << (a ? ", " : "") << toString(i.archs[a]) << (a == 0 && i.archs.size() > 1 ? " by default" : "") << ": "
              << suggestedEpochs(i.kind, i.archs[a]) << " epochs";
        s << ")\n";
    }
    return s.str();
}

}  // namespace latent
