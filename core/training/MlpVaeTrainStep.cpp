#include "training/MlpVaeTrainStep.h"

#include "runtime/Gemm.h"

namespace latent {

namespace {
// Whether a [out, in] weight is stored as its transpose, [in][out] row-major.
bool storedTransposed(const torch::Tensor& w) { return w.dim() == 2 && w.stride(0) == 1 && w.stride(1) == w.size(0); }
}  // namespace

MlpVaeTrainStep::MlpVaeTrainStep(MlpVaeImpl& model, const TrainOptions& options) : model_(model)
{
    torch::NoGradGuard g;
    // The first layer's weight is kept as its transpose, so that the products with a sparse input
    // read and write whole contiguous rows of it (one per pixel). Same values, same shape; every
    // torch op and the checkpoint accept the layout.
    torch::Tensor& w = model_.encoderHidden->weight;
    if (!storedTransposed(w)) {
        w.set_data(w.t().contiguous().t());
        if (w.grad().defined()) w.mutable_grad() = torch::Tensor();
    }
    for (auto& p : model_.parameters())
        if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);  // same strides as p
    // After the transpose: the fused Adam keeps its moments in each weight's layout.
    optimizer_ = makeOptimizer(model_.parameters(), options);
    bf16_ = options.matmul == MatmulPrecision::BFloat16 || (options.matmul == MatmulPrecision::Auto && Gemm::hasNativeBf16());
}

void MlpVaeTrainStep::allocate(int64_t b)
{
    if (b == batch_) return;
    batch_ = b;
    const int64_t hidden = model_.options.hidden, latent = model_.options.latentDim, pixels = model_.options.imagePixels;
    auto e = [](std::initializer_list<int64_t> s) { return torch::empty(s, torch::kFloat32); };
    h1_ = e({b, hidden});
    mu_ = e({b, latent});
    lvRaw_ = e({b, latent});
    z_ = e({b, latent});
    h2_ = e({b, hidden});
    logits_ = e({b, pixels});
    g_ = e({b, pixels});
    dh2_ = e({b, hidden});
    dz_ = e({b, latent});
    dh1_ = e({b, hidden});
    if (bf16_) {
        auto bf = [](const torch::Tensor& like) { return torch::empty_like(like, like.options().dtype(torch::kBFloat16)); };
        xB_ = torch::empty({b, pixels}, torch::kBFloat16);
        h2B_ = bf(h2_);
        gB_ = bf(g_);
        dh1B_ = bf(dh1_);
        w1B_ = bf(model_.encoderHidden->weight);  // keeps the weights' layouts (the first one transposed)
        woutB_ = bf(model_.decoderOutput->weight);
    }
}

LossFigures MlpVaeTrainStep::run(const TrainBatch& batch, double beta)
{
    const int64_t b = batch.input.size(0);
    const StepLoss l = computeGradients(batch.input.view({b, -1}), beta, torch::randn({b, model_.options.latentDim}));
    LossFigures out;
    out.total = l.total;
    out.reconstruction = l.reconstruction;
    out.kl = l.kl;
    if (std::isfinite(l.total)) optimizer_->step();
    return out;
}

bool MlpVaeTrainStep::useSparseInput(const torch::Tensor& x)
{
    const torch::Tensor& w = model_.encoderHidden->weight;
    const bool wanted = sparseChoice_ < 0 ? !Gemm::usesOneDnn() : sparseChoice_ == 1;
    return wanted && x.is_contiguous() && x.scalar_type() == torch::kFloat32 && storedTransposed(w) && storedTransposed(w.grad()) &&
           (sparse_.assign(x.data_ptr<float>(), x.size(0), x.size(1)), sparse_.worthIt());
}

void MlpVaeTrainStep::firstLayerForward(const torch::Tensor& x, bool sparse)
{
    auto& enc = *model_.encoderHidden;
    if (sparse)
        sparse_.multiplyTransposedWeight(enc.weight.data_ptr<float>(), enc.bias.data_ptr<float>(), h1_.size(1), h1_.data_ptr<float>(),
                                         at::get_num_threads());
    else if (bf16_) {
        xB_.copy_(x);
        w1B_.copy_(enc.weight);
        Gemm::addmm(h1_, enc.bias, xB_, w1B_.t());
    } else
        Gemm::addmm(h1_, enc.bias, x, enc.weight.t());
}

void MlpVaeTrainStep::firstLayerWeightGradient(const torch::Tensor& x, bool sparse)
{
    torch::Tensor& grad = model_.encoderHidden->weight.mutable_grad();
    if (sparse)
        sparse_.weightGradientTransposed(dh1_.data_ptr<float>(), dh1_.size(1), grad.data_ptr<float>(), at::get_num_threads());
    else if (bf16_)
        Gemm::mm(grad, dh1B_.copy_(dh1_).t(), xB_);
    else
        Gemm::mm(grad, dh1_.t(), x);
}

