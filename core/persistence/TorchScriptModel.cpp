#include "persistence/TorchScriptModel.h"

#include "io/SafeFile.h"
#include "io/ArchiveProbe.h"
#include "models/ModelCatalog.h"

#include <torch/csrc/jit/frontend/tracer.h>
#include <torch/script.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <sys/stat.h>

namespace latent {
namespace {

// Images in [0, 1] -> logits; the clamp keeps exact 0 and 1 finite (sigmoid gives them back to
// within 1e-6).
constexpr double kLogitEps = 1e-6;

std::string fileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

// The first line of an exception's text, at most max characters (LibTorch's run on for pages).
std::string firstLine(const std::string& text, size_t max) { return text.substr(0, std::min({text.find('\n'), max, text.size()})); }

// What encode returned, as codes [N, d] (mean) and optionally logvar.
Encoding toEncoding(const c10::IValue& out)
{
    Encoding e;
    if (out.isTensor()) {
        e.mean = out.toTensor();
    } else if (out.isTuple() && out.toTupleRef().elements().size() == 2 && out.toTupleRef().elements()[0].isTensor() &&
               out.toTupleRef().elements()[1].isTensor()) {
        e.mean = out.toTupleRef().elements()[0].toTensor();
        e.logvar = out.toTupleRef().elements()[1].toTensor();
    } else {
        throw std::runtime_error("encode(x) must return a tensor (the codes) or a tuple (mean, logvar), not " + out.tagKind());
    }
    if (e.mean.dim() != 2)
        throw std::runtime_error("encode(x) must return codes of shape [N, d], got " + std::to_string(e.mean.dim()) + " dimensions");
    if (e.logvar.defined() && e.logvar.sizes() != e.mean.sizes())
        throw std::runtime_error("encode(x) returned a logvar of another shape than its mean");
    e.mean = e.mean.to(torch::kFloat32);
    if (e.logvar.defined()) e.logvar = e.logvar.to(torch::kFloat32);
    return e;
}

torch::Tensor toImages(const c10::IValue& out, int64_t n)
{
    if (!out.isTensor()) throw std::runtime_error("decode(z) must return a tensor of images, not " + out.tagKind());
    const torch::Tensor t = out.toTensor();
    if (t.dim() < 1 || t.size(0) != n || t.numel() != n * kImagePixels)
        throw std::runtime_error("decode(z) must return " + std::to_string(n) + " images of 28x28 for " + std::to_string(n) +
                                 " codes, got shape " + c10::str(t.sizes()));
    return t.to(torch::kFloat32).reshape({n, 1, kImageSide, kImageSide});
}

}  // namespace

// Its decode images are turned into logits (clamped) so that the rest of the core, which expects
// logits, works unchanged.
class TorchScriptModelImpl : public AutoencoderImpl {
public:
    explicit TorchScriptModelImpl(torch::jit::Module module);

    Encoding encode(const torch::Tensor& input, const torch::Tensor& labels) override;
    torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& labels) override;
    void train(bool on = true) override;

    bool hasEncoder() const { return hasEncoder_; }
    torch::jit::Module& module() { return module_; }

private:
    torch::jit::Module module_;
    bool hasEncoder_ = false;
};

TorchScriptModelImpl::TorchScriptModelImpl(torch::jit::Module module) : module_(std::move(module))
{
    hasEncoder_ = module_.find_method("encode").has_value();
    if (!module_.find_method("decode"))
        throw std::runtime_error(
            "a TorchScript module, but it has no decode(z) method (a Latent Explorer model needs decode, and encode to place digits)");
    module_.eval();
}

Encoding TorchScriptModelImpl::encode(const torch::Tensor& input, const torch::Tensor&)
{
    if (!hasEncoder_) throw std::runtime_error("this TorchScript module has no encode(x) method: it can only decode");
    const torch::Tensor x = input.to(torch::kFloat32).reshape({input.size(0), 1, kImageSide, kImageSide});
    return toEncoding(module_.get_method("encode")({x}));
}

