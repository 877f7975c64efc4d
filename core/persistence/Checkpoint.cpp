#include "persistence/Checkpoint.h"

#include "io/SafeFile.h"
#include "io/ArchiveProbe.h"
#include "models/ModelFactory.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace latent {
namespace {

std::map<std::string, torch::Tensor> namedState(AutoencoderImpl& model)
{
    std::map<std::string, torch::Tensor> state;
    for (const auto& p : model.named_parameters(true)) state["param/" + p.key()] = p.value();
    for (const auto& b : model.named_buffers(true)) state["buffer/" + b.key()] = b.value();
    return state;
}

std::string shapeText(const torch::Tensor& t)
{
    std::string s = "[";
    for (int64_t i = 0; i < t.dim(); ++i) s += (i ? "x" : "") + std::to_string(t.size(i));
    return s + "]";
}

// Reads format tag and spec; throws CheckpointError for anything that is not our checkpoint.
ModelSpec readSpec(const std::string& path, torch::serialize::InputArchive& archive)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw CheckpointError(path + ": no such file");
    if (S_ISDIR(st.st_mode)) throw CheckpointError(path + ": is a folder, not a checkpoint");
    auto notAnArchive = [&](const std::string& why) {
        return CheckpointError(path + ": not a Latent Explorer checkpoint (not a readable model archive: " + why +
                               "; the file may be truncated or of another kind)");
    };
    if (const std::string problem = torchArchiveProblem(path, ArchiveContent::PlainValues); !problem.empty()) {
        if (torchArchiveProblem(path, ArchiveContent::ScriptModule).empty())
            throw CheckpointError(path + ": a TorchScript module, not a Latent Explorer checkpoint: it opens for exploring "
                                         "(File > Open, latent-cli grid/eval/...), but is not trained further here");
        throw notAnArchive(problem);
    }
    try {
        archive.load_from(path, torch::kCPU);
    } catch (const std::exception& e) {
        // c10::Error mostly; its text is LibTorch's (file names and line numbers), so only its first line.
        const std::string text = e.what();
        throw notAnArchive(text.substr(0, std::min<size_t>(text.find('\n'), 200)));
    }
    c10::IValue format, specText;
    if (!archive.try_read("format", format) || !format.isString() || format.toStringRef() != Checkpoint::kFormat)
        throw CheckpointError(path + ": a model archive, but not a Latent Explorer checkpoint (no '" + std::string(Checkpoint::kFormat) +
                              "' tag)");
    if (!archive.try_read("spec", specText) || !specText.isString())
        throw CheckpointError(path + ": damaged checkpoint (no model description)");
    try {
        return ModelSpec::fromText(specText.toStringRef());
    } catch (const std::exception& e) {
        throw CheckpointError(path + ": damaged checkpoint (" + e.what() + ")");
    }
}

void readWeights(const std::string& path, torch::serialize::InputArchive& archive, AutoencoderImpl& model)
{
    torch::NoGradGuard noGrad;
    // Read and check everything first, so that a bad file leaves the model untouched.
    std::vector<std::pair<torch::Tensor, torch::Tensor>> staged;
    for (auto& [key, target] : namedState(model)) {
        torch::Tensor stored;
        try {
            if (!archive.try_read(key, stored))
                throw CheckpointError(path + ": holds another model (no weights for '" + key.substr(key.find('/') + 1) + "')");
        } catch (const c10::Error&) {
            throw CheckpointError(path + ": damaged checkpoint (cannot read '" + key + "')");
        }
        if (!stored.sizes().equals(target.sizes()))
            throw CheckpointError(path + ": holds another model ('" + key.substr(key.find('/') + 1) + "' is " + shapeText(stored) +
                                  ", expected " + shapeText(target) + ")");
        if (!torch::isfinite(stored).all().item<bool>())
            throw CheckpointError(path + ": damaged checkpoint (non-finite values in '" + key + "')");
        staged.emplace_back(target, stored);
    }
    for (auto& [target, stored] : staged) target.copy_(stored);
}

