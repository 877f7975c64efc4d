#pragma once
#include <string>

namespace latent {

// What the numbers depend on: library versions, the BLAS actually loaded, thread counts.
struct RuntimeInfo {
    std::string torchVersion;
    std::string blasLibrary;     // resolved path of the loaded libblas (e.g. .../openblas-openmp/libblas.so.3)
    std::string blasName;        // "OpenBLAS (openmp)", "reference BLAS", ...
    std::string blasConfig;      // openblas_get_config() where available
    int blasThreads = -1;        // openblas_get_num_threads() where available
    int torchThreads = 0, torchInteropThreads = 0;
    unsigned hardwareThreads = 0;

    static RuntimeInfo current();
    std::string summary() const;  // one line
};

// Sets LibTorch's intra-op threads (the OpenMP pool that OpenBLAS-openmp shares) and one inter-op
// thread. Call before any other torch work: the inter-op count can only be set once.
void configureThreads(int threads);

}  // namespace latent
