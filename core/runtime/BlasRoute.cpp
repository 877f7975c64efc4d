// LibTorch (Debian's, and any built against a system BLAS) does its fp32 matrix products, the
// im2col products of its convolutions included, through the Fortran sgemm_ of libblas.so.3. This
// definition, exported from each executable (see core/CMakeLists.txt), comes first in the dynamic
// linker's search, so those calls reach oneDNN's GEMM instead when the process has it: on this
// AVX-512 CPU, OpenBLAS 0.3.21 runs its Haswell (AVX2) kernels at about half the speed (docs/PERFORMANCE.md,
// "Speed"). Without oneDNN, or for arguments it refuses, the call goes on to the next sgemm_,
// the system BLAS's. LATENT_GEMM=torch and the reference paths (FastPaths.h) turn the route off.
// Only sgemm_ is defined here: LAPACK (linalg::eigh in the PCA), the double-precision BLAS and
// OpenBLAS's own internal calls do not go through it (tst_reference checks the PCA's eigh).
#include "runtime/Gemm.h"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>

namespace {

using FortranSgemm = void (*)(const char*, const char*, const int*, const int*, const int*, const float*, const float*, const int*,
                              const float*, const int*, const float*, float*, const int*);

FortranSgemm systemSgemm()
{
    static const FortranSgemm f = reinterpret_cast<FortranSgemm>(dlsym(RTLD_NEXT, "sgemm_"));
    return f;
}

char transposeFlag(char t) { return (t == 'n' || t == 'N') ? 'N' : 'T'; }  // 'C' on real data is 'T'

}  // namespace

extern "C" __attribute__((visibility("default"))) void sgemm_(const char* transa, const char* transb, const int* m, const int* n,
                                                              const int* k, const float* alpha, const float* a, const int* lda,
                                                              const float* b, const int* ldb, const float* beta, float* c, const int* ldc)
{
    // Column-major C = op(A) op(B) is row-major C^T = op(B)^T op(A)^T: the same memory, operands swapped.
    if (latent::Gemm::rowMajorSgemm(transposeFlag(*transb), transposeFlag(*transa), *n, *m, *k, *alpha, b, *ldb, a, *lda, *beta, c, *ldc))
        return;
    if (const FortranSgemm next = systemSgemm()) return next(transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    std::fprintf(stderr, "latent: no BLAS sgemm_ found after oneDNN's was refused\n");
    std::abort();
}
