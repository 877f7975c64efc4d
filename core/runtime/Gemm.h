#pragma once
#include "runtime/TorchHeaders.h"

#include <string>

namespace latent {

// Matrix products for the hand-written training step and the decode paths, through oneDNN's GEMM
// when the process has it (Debian's LibTorch links libdnnl.so.2). On this AVX-512 CPU its fp32
// kernels run at about twice the speed of the OpenBLAS kernels behind torch::mm, and its bf16
// kernels (bf16 operands, fp32 accumulation and result) twice that again (docs/PERFORMANCE.md, "Speed").
// Without oneDNN, or for layouts it does not take, the products are torch::mm's. LibTorch's own
// fp32 products (Linear, the convolutions' im2col products) come here too (BlasRoute.cpp).
class Gemm {
public:
    // out = a @ b (beta 0) or out = beta * out + a @ b. a and b: 2-D, both float or both bfloat16
    // (summed in float), each contiguous or the transpose of a contiguous matrix (t() of one);
    // out: float [a.rows, b.cols], contiguous or the transpose of a contiguous matrix.
    static void mm(torch::Tensor& out, const torch::Tensor& a, const torch::Tensor& b, float beta = 0.f);
    // out = bias (one row, repeated) + a @ b.
    static void addmm(torch::Tensor& out, const torch::Tensor& bias, const torch::Tensor& a, const torch::Tensor& b);

    // Row-major C = alpha * op(A) op(B) + beta * C through oneDNN's fp32 GEMM; false (nothing
    // written) without it or when it refuses the arguments. BlasRoute.cpp sends LibTorch's BLAS calls here.
    static bool rowMajorSgemm(char transa, char transb, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
                              const float* b, int64_t ldb, float beta, float* c, int64_t ldc);

    // The same with bf16 operands (raw bf16 bit patterns) summed in float; false without oneDNN's bf16 GEMM.
    static bool rowMajorBf16(char transa, char transb, int64_t m, int64_t n, int64_t k, float alpha, const uint16_t* a, int64_t lda,
                             const uint16_t* b, int64_t ldb, float beta, float* c, int64_t ldc);

    // How many products oneDNN's fp32 GEMM has done in this process (rowMajorSgemm's that it took):
    // tests see from it which route a product took, where the two routes may round alike.
    static int64_t oneDnnProductCount();
    // oneDNN's fp32 GEMM is in use (LATENT_GEMM=torch in the environment turns it off, for comparisons).
    static bool usesOneDnn();
    // bf16 products run natively: oneDNN's bf16 GEMM is there and the CPU has AVX512-BF16.
    static bool hasNativeBf16();
    // "oneDNN sgemm, bf16 (AVX512-BF16)" and the like, for `latent-cli info`.
    static std::string describe();
};

}  // namespace latent
