#include "training/DenseAutoencoderGradients.h"

#include "runtime/Gemm.h"

#include <stdexcept>

namespace latent {

namespace {
torch::nn::LinearImpl* linearAt(torch::nn::Sequential& s, size_t i) { return s[i]->as<torch::nn::Linear>(); }
}  // namespace

DenseAutoencoderGradients::DenseAutoencoderGradients(DenseAutoencoderImpl& model, bool bf16)
    : model_(model), bf16_(bf16), e1_(linearAt(model.encoder, 0)), e2_(linearAt(model.encoder, 2)), e3_(linearAt(model.encoder, 4)),
      d1_(linearAt(model.decoder, 0)), d2_(linearAt(model.decoder, 2)), d3_(linearAt(model.decoder, 4))
{
    torch::NoGradGuard noGrad;
    for (auto& p : model_.parameters())
        if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
}

namespace {
torch::Tensor floats(int64_t r, int64_t c) { return torch::empty({r, c}, torch::kFloat32); }
torch::Tensor bf16s(int64_t r, int64_t c) { return torch::empty({r, c}, torch::kBFloat16); }
}  // namespace

void DenseAutoencoderGradients::allocateEncoder(int64_t n)
{
    const int64_t hidden = model_.options.hidden, latent = model_.options.latentDim, pixels = model_.options.imagePixels;
    if (n != n_) {
        n_ = n;
        h1_ = floats(n, hidden);
        h2_ = floats(n, hidden);
        z_ = floats(n, latent);
        dz_ = floats(n, latent);
        dh2_ = floats(n, hidden);
        dh1_ = floats(n, hidden);
        if (bf16_) xB_ = bf16s(n, pixels), h1B_ = bf16s(n, hidden), dh2B_ = bf16s(n, hidden), dh1B_ = bf16s(n, hidden);
    }
}

void DenseAutoencoderGradients::allocateDecoder(int64_t rows)
{
    const int64_t hidden = model_.options.hidden, latent = model_.options.latentDim, pixels = model_.options.imagePixels;
    if (rows != rows_) {
        rows_ = rows;
        g1_ = floats(rows, hidden);
        g2_ = floats(rows, hidden);
        logits_ = floats(rows, pixels);
        dLogits_ = floats(rows, pixels);
        dg2_ = floats(rows, hidden);
        dg1_ = floats(rows, hidden);
        dzDecoder_ = floats(rows, latent);
        if (bf16_) g1B_ = bf16s(rows, hidden), g2B_ = bf16s(rows, hidden), dLogitsB_ = bf16s(rows, pixels), dg2B_ = bf16s(rows, hidden);
    }
}

const torch::Tensor& DenseAutoencoderGradients::operand(const torch::Tensor& a, torch::Tensor& buffer) const
{
    if (!bf16_) return a;
    if (!buffer.defined() || buffer.sizes() != a.sizes()) buffer = torch::empty(a.sizes(), a.options().dtype(torch::kBFloat16));
    return buffer.copy_(a);
}

const torch::Tensor& DenseAutoencoderGradients::encode(const torch::Tensor& x)
{
    torch::NoGradGuard noGrad;
    allocateEncoder(x.size(0));
    x_ = operand(x, xB_);
    Gemm::addmm(h1_, e1_->bias, x_, operand(e1_->weight, w1B_).t());
    h1_.relu_();
    Gemm::addmm(h2_, e2_->bias, operand(h1_, h1B_), operand(e2_->weight, w2B_).t());
    h2_.relu_();
    Gemm::addmm(z_, e3_->bias, h2_, e3_->weight.t());  // 2 outputs: float
    return z_;
}

double DenseAutoencoderGradients::reconstruct(int64_t rows, const torch::Tensor& target, ReconstructionLoss kind)
{
    torch::NoGradGuard noGrad;
    if (rows > n_) throw std::invalid_argument("reconstruct: more rows than codes");
    allocateDecoder(rows);
    const torch::Tensor zh = z_.narrow(0, 0, rows);
    Gemm::addmm(g1_, d1_->bias, zh, d1_->weight.t());
    g1_.relu_();
    const torch::Tensor& g1 = bf16_ ? g1B_ : g1_;
    Gemm::addmm(g2_, d2_->bias, operand(g1_, g1B_), operand(d2_->weight, v2B_).t());
    g2_.relu_();
    const torch::Tensor& g2 = operand(g2_, g2B_);
    const torch::Tensor& v3 = operand(d3_->weight, v3B_);
    Gemm::addmm(logits_, d3_->bias, g2, v3.t());

    const double invRows = 1.0 / double(rows);
    double loss = 0;
    if (kind == ReconstructionLoss::Bce) {  // sum(softplus(l) - l t); gradient (sigmoid(l) - t) / rows
        torch::softplus_out(dLogits_, logits_, 1, 20);
        loss = (dLogits_.sum().item<double>() - torch::dot(logits_.view(-1), target.reshape(-1)).item<double>()) * invRows;
        torch::sigmoid_out(dLogits_, logits_);
        dLogits_.sub_(target.view_as(dLogits_)).mul_(invRows);
    } else {  // sum((s - t)^2), s = sigmoid(l); gradient 2 (s - t) s (1 - s) / rows
        torch::sigmoid_out(dLogits_, logits_);
        const torch::Tensor difference = dLogits_ - target.view_as(dLogits_);
        loss = difference.square().sum().item<double>() * invRows;
        dLogits_.mul_(1 - dLogits_).mul_(difference).mul_(2 * invRows);
    }

    const torch::Tensor& dLogits = operand(dLogits_, dLogitsB_);
    Gemm::mm(d3_->weight.mutable_grad(), dLogits.t(), g2);
    torch::sum_out(d3_->bias.mutable_grad(), dLogits_, {0});
    Gemm::mm(dg2_, dLogits, v3);
    torch::threshold_backward_out(dg2_, dg2_, g2_, 0);  // ReLU: no gradient where the unit was off
    const torch::Tensor& dg2 = operand(dg2_, dg2B_);
    Gemm::mm(d2_->weight.mutable_grad(), dg2.t(), g1);
    torch::sum_out(d2_->bias.mutable_grad(), dg2_, {0});
    Gemm::mm(dg1_, dg2, bf16_ ? v2B_ : d2_->weight);
    torch::threshold_backward_out(dg1_, dg1_, g1_, 0);
    Gemm::mm(d1_->weight.mutable_grad(), dg1_.t(), zh);
    torch::sum_out(d1_->bias.mutable_grad(), dg1_, {0});
    Gemm::mm(dzDecoder_, dg1_, d1_->weight);
    return loss;
}

void DenseAutoencoderGradients::backward(const torch::Tensor& codeGradient)
{
    torch::NoGradGuard noGrad;
    dz_.copy_(codeGradient);
    dz_.narrow(0, 0, rows_).add_(dzDecoder_);
    Gemm::mm(e3_->weight.mutable_grad(), dz_.t(), h2_);
    torch::sum_out(e3_->bias.mutable_grad(), dz_, {0});
    Gemm::mm(dh2_, dz_, e3_->weight);
    torch::threshold_backward_out(dh2_, dh2_, h2_, 0);
    const torch::Tensor& dh2 = operand(dh2_, dh2B_);
    Gemm::mm(e2_->weight.mutable_grad(), dh2.t(), bf16_ ? h1B_ : h1_);
    torch::sum_out(e2_->bias.mutable_grad(), dh2_, {0});
    Gemm::mm(dh1_, dh2, bf16_ ? w2B_ : e2_->weight);
    torch::threshold_backward_out(dh1_, dh1_, h1_, 0);
    Gemm::mm(e1_->weight.mutable_grad(), operand(dh1_, dh1B_).t(), x_);
    torch::sum_out(e1_->bias.mutable_grad(), dh1_, {0});
}

}  // namespace latent