// The training state, if the file has one; a damaged one is reported, not half-used.
TrainingState readTrainingState(const std::string& path, torch::serialize::InputArchive& archive)
{
    TrainingState state;
    c10::IValue names;
    try {
        if (archive.try_read("train/optimizer_names", names) && names.isString()) {
            std::istringstream lines(names.toStringRef());
            for (std::string key; std::getline(lines, key);) {
                torch::Tensor t;
                if (!archive.try_read("train/optimizer/" + key, t))
                    throw CheckpointError(path + ": damaged checkpoint (no optimiser state '" + key + "')");
                state.optimizer[key] = t;
            }
        }
        torch::Tensor generator;
        if (archive.try_read("train/generator", generator)) state.generator = generator;
    } catch (const c10::Error&) {
        throw CheckpointError(path + ": damaged checkpoint (cannot read its training state)");
    }
    return state;
}

// The history as four tensors: the loss points [n x 8] (float64), the replayed digits (int32), each
// snapshot's epoch (float64) and their codes [snapshots x digits x dim] (float16; read as float).
void writeHistory(torch::serialize::OutputArchive& archive, const TrainingHistory& h)
{
    if (!h.losses.empty()) {
        torch::Tensor l = torch::empty({int64_t(h.losses.size()), 8}, torch::kFloat64);
        auto a = l.accessor<double, 2>();
        for (size_t i = 0; i < h.losses.size(); ++i) {
            const TrainingHistory::LossPoint& p = h.losses[i];
            const double row[8] = {p.test ? 1.0 : 0.0, double(p.epoch), p.step, p.total, p.reconstruction, p.kl,
                                   p.discriminator,    p.generator};
            for (int k = 0; k < 8; ++k) a[int64_t(i)][k] = row[k];
        }
        archive.write("history/losses", l, /*is_buffer=*/true);
    }
    const int64_t n = int64_t(h.digits.size()), s = int64_t(h.snapshots.size());
    if (s == 0 || n == 0 || h.dim <= 0) return;
    archive.write("history/digits", torch::tensor(std::vector<int32_t>(h.digits), torch::kInt32), true);
    torch::Tensor epochs = torch::empty({s}, torch::kFloat64), codes = torch::empty({s, n, int64_t(h.dim)}, torch::kFloat32);
    for (int64_t i = 0; i < s; ++i) {
        const TrainingHistory::MapSnapshot& snap = h.snapshots[size_t(i)];
        if (int64_t(snap.codes.size()) != n * h.dim) throw CheckpointError("a map snapshot has the wrong size");
        epochs[i] = snap.epoch;
        std::copy(snap.codes.begin(), snap.codes.end(), codes[i].data_ptr<float>());
    }
    archive.write("history/snapshot_epochs", epochs, true);
    // float16: the replay draws these, it never computes with them; halves a 40-epoch map's 700 KB.
    archive.write("history/snapshots", codes.to(torch::kHalf), true);
}