torch::Tensor TorchScriptModelImpl::decode(const torch::Tensor& z, const torch::Tensor&)
{
    const torch::Tensor images = toImages(module_.get_method("decode")({z.to(torch::kFloat32)}), z.size(0));
    return torch::logit(images.clamp(0.0, 1.0), kLogitEps);
}

void TorchScriptModelImpl::train(bool on)
{
    AutoencoderImpl::train(on);
    module_.train(on);
}

bool TorchScriptModel::looksLike(const std::string& path) { return torchArchiveProblem(path, ArchiveContent::ScriptModule).empty(); }

ModelCheckpoint TorchScriptModel::load(const std::string& path)
{
    torch::jit::Module module;
    try {
        module = torch::jit::load(path, torch::kCPU);
    } catch (const std::exception& e) {
        throw CheckpointError(path + ": a TorchScript module that LibTorch cannot load (" + firstLine(e.what(), 300) + ")");
    }
    std::shared_ptr<TorchScriptModelImpl> impl;
    try {
        impl = std::make_shared<TorchScriptModelImpl>(std::move(module));
    } catch (const std::exception& e) {
        throw CheckpointError(path + ": " + e.what());
    }
    ModelCheckpoint out;
    out.spec.arch = Arch::Script;
    // No dataset of its own: the window keeps the one it shows, latent-cli takes MNIST's
    // (the interface is MNIST's 28x28 digits) unless given --data.
    out.spec.hyperParameters["file"] = fileName(path);
    out.spec.hasEncoder = impl->hasEncoder();
    torch::NoGradGuard noGrad;
    const auto fail = [&](const std::string& why) { return CheckpointError(path + ": " + why); };
    try {
        if (impl->hasEncoder()) {
            const Encoding e = impl->encode(torch::zeros({2, 1, kImageSide, kImageSide}), {});
            out.spec.latentDim = int(e.mean.size(1));
            // (mean, logvar): a VAE, with its ELBO and prior; the mean alone: a deterministic autoencoder.
            out.spec.kind = e.logvar.defined() ? ModelKind::Vae : ModelKind::Ae;
        } else {
            // A decoder alone is taken for a generative one (codes drawn from N(0, I)).
            out.spec.kind = ModelKind::Vae;
            out.spec.latentDim = 0;
            if (impl->module().hasattr("latent_dim") && impl->module().attr("latent_dim").isInt()) {
                out.spec.latentDim = int(impl->module().attr("latent_dim").toInt());
            } else {
                for (int d = 1; d <= 256 && out.spec.latentDim <= 0; ++d) {
                    try {
                        impl->decode(torch::zeros({2, d}), {});
                        out.spec.latentDim = d;
                    } catch (const std::exception&) {
                    }
                }
                out.spec.latentDim = std::max(out.spec.latentDim, 0);
            }
        }
    } catch (const std::exception& e) {
        throw fail("a TorchScript module, but encode(x) fails on a blank 2x1x28x28 batch (" + firstLine(e.what(), 300) + ")");
    }
    if (out.spec.latentDim <= 0 || out.spec.latentDim > kMaxLatentDim)
        throw fail(
            "a TorchScript module with decode(z) alone, but no latent size from 1 to 256 fits it: give it an int attribute latent_dim");
    try {
        impl->decode(torch::randn({4, out.spec.latentDim}), {});  // shape checks
        const c10::IValue raw = impl->module().get_method("decode")({torch::randn({4, out.spec.latentDim})});
        const torch::Tensor r = raw.toTensor();
        const double lo = r.min().item<double>(), hi = r.max().item<double>();
        if (!(lo >= -1e-3 && hi <= 1.0 + 1e-3))
            throw std::runtime_error("decode(z) must return images in [0, 1], got values from " + std::to_string(lo) + " to " +
                                     std::to_string(hi) + " (logits? end decode with torch.sigmoid)");
    } catch (const CheckpointError&) {
        throw;
    } catch (const std::exception& e) {
        throw fail("a TorchScript module, but decode(z) fails on codes of size " + std::to_string(out.spec.latentDim) + " (" +
                   firstLine(e.what(), 300) + ")");
    }
    out.model = impl;
    out.model->eval();
    return out;
}

