#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace latent {

// Where a command computes: the CPU or a CUDA GPU. Debian's LibTorch has no CUDA, so there the only
// device is the CPU; a build against PyTorch's CUDA LibTorch (README, "Building against PyTorch's
// LibTorch") sees the GPUs. Checkpoints are written from CPU copies and read onto the CPU, so a
// file saved from a GPU run opens on any build (persistence/Checkpoint). Without torch in its header: the
// window's form lists the devices too (runtime/TorchDevice.h has the torch side).
class DeviceUnavailable : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct ComputeDeviceInfo {
    std::string name;         // "cpu", "cuda:0", ...: what --device takes
    std::string description;  // "CPU, 2 threads", "CUDA device 0"
};

// The CPU first, then every CUDA device this LibTorch sees.
std::vector<ComputeDeviceInfo> computeDevices();
// Whether this LibTorch can compute on a GPU here (a CUDA build and at least one device).
bool hasGpu();
// A --device choice ("auto", "cpu", "cuda", "cuda:N") made into a device name ("cpu", "cuda:0"):
// auto takes the first GPU when there is one, else the CPU. Throws std::invalid_argument for a
// choice that is none of those, DeviceUnavailable (with what to do instead) for a GPU this build
// or this machine does not have.
std::string resolveDevice(const std::string& choice);

}  // namespace latent