// The history, if the file has one; a damaged one is reported, not half-used.
TrainingHistory readHistory(const std::string& path, torch::serialize::InputArchive& archive)
{
    TrainingHistory h;
    try {
        torch::Tensor losses;
        if (archive.try_read("history/losses", losses)) {
            if (losses.dim() != 2 || losses.size(1) != 8) throw CheckpointError(path + ": damaged checkpoint (its loss history)");
            const torch::Tensor l = losses.to(torch::kFloat64).contiguous();
            auto a = l.accessor<double, 2>();
            for (int64_t i = 0; i < l.size(0); ++i)
                h.losses.push_back({a[i][0] != 0, int(a[i][1]), a[i][2], a[i][3], a[i][4], a[i][5], a[i][6], a[i][7]});
        }
        torch::Tensor digits, epochs, codes;
        if (archive.try_read("history/digits", digits)) {
            if (!archive.try_read("history/snapshot_epochs", epochs) || !archive.try_read("history/snapshots", codes) || codes.dim() != 3 ||
                codes.size(0) != epochs.numel() || codes.size(1) != digits.numel())
                throw CheckpointError(path + ": damaged checkpoint (its map history)");
            const torch::Tensor d = digits.to(torch::kInt32).contiguous();
            h.digits.assign(d.data_ptr<int32_t>(), d.data_ptr<int32_t>() + d.numel());
            h.dim = int(codes.size(2));
            const torch::Tensor c = codes.to(torch::kFloat32).contiguous(), e = epochs.to(torch::kFloat64).contiguous();
            for (int64_t i = 0; i < c.size(0); ++i)
                h.snapshots.push_back(
                    {e.data_ptr<double>()[i], std::vector<float>(c[i].data_ptr<float>(), c[i].data_ptr<float>() + c[i].numel())});
        }
    } catch (const c10::Error&) {
        throw CheckpointError(path + ": damaged checkpoint (cannot read its history)");
    }
    return h;
}

}  // namespace

void Checkpoint::save(const std::string& path, const ModelSpec& spec, AutoencoderImpl& model, const TrainingState& training,
                      const TrainingHistory& history)
{
    torch::serialize::OutputArchive archive;
    archive.write("format", c10::IValue(std::string(kFormat)));
    archive.write("spec", c10::IValue(spec.toText()));
    for (auto& [key, t] : namedState(model)) archive.write(key, t.detach().to(torch::kCPU), key.rfind("buffer/", 0) == 0);
    // The optimiser's names, as one string, so that loading knows what to look for.
    std::string names;
    for (const auto& [key, t] : training.optimizer) {
        names += key + "\n";
        archive.write("train/optimizer/" + key, t.detach().to(torch::kCPU), /*is_buffer=*/true);
    }
    if (!training.optimizer.empty()) archive.write("train/optimizer_names", c10::IValue(names));
    if (training.generator.defined()) archive.write("train/generator", training.generator, /*is_buffer=*/true);
    writeHistory(archive, history);
    // The archive is made in memory and written here: LibTorch's file writer throws from its
    // destructor when a write fails (a full disk, a file-size limit), which ends the process.
    std::ostringstream bytes;
    try {
        archive.save_to(bytes);
    } catch (const c10::Error& e) {
        throw CheckpointError(path + ": cannot write checkpoint (" + e.what_without_backtrace() + ")");
    }
    try {
        writeFileSafely(path, bytes.str(), "checkpoint");
    } catch (const FileWriteError& e) {
        throw CheckpointError(e.what());  // what the callers of a model's file catch
    }
}

ModelCheckpoint Checkpoint::load(const std::string& path, std::optional<ModelKind> expectedKind)
{
    torch::serialize::InputArchive archive;
    ModelCheckpoint out;
    out.spec = readSpec(path, archive);
    if (expectedKind && *expectedKind != out.spec.kind)
        throw CheckpointError(path + ": holds a '" + toString(out.spec.kind) + "' model, but a '" + toString(*expectedKind) +
                              "' model is needed here");
    try {
        out.model = makeModel(out.spec);
    } catch (const std::exception& e) {
        throw CheckpointError(path + ": damaged checkpoint (" + e.what() + ")");
    }
    readWeights(path, archive, *out.model);
    out.training = readTrainingState(path, archive);
    out.history = readHistory(path, archive);
    out.model->eval();
    return out;
}

void Checkpoint::loadInto(const std::string& path, const ModelSpec& spec, AutoencoderImpl& model)
{
    torch::serialize::InputArchive archive;
    ModelSpec stored = readSpec(path, archive);
    if (stored.kind != spec.kind || stored.arch != spec.arch || stored.codeSize() != spec.codeSize())
        throw CheckpointError(path + ": holds another model (" + stored.describe() + "), expected " + spec.describe());
    readWeights(path, archive, model);
}

}  // namespace latent