void TorchScriptModel::exportModule(const std::string& path, const ModelSpec& spec, AutoencoderImpl& model)
{
    const ModelKindInfo& info = ModelCatalog::info(spec.kind);
    if (spec.arch == Arch::Script) throw CheckpointError("this model is a TorchScript module already: copy its file");
    if (info.conditional || info.smallInput || !info.latent)
        throw CheckpointError("TorchScript export is for models with encode(x) and decode(z); " + ModelCatalog::withArticle(info.name) +
                              " takes " + (info.conditional ? "the digit as well" : "smaller images") +
                              ", which PyTorch would not know to give");
    const bool wasTraining = model.is_training();
    model.eval();
    torch::jit::Module out(c10::QualifiedName("__torch__.latent_explorer." + toString(spec.kind)));
    // The weights become the module's parameters (dots are not allowed in attribute names), so
    // that the tracer records reads of them, not copies.
    for (const auto& p : model.named_parameters(true)) {
        std::string name = p.key();
        std::replace(name.begin(), name.end(), '.', '_');
        out.register_parameter(name, p.value(), false);
    }
    for (const auto& b : model.named_buffers(true)) {
        std::string name = b.key();
        std::replace(name.begin(), name.end(), '.', '_');
        out.register_buffer(name, b.value());
    }
    out.register_attribute("latent_dim", c10::IntType::get(), int64_t(spec.codeSize()));
    const auto noNames = [](const torch::autograd::Variable&) { return std::string(); };
    const auto addMethod = [&](const std::string& name, const torch::Tensor& example,
                               const std::function<torch::jit::Stack(torch::jit::Stack)>& fn) {
        auto traced = torch::jit::tracer::trace({example}, fn, noNames, /*strict=*/true, /*force_outplace=*/false, &out);
        auto* function =
            out._ivalue()->compilation_unit()->create_function(c10::QualifiedName(*out.type()->name(), name), traced.first->graph);
        out.type()->addMethod(function);
    };
    try {
        torch::NoGradGuard noGrad;
        addMethod("encode", torch::rand({2, 1, kImageSide, kImageSide}), [&](torch::jit::Stack in) -> torch::jit::Stack {
            const Encoding e = model.encode(in.at(0).toTensor(), {});
            if (e.logvar.defined()) return {c10::ivalue::Tuple::create({e.mean, e.logvar})};
            return {e.mean};
        });
        addMethod("decode", torch::randn({2, spec.codeSize()}),
                  [&](torch::jit::Stack in) -> torch::jit::Stack { return {torch::sigmoid(model.decode(in.at(0).toTensor(), {}))}; });
    } catch (const std::exception& e) {
        model.train(wasTraining);
        throw CheckpointError("cannot trace the model for TorchScript (" + firstLine(e.what(), 300) + ")");
    }
    model.train(wasTraining);
    // Made in memory and written whole, as checkpoints are: LibTorch's file writer throws from
    // its destructor when a write fails, which would end the process.
    std::ostringstream bytes;
    try {
        out.save(bytes);
    } catch (const std::exception& e) {
        throw CheckpointError(path + ": cannot write TorchScript module (" + firstLine(e.what(), 200) + ")");
    }
    try {
        writeFileSafely(path, bytes.str(), "TorchScript module");
    } catch (const FileWriteError& e) {
        throw CheckpointError(e.what());  // what the callers of a model's file catch
    }
}

ModelCheckpoint loadModel(const std::string& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && TorchScriptModel::looksLike(path)) return TorchScriptModel::load(path);
    return Checkpoint::load(path);
}

}  // namespace latent
