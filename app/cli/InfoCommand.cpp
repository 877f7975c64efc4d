#include "CliSupport.h"
#include "Commands.h"
#include "JsonWriter.h"
#include "LatentVersion.h"
#include "data/DatasetLocator.h"
#include "runtime/ComputeDevice.h"
#include "runtime/RuntimeInfo.h"

#include <iostream>

using namespace latent;
using namespace cli;

int cmdInfo(const std::vector<std::string>& args)
{
    ArgParser p("info", "Print versions, the BLAS in use, thread counts, whether the fast paths are on and the devices\n"
                        "--device can name.");
    p.flag("json", "print one JSON object on stdout");
    if (!parseWithThreads(p, args)) return 0;
    // Touch BLAS once so that a lazily started OpenBLAS reports its real thread count.
    (void)torch::mm(torch::ones({64, 64}), torch::ones({64, 64})).sum().item<float>();
    const RuntimeInfo r = RuntimeInfo::current();
    const std::vector<ComputeDeviceInfo> devices = computeDevices();
    std::string deviceNames, deviceLines;
    for (const ComputeDeviceInfo& d : devices) {
        deviceNames += (deviceNames.empty() ? "" : ",") + d.name;
        deviceLines += (deviceLines.empty() ? "" : "\n                ") + d.name + " (" + d.description + ")";
    }
    if (p.isSet("json")) {
        JsonWriter j;
        j.add("torch", r.torchVersion)
            .add("blas", r.blasName)
            .add("blas_library", r.blasLibrary)
            .add("blas_config", r.blasConfig)
            .add("blas_threads", r.blasThreads)
            .add("products", r.products)
            .addBool("reference", r.reference)
            .add("fast_paths", r.fastPaths)
            .add("torch_threads", r.torchThreads)
            .add("torch_interop_threads", r.torchInteropThreads)
            .add("hardware_threads", int64_t(r.hardwareThreads))
            .add("data_root", DatasetLocator::dataRoot())
            .add("devices", deviceNames)
            .add("default_device", resolveDevice("auto"));
        std::cout << j.str() << std::endl;
    } else {
        std::cout << "latent-cli " << LATENT_VERSION << "\n"
                  << "LibTorch        " << r.torchVersion << "\n"
                  << "BLAS            " << r.blasName << "\n"
                  << "BLAS library    " << r.blasLibrary << "\n";
        if (!r.blasConfig.empty()) std::cout << "BLAS config     " << r.blasConfig << "\n";
        std::cout << "BLAS threads    " << r.blasThreads << "\n"
                  << "products        " << r.products << "\n"
                  << "fast paths      " << r.fastPaths << "\n"
                  << "torch threads   " << r.torchThreads << " intra-op, " << r.torchInteropThreads << " inter-op\n"
                  << "hardware        " << r.hardwareThreads << " threads\n"
                  << "devices         " << deviceLines << "\n"
                  << "--device auto   " << resolveDevice("auto") << "\n"
                  << "data root       " << DatasetLocator::dataRoot() << "\n";
    }
    return 0;
}
