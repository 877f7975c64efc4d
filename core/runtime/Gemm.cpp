#include "runtime/Gemm.h"

#include "runtime/FastPaths.h"

#include <dlfcn.h>

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace {
// Products oneDNN's fp32 GEMM has done, for tests that check the route (Gemm::oneDnnProductCount).
std::atomic<int64_t> oneDnnProducts{0};
}  // namespace

namespace latent {

namespace {

// oneDNN's C API (dnnl.h is only in Debian's -dev package): row-major C = alpha * op(A) op(B) +
// beta * C, transa/transb 'N' or 'T'; returns dnnl_success (0). The bf16 one takes uint16 operands.
using SgemmFn = int (*)(char, char, int64_t, int64_t, int64_t, float, const float*, int64_t, const float*, int64_t, float, float*, int64_t);
using Bf16GemmFn = int (*)(char, char, int64_t, int64_t, int64_t, float, const void*, int64_t, const void*, int64_t, float, float*,
                           int64_t);

bool oneDnnWanted()
{
    const char* choice = std::getenv("LATENT_GEMM");
    return !(choice && std::strcmp(choice, "torch") == 0);
}

// Already loaded with LibTorch when it links oneDNN as a shared library; a LibTorch with oneDNN
// linked in statically hides the symbols, and the torch::mm path is used.
template <typename Fn>
Fn lookUp(const char* name)
{
    return oneDnnWanted() ? reinterpret_cast<Fn>(dlsym(RTLD_DEFAULT, name)) : nullptr;
}

// Null with the reference paths on (FastPaths.h): every product then goes to torch::mm and the
// system BLAS.
SgemmFn sgemm()
{
    static const SgemmFn f = lookUp<SgemmFn>("dnnl_sgemm");
    return referencePaths() ? nullptr : f;
}

Bf16GemmFn bf16gemm()
{
    static const Bf16GemmFn f = lookUp<Bf16GemmFn>("dnnl_gemm_bf16bf16f32");
    return referencePaths() ? nullptr : f;
}

// The BLAS view of a 2-D matrix: 'N' with its row stride, 'T' for the transpose of a contiguous
// matrix, 0 for anything else.
char layout(const torch::Tensor& m, int64_t& ld)
{
    if (m.dim() != 2 || !m.device().is_cpu()) return 0;
    if (m.stride(1) == 1 && m.stride(0) >= std::max<int64_t>(1, m.size(1))) {
        ld = m.stride(0);
        return 'N';
    }
    if (m.stride(0) == 1 && m.stride(1) >= std::max<int64_t>(1, m.size(0))) {
        ld = m.stride(1);
        return 'T';
    }
    return 0;
}

void torchProduct(torch::Tensor& out, const torch::Tensor& a, const torch::Tensor& b, float beta)
{
    torch::NoGradGuard g;
    const torch::Tensor fa = a.to(torch::kFloat32), fb = b.to(torch::kFloat32);
    if (beta == 0.f)
        torch::mm_out(out, fa, fb);
    else
        out.mul_(beta).addmm_(fa, fb);
}

}  // namespace

bool Gemm::usesOneDnn() { return sgemm() != nullptr; }

bool Gemm::rowMajorBf16(char transa, char transb, int64_t m, int64_t n, int64_t k, float alpha, const uint16_t* a, int64_t lda,
                        const uint16_t* b, int64_t ldb, float beta, float* c, int64_t ldc)
{
    const Bf16GemmFn f = bf16gemm();
    return f && f(transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) == 0;
}

bool Gemm::rowMajorSgemm(char transa, char transb, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
                         const float* b, int64_t ldb, float beta, float* c, int64_t ldc)
{
    const SgemmFn f = sgemm();
    const bool done = f && f(transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) == 0;
    if (done) oneDnnProducts.fetch_add(1, std::memory_order_relaxed);
    return done;
}

int64_t Gemm::oneDnnProductCount() { return oneDnnProducts.load(std::memory_order_relaxed); }

bool Gemm::hasNativeBf16()
{
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
    static const bool cpu = __builtin_cpu_supports("avx512bf16");
    return cpu && bf16gemm() != nullptr;
#else
    return false;
#endif
}

std::string Gemm::describe()
{
    if (!usesOneDnn()) return "torch::mm";
    return std::string("oneDNN sgemm") + (hasNativeBf16() ? ", bf16 GEMM (AVX512-BF16)" : "");
}

void Gemm::mm(torch::Tensor& out, const torch::Tensor& a, const torch::Tensor& b, float beta)
{
    if (out.dim() == 2 && !out.is_contiguous() && out.t().is_contiguous()) {  // a weight gradient kept transposed
        torch::Tensor outT = out.t();
        mm(outT, b.t(), a.t(), beta);
        return;
    }
    int64_t lda = 0, ldb = 0;
    const char ta = layout(a, lda), tb = layout(b, ldb);
    const bool shapesFit = ta && tb && out.is_contiguous() && out.scalar_type() == torch::kFloat32 && out.dim() == 2 &&
                           out.size(0) == a.size(0) && out.size(1) == b.size(1) && a.size(1) == b.size(0) && a.size(1) > 0 &&
                           out.numel() > 0 && a.scalar_type() == b.scalar_type();
    int rc = -1;
    if (shapesFit && a.scalar_type() == torch::kFloat32 && sgemm())
        rc = sgemm()(ta, tb, a.size(0), b.size(1), a.size(1), 1.f, a.data_ptr<float>(), lda, b.data_ptr<float>(), ldb, beta,
                     out.data_ptr<float>(), out.size(1));
    else if (shapesFit && a.scalar_type() == torch::kBFloat16 && bf16gemm())
        rc = bf16gemm()(ta, tb, a.size(0), b.size(1), a.size(1), 1.f, a.data_ptr(), lda, b.data_ptr(), ldb, beta, out.data_ptr<float>(),
                        out.size(1));
    if (rc != 0) torchProduct(out, a, b, beta);  // nothing was written when oneDNN refused
}

void Gemm::addmm(torch::Tensor& out, const torch::Tensor& bias, const torch::Tensor& a, const torch::Tensor& b)
{
    {
        torch::NoGradGuard g;
        out.copy_(bias.expand_as(out));
    }
    mm(out, a, b, 1.f);
}

}  // namespace latent
