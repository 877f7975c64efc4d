#include "kernels/SparseInput.h"

#include "kernels/KernelSupport.h"

#include <algorithm>
#include <cstring>

namespace latent {
namespace {

// Columns are done in blocks of 64 whose sums stay in vector registers while the non-zeros
// stream past. Written with GCC vector types: from plain loops GCC vectorised only the last
// non-zero of each block and did the rest one float at a time.
typedef float Vec16 __attribute__((vector_size(64)));
constexpr int64_t kBlock = 64;

inline Vec16 load16(const float* p)
{
    Vec16 v;
    std::memcpy(&v, p, sizeof v);  // unaligned load
    return v;
}
inline void store16(float* p, Vec16 v) { std::memcpy(p, &v, sizeof v); }

// For each list r in [r0, r1): out[r * outStride + i0 ..+64) = init[i0 ..+64) (or 0) +
// sum over k in [start[r], start[r+1]) of values[k] * src[index[k] * srcStride + i0 ..+64).
// One 64-wide column block at a time: its slice of src (784 x 256 bytes for the first layer's
// weight) stays in L2 while every list streams over it; whole rows of src did not fit and left the
// products waiting on L3. Compiled for AVX-512, AVX2 and baseline x86-64 (LATENT_KERNEL_VARIANTS).
LATENT_INLINE void gatherBlockBody(float* __restrict out, int64_t outStride, const float* __restrict init, const float* __restrict src,
                                   int64_t srcStride, const int32_t* __restrict index, const float* __restrict values,
                                   const int64_t* __restrict start, int64_t r0, int64_t r1, int64_t i0)
{
    Vec16 b0 = {}, b1 = {}, b2 = {}, b3 = {};
    if (init) {
        b0 = load16(init + i0);
        b1 = load16(init + i0 + 16);
        b2 = load16(init + i0 + 32);
        b3 = load16(init + i0 + 48);
    }
    for (int64_t r = r0; r < r1; ++r) {
        // Two sets of sums, for alternate non-zeros: one set would wait on its own previous
        // multiply-add (latency 4) every time.
        Vec16 a0 = b0, a1 = b1, a2 = b2, a3 = b3, c0 = {}, c1 = {}, c2 = {}, c3 = {};
        int64_t k = start[r];
        const int64_t kEnd = start[r + 1];
        for (; k + 1 < kEnd; k += 2) {
            const Vec16 v = Vec16{} + values[k], w = Vec16{} + values[k + 1];
            const float* s = src + int64_t(index[k]) * srcStride + i0;
            const float* t = src + int64_t(index[k + 1]) * srcStride + i0;
            a0 += v * load16(s);
            a1 += v * load16(s + 16);
            a2 += v * load16(s + 32);
            a3 += v * load16(s + 48);
            c0 += w * load16(t);
            c1 += w * load16(t + 16);
            c2 += w * load16(t + 32);
            c3 += w * load16(t + 48);
        }
        if (k < kEnd) {
            const Vec16 v = Vec16{} + values[k];
            const float* s = src + int64_t(index[k]) * srcStride + i0;
            a0 += v * load16(s);
            a1 += v * load16(s + 16);
            a2 += v * load16(s + 32);
            a3 += v * load16(s + 48);
        }
        a0 += c0;
        a1 += c1;
        a2 += c2;
        a3 += c3;
        float* o = out + r * outStride + i0;
        store16(o, a0);
        store16(o + 16, a1);
        store16(o + 32, a2);
        store16(o + 48, a3);
    }
}
LATENT_KERNEL_VARIANTS(gatherBlock,
                       (float* __restrict out, int64_t outStride, const float* __restrict init, const float* __restrict src,
                        int64_t srcStride, const int32_t* __restrict index, const float* __restrict values, const int64_t* __restrict start,
                        int64_t r0, int64_t r1, int64_t i0),
                       (out, outStride, init, src, srcStride, index, values, start, r0, r1, i0))

// The same for the columns [i0, i1) past the last whole block, one float at a time.
void gatherTail(float* out, int64_t outStride, const float* init, const float* src, int64_t srcStride, const int32_t* index,
                const float* values, const int64_t* start, int64_t r0, int64_t r1, int64_t i0, int64_t i1)
{
    for (int64_t r = r0; r < r1; ++r)
        for (int64_t i = i0; i < i1; ++i) {
            float acc = init ? init[i] : 0.0f;
            for (int64_t k = start[r]; k < start[r + 1]; ++k) acc += values[k] * src[int64_t(index[k]) * srcStride + i];
            out[r * outStride + i] = acc;
        }
}

// out (lists x n) from the lists in [0, lists): the column blocks shared between the threads.
void gatherAll(float* out, int64_t n, const float* init, const float* src, const int32_t* index, const float* values, const int64_t* start,
               int64_t lists, int threads)
{
    const int64_t blocks = n / kBlock;
#pragma omp parallel for num_threads(std::max(1, threads)) schedule(static)
    for (int64_t q = 0; q < blocks; ++q) gatherBlock(out, n, init, src, n, index, values, start, 0, lists, q * kBlock);
    if (blocks * kBlock < n) gatherTail(out, n, init, src, n, index, values, start, 0, lists, blocks * kBlock, n);
}

}  // namespace

void SparseInput::assign(const float* x, int64_t rows, int64_t cols)
{
    rows_ = rows;
    cols_ = cols;
    const size_t most = size_t(rows * cols);
    if (colIndex_.size() < most) {
        colIndex_.resize(most);
        values_.resize(most);
        rowIndex_.resize(most);
        colValues_.resize(most);
    }
    rowStart_.assign(size_t(rows + 1), 0);
    colStart_.assign(size_t(cols + 1), 0);
    // Branch-free: every pixel is written, and the end moves on only past a non-zero one.
    int32_t* ci = colIndex_.data();
    float* v = values_.data();
    int64_t* perCol = colStart_.data() + 1;
    int64_t nnz = 0;
    for (int64_t r = 0; r < rows; ++r) {
        const float* row = x + r * cols;
        for (int64_t c = 0; c < cols; ++c) {
            const bool ink = row[c] != 0.0f;
            ci[nnz] = int32_t(c);
            v[nnz] = row[c];
            perCol[c] += ink;
            nnz += ink;
        }
        rowStart_[size_t(r + 1)] = nnz;
    }
    nnz_ = nnz;
    // The same entries by column (a counting sort of the row-major list).
    for (int64_t c = 0; c < cols; ++c) colStart_[size_t(c + 1)] += colStart_[size_t(c)];
    next_.assign(colStart_.begin(), colStart_.end() - 1);
    for (int64_t r = 0; r < rows; ++r) {
        for (int64_t k = rowStart_[size_t(r)]; k < rowStart_[size_t(r + 1)]; ++k) {
            const int64_t at = next_[size_t(ci[k])]++;
            rowIndex_[size_t(at)] = int32_t(r);
            colValues_[size_t(at)] = v[k];
        }
    }
}

void SparseInput::multiplyTransposedWeight(const float* weightT, const float* bias, int64_t n, float* out, int threads) const
{
    gatherAll(out, n, bias, weightT, colIndex_.data(), values_.data(), rowStart_.data(), rows_, threads);
}

void SparseInput::weightGradientTransposed(const float* dy, int64_t n, float* gradT, int threads) const
{
    // A pixel no image of the batch inked gets an empty list, hence a zero row.
    gatherAll(gradT, n, nullptr, dy, rowIndex_.data(), colValues_.data(), colStart_.data(), cols_, threads);
}

}  // namespace latent
