#include "runtime/ComputeDevice.h"

#include "runtime/TorchDevice.h"

#include <torch/cuda.h>

#include <optional>

namespace latent {

namespace {
int64_t gpuCount() { return torch::cuda::is_available() ? int64_t(torch::cuda::device_count()) : 0; }

std::string gpuList(int64_t count)
{
    std::string s;
    for (int64_t i = 0; i < count; ++i) s += (i ? ", cuda:" : "cuda:") + std::to_string(i);
    return s;
}
}  // namespace

std::vector<ComputeDeviceInfo> computeDevices()
{
    std::vector<ComputeDeviceInfo> out{{"cpu", "CPU, " + std::to_string(at::get_num_threads()) + " threads"}};
    for (int64_t i = 0, n = gpuCount(); i < n; ++i) out.push_back({"cuda:" + std::to_string(i), "CUDA device " + std::to_string(i)});
    return out;
}

bool hasGpu() { return gpuCount() > 0; }

std::string resolveDevice(const std::string& choice)
{
    if (choice == "cpu") return "cpu";
    const int64_t gpus = gpuCount();
    if (choice == "auto") return gpus > 0 ? "cuda:0" : "cpu";
    int64_t index = -1;
    if (choice == "cuda")
        index = 0;
    else if (choice.rfind("cuda:", 0) == 0 && choice.size() > 5 && choice.size() <= 8 &&
             choice.find_first_not_of("0123456789", 5) == std::string::npos)
        index = std::stoll(choice.substr(5));
    else
        throw std::invalid_argument("unknown device '" + choice + "' (auto, cpu, cuda or cuda:N)");
    if (!torch::cuda::is_available())
        throw DeviceUnavailable(choice + ": this build's LibTorch (" + std::string(TORCH_VERSION) +
                                ") has no CUDA or sees no GPU; use --device cpu, or build against PyTorch's CUDA LibTorch (README)");
    if (index >= gpus)
        throw DeviceUnavailable(choice + ": this machine has " + std::to_string(gpus) + " CUDA device" + (gpus == 1 ? "" : "s") + " (" +
                                gpuList(gpus) + ")");
    return "cuda:" + std::to_string(index);
}

torch::Device torchDevice(const std::string& resolvedName) { return torch::Device(resolvedName); }

namespace {
// The first weight or buffer depth-first, without the recursive parameters() (which names every
// weight in strings: a microsecond or two on every drag decode, which asks this).
std::optional<torch::Device> firstTensorDevice(const torch::nn::Module& module)
{
    for (const auto& p : module.parameters(/*recurse=*/false)) return p.device();
    for (const auto& b : module.buffers(/*recurse=*/false)) return b.device();
    for (const auto& child : module.children())
        if (const auto d = firstTensorDevice(*child)) return d;
    return std::nullopt;
}
}  // namespace

torch::Device deviceOf(const torch::nn::Module& module) { return firstTensorDevice(module).value_or(torch::Device(torch::kCPU)); }

}  // namespace latent
