#pragma once
#include <string>

namespace latent {

// What the numbers depend on: library versions, the BLAS actually loaded, thread counts.
struct RuntimeInfo {
    std::string torchVersion;
    std::string blasLibrary;  // resolved path of the loaded libblas (e.g. .../openblas-openmp/libblas.so.3)
    std::string blasName;     // "OpenBLAS (openmp)", "reference BLAS", ...
    std::string blasConfig;   // openblas_get_config() where available
    int blasThreads = -1;     // openblas_get_num_threads() where available
    std::string products;     // the training step's and decoders' matrix products (Gemm::describe)
    bool reference = false;   // the reference paths are on (FastPaths.h)
    std::string fastPaths;    // describeFastPaths()
    int torchThreads = 0, torchInteropThreads = 0;
    unsigned hardwareThreads = 0;

    static RuntimeInfo current();
    std::string summary() const;  // one line
};

// Sets LibTorch's intra-op threads (the OpenMP pool that OpenBLAS-openmp shares) and one inter-op
// thread. Call before any other torch work: the inter-op count can only be set once.
void configureThreads(int threads);

// Keeps freed tensor buffers in the heap for reuse instead of handing them back to the system
// after every step: glibc returns blocks over its mmap threshold at once and trims the top of the
// heap, so each training step page-faulted its im2col and activation buffers in again. Measured
// (MNIST, 1 epoch, 2 cores, medians of 3 alternating runs): ae 2.9k -> 4.4k samples/s, sr 1.5k ->
// 2.1k, dae 1.5k -> 2.0k, conv VAE 1.1k -> 1.4k; the MLP models are unchanged. The price:
// resident memory stays at its peak instead of shrinking back. Call once, at start-up; glibc only.
void keepFreedMemoryForReuse();

}  // namespace latent