StepLoss MlpVaeTrainStep::computeGradients(const torch::Tensor& x, double beta, const torch::Tensor& eps)
{
    torch::NoGradGuard noGrad;
    const int64_t b = x.size(0);
    allocate(b);
    auto& enc = *model_.encoderHidden;
    auto& mean = *model_.encoderMean;
    auto& logvar = *model_.encoderLogvar;
    auto& dec = *model_.decoderHidden;
    auto& out = *model_.decoderOutput;
    const double invB = 1.0 / double(b);

    const bool sparse = useSparseInput(x);
    lastSparse_ = sparse;

    // Forward.
    firstLayerForward(x, sparse);
    h1_.relu_();
    Gemm::addmm(mu_, mean.bias, h1_, mean.weight.t());
    Gemm::addmm(lvRaw_, logvar.bias, h1_, logvar.weight.t());
    lv_ = lvRaw_.clamp(AutoencoderImpl::kLogvarMin, AutoencoderImpl::kLogvarMax);
    std_ = (0.5 * lv_).exp_();
    torch::addcmul_out(z_, mu_, std_, eps);
    Gemm::addmm(h2_, dec.bias, z_, dec.weight.t());
    h2_.relu_();
    // bf16: the operands of the three 128x784x512 products (and the first layer's two) are rounded
    // to bf16 once each; the products sum in float and the rest of the step stays float.
    const torch::Tensor& h2 = bf16_ ? h2B_.copy_(h2_) : h2_;
    const torch::Tensor& wOut = bf16_ ? woutB_.copy_(out.weight) : out.weight;
    Gemm::addmm(logits_, out.bias, h2, wOut.t());

    // Loss.
    const torch::Tensor expLv = lv_.exp();
    // BCE from logits: sum(softplus(l) - l * x). torch's own BCE-with-logits kernel takes seven
    // passes over the batch (0.8 ms a step here); softplus plus a dot product takes three.
    torch::softplus_out(g_, logits_, 1, 20);
    const float recon = float((g_.sum().item<double>() - torch::dot(logits_.view(-1), x.reshape(-1)).item<double>()) * invB);
    const float kl = (-0.5 * invB) * (1 + lv_ - mu_.square() - expLv).sum().item<float>();

    // Backward: d(recon)/d(logits) = (sigmoid(logits) - x) / B.
    torch::sigmoid_out(g_, logits_);
    g_.sub_(x).mul_(invB);
    const torch::Tensor& g = bf16_ ? gB_.copy_(g_) : g_;
    Gemm::mm(out.weight.mutable_grad(), g.t(), h2);
    torch::sum_out(out.bias.mutable_grad(), g_, {0});
    Gemm::mm(dh2_, g, wOut);
    torch::threshold_backward_out(dh2_, dh2_, h2_, 0);  // ReLU: no gradient where the unit was off
    Gemm::mm(dec.weight.mutable_grad(), dh2_.t(), z_);
    torch::sum_out(dec.bias.mutable_grad(), dh2_, {0});
    Gemm::mm(dz_, dh2_, dec.weight);
    // z = mu + std * eps;  KL = -0.5/B * sum(1 + lv - mu^2 - exp(lv)).
    const torch::Tensor dmu = dz_ + (beta * invB) * mu_;
    torch::Tensor dlv = dz_ * eps * std_ * 0.5 + (0.5 * beta * invB) * (expLv - 1);
    dlv.masked_fill_(lvRaw_.lt(AutoencoderImpl::kLogvarMin).logical_or_(lvRaw_.gt(AutoencoderImpl::kLogvarMax)), 0);
    Gemm::mm(mean.weight.mutable_grad(), dmu.t(), h1_);
    torch::sum_out(mean.bias.mutable_grad(), dmu, {0});
    Gemm::mm(logvar.weight.mutable_grad(), dlv.t(), h1_);
    torch::sum_out(logvar.bias.mutable_grad(), dlv, {0});
    Gemm::mm(dh1_, dmu, mean.weight);
    Gemm::mm(dh1_, dlv, logvar.weight, 1.f);
    torch::threshold_backward_out(dh1_, dh1_, h1_, 0);
    firstLayerWeightGradient(x, sparse);
    torch::sum_out(enc.bias.mutable_grad(), dh1_, {0});

    return {recon + float(beta) * kl, recon, kl};
}

}  // namespace latent
