#pragma once
#include <cstdint>
#include <vector>

namespace latent {

// A batch of input images kept as its non-zero pixels only, for the two matrix products of a
// dense layer that touch the input: y = x W^T + b and dW = dy^T x. MNIST digits are ~19% ink, so
// skipping the paper does about a fifth of the multiply-adds of a dense product (the same sums in
// float, in another order). Images with much more ink than that (Fashion-MNIST is ~50%) are not
// worth it: worthIt() says so and the caller uses the dense product. No torch here, so that the
// file builds with -fopenmp (see AdamKernel.h); the products run on `threads` OpenMP threads.
class SparseInput {
public:
    // x: rows x cols floats, row-major.
    void assign(const float* x, int64_t rows, int64_t cols);

    int64_t rows() const { return rows_; }
    int64_t cols() const { return cols_; }
    double density() const { return rows_ * cols_ > 0 ? double(nnz_) / double(rows_ * cols_) : 0.0; }
    // At MNIST's ~19% ink the sparse products took about half the time of OpenBLAS's (2 cores);
    // the work grows with the ink, so 30% keeps a margin. Not a measured crossover.
    static constexpr double kMaxDensity = 0.3;
    bool worthIt() const { return density() <= kMaxDensity; }

    // out[r][0..n) = bias + sum over the row's non-zero x[r][c] of x[r][c] * weightT[c][0..n).
    // weightT: cols x n row-major, i.e. the layer's weight stored transposed.
    void multiplyTransposedWeight(const float* weightT, const float* bias, int64_t n, float* out, int threads) const;
    // gradT[c][0..n) = sum over rows r with x[r][c] != 0 of x[r][c] * dy[r][0..n): the transposed
    // weight gradient dW^T = x^T dy. dy: rows x n row-major; gradT: cols x n, fully written.
    void weightGradientTransposed(const float* dy, int64_t n, float* gradT, int threads) const;

private:
    int64_t rows_ = 0, cols_ = 0;
    // By row (CSR) for the forward product, by column (CSC) for the gradient; the index and value
    // arrays keep the size of a dense batch, the first nnz_ entries count.
    std::vector<int64_t> rowStart_;
    std::vector<int32_t> colIndex_;
    std::vector<float> values_;
    std::vector<int64_t> colStart_;
    std::vector<int32_t> rowIndex_;
    std::vector<float> colValues_;
    std::vector<int64_t> next_;
    int64_t nnz_ = 0;
};

}  // namespace latent
