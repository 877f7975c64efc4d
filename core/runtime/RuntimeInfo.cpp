#include "runtime/RuntimeInfo.h"

#include "runtime/FastPaths.h"
#include "runtime/Gemm.h"
#include "runtime/ThreadGovernor.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <ATen/Parallel.h>
#include <torch/version.h>

#include <climits>
#include <cstdlib>
#include <fstream>
#include <thread>

extern "C" {
// Present only when OpenBLAS is the loaded BLAS; weak so that any BLAS links.
char* openblas_get_config(void) __attribute__((weak));
int openblas_get_num_threads(void) __attribute__((weak));
}

namespace latent {

RuntimeInfo RuntimeInfo::current()
{
    RuntimeInfo r;
    r.torchVersion = TORCH_VERSION;
    r.torchThreads = at::get_num_threads();
    r.torchInteropThreads = at::get_num_interop_threads();
    r.hardwareThreads = std::thread::hardware_concurrency();
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        const auto slash = line.find('/');
        if (slash == std::string::npos) continue;
        const std::string path = line.substr(slash);
        if (path.find("libblas.so") != std::string::npos || path.find("libopenblas") != std::string::npos ||
            path.find("libmkl_rt") != std::string::npos) {
            char resolved[PATH_MAX];
            r.blasLibrary = realpath(path.c_str(), resolved) ? resolved : path;
            if (path.find("libblas.so") != std::string::npos) break;  // prefer the one libtorch links
        }
    }
    if (openblas_get_config) {
        r.blasConfig = openblas_get_config();
        r.blasThreads = openblas_get_num_threads ? openblas_get_num_threads() : -1;
    }
    const std::string& p = r.blasLibrary;
    if (p.find("openblas-openmp") != std::string::npos)
        r.blasName = "OpenBLAS (openmp)";
    else if (p.find("openblas-pthread") != std::string::npos)
        r.blasName = "OpenBLAS (pthread)";
    else if (p.find("openblas-serial") != std::string::npos)
        r.blasName = "OpenBLAS (serial)";
    else if (p.find("openblas") != std::string::npos || openblas_get_config)
        r.blasName = "OpenBLAS";
    else if (p.find("/blas/") != std::string::npos)
        r.blasName = "reference BLAS (slow: install libopenblas0-openmp)";
    else if (p.find("mkl") != std::string::npos)
        r.blasName = "MKL";
    else if (p.find("atlas") != std::string::npos)
        r.blasName = "ATLAS";
    else
        r.blasName = p.empty() ? "none loaded" : "unknown";
    r.products = Gemm::describe();
    r.reference = referencePaths();
    r.fastPaths = describeFastPaths();
    return r;
}

std::string RuntimeInfo::summary() const
{
    std::string s = "LibTorch " + torchVersion + ", BLAS: " + blasName + ", torch threads " + std::to_string(torchThreads);
    if (blasThreads >= 0) s += ", BLAS threads " + std::to_string(blasThreads);
    s += ", products: " + products;
    if (reference) s += ", reference paths (LATENT_REFERENCE)";
    return s;
}

void keepFreedMemoryForReuse()
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);  // the most glibc accepts on 64-bit
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
#endif
}

void configureThreads(int threads)
{
    if (threads < 1) threads = ThreadGovernor::defaultThreads();
    static bool interopSet = false;
    if (!interopSet) {
        try {
            at::set_num_interop_threads(1);
        } catch (const std::exception&) {
            // Already started by earlier torch work; harmless.
        }
        interopSet = true;
    }
    at::set_num_threads(threads);
}

}  // namespace latent
