#include "CliSupport.h"

#include "analysis/Generation.h"
#include "data/DatasetLocator.h"
#include "models/ModelInput.h"
#include "persistence/TorchScriptModel.h"
#include "models/ModelCatalog.h"
#include "runtime/ComputeDevice.h"
#include "runtime/TorchDevice.h"
#include "runtime/RuntimeInfo.h"

#include <iostream>

using namespace latent;

namespace cli {

void addThreadsOption(ArgParser& p)
{
    p.option("threads", "N", "torch/OpenBLAS threads (0: one per core; training: fewer while other processes hold cores)", "0");
}

void setThreads(const ArgParser& p) { configureThreads(p.integer("threads", 0, 256)); }

torch::Tensor toImage(const torch::Tensor& img01) { return img01.mul(255.0).round().clamp(0, 255).to(torch::kUInt8); }

bool parseOrHelp(ArgParser& p, const std::vector<std::string>& args)
{
    if (p.parse(args)) return true;
    std::cout << p.help();
    return false;
}

bool parseWithThreads(ArgParser& p, const std::vector<std::string>& args)
{
    addThreadsOption(p);
    if (!parseOrHelp(p, args)) return false;
    setThreads(p);
    return true;
}

void addDeviceOption(ArgParser& p)
{
    p.option("device", "auto|cpu|cuda|cuda:N", "where to compute (auto: the first GPU when this build of LibTorch has one, else the CPU)",
             "auto");
}

bool parseWithDevice(ArgParser& p, const std::vector<std::string>& args)
{
    addDeviceOption(p);
    return parseWithThreads(p, args);
}

std::string deviceFor(const ArgParser& p)
{
    try {
        return resolveDevice(p.str("device"));
    } catch (const std::exception& e) {  // std::invalid_argument, DeviceUnavailable
        throw UsageError(p.command() + ": --device: " + e.what());
    }
}

void moveToDevice(const ArgParser& p, ModelCheckpoint& m)
{
    if (!p.declares("device")) return;
    const std::string device = deviceFor(p);
    if (m.spec.isTorchScript()) {
        if (device != "cpu" && p.given("device"))
            throw UsageError(p.command() + ": --device " + device + ": a TorchScript module runs on the CPU here (use --device cpu)");
        return;
    }
    m.model->to(torchDevice(device));
}

ModelCheckpoint loadModel(const ArgParser& p)
{
    ModelCheckpoint m = latent::loadModel(p.str("model"));
    moveToDevice(p, m);
    return m;
}

std::string dataFor(const ArgParser& p, const ModelSpec& spec)
{
    if (p.has("data")) return p.str("data");
    if (!spec.dataset.empty()) return spec.dataset;
    if (spec.isTorchScript()) return "mnist";  // its interface is MNIST's digits
    throw UsageError("--data is required (the checkpoint does not name its dataset)");
}

void requireLatent(const ModelCheckpoint& m)
{
    if (!m.spec.hasLatent())
        throw std::runtime_error(std::string("a ") + ModelCatalog::info(m.spec.kind).title + " (" + m.spec.describe() +
                                 ") has no latent space");
}

void requireLowDimLatent(const ModelCheckpoint& m)
{
    requireLatent(m);
    if (m.spec.latentDim == 0)
        throw std::runtime_error("this model (" + m.spec.describe() + ") has no low-dimensional latent space to decode from");
}

int digitFor(const ArgParser& p, const ModelCheckpoint& m)
{
    if (!m.spec.isConditional()) {
        if (p.has("digit"))
            std::cerr << "latent-cli " << p.command() << ": --digit ignored: " << ModelCatalog::info(m.spec.kind).name
                      << " is not a conditional model\n";
        return -1;
    }
    if (!p.has("digit"))
        throw UsageError(p.command() + ": a " + ModelCatalog::info(m.spec.kind).title + " draws the digit it is given: add --digit D (0-" +
                         std::to_string(kDigitClasses - 1) + ")");
    return p.integer("digit", 0, kDigitClasses - 1);
}

torch::Tensor codeOfTestImage(const ArgParser& p, ModelCheckpoint& m, int index)
{
    const DatasetSplits data = DatasetLocator::load(dataFor(p, m.spec));
    if (index < 0 || index >= data.test.size())
        throw UsageError(p.command() + ": the test split has " + std::to_string(data.test.size()) + " images; index " +
                         std::to_string(index) + " is out of range");
    torch::NoGradGuard noGrad;
    m.model->eval();
    const torch::Tensor row = torch::tensor({int64_t(index)});
    const torch::Device device = deviceOf(*m.model);
    return m.model
        ->encode(modelInput(m.spec, data.test.batch(row)).to(device), data.test.labels.index_select(0, row).to(device, torch::kLong))
        .mean.reshape({-1})
        .cpu();
}

}  // namespace cli
