#include "training/UmapMapTrainStep.h"

#include "runtime/FastPaths.h"
#include "runtime/Gemm.h"
#include "training/UmapLayout.h"

#include <stdexcept>

namespace latent {

namespace {

// For each shift (dy, dx) with |dy|, |dx| <= s: which pixel of a side x side image lands on each
// pixel; from outside the image the blank pixel `side * side` (a zero column appended).
torch::Tensor shiftMaps(int s, int64_t side)
{
    std::vector<torch::Tensor> maps;
    const torch::Tensor r = torch::arange(side, torch::kLong).unsqueeze(1), c = torch::arange(side, torch::kLong).unsqueeze(0);
    for (int dy = -s; dy <= s; ++dy)
        for (int dx = -s; dx <= s; ++dx) {
            const torch::Tensor sr = r - dy, sc = c - dx;
            const torch::Tensor inside = (sr >= 0) & (sr < side) & (sc >= 0) & (sc < side);
            maps.push_back(
                torch::where(inside, sr.clamp(0, side - 1) * side + sc.clamp(0, side - 1), torch::full({}, side * side, torch::kLong))
                    .flatten());
        }
    return torch::stack(maps);
}

}  // namespace

UmapMapTrainStep::UmapMapTrainStep(MapAutoencoderImpl& model, const ModelSpec& spec, const TrainOptions& options)
    : MapTrainStep(model, spec, options), curve_(UmapCurve::fit(options.minDist))
{
    if (fastPathAllowed(model.parameters().front())) {
        const bool bf16 = options.matmul == MatmulPrecision::BFloat16 || (options.matmul == MatmulPrecision::Auto && Gemm::hasNativeBf16());
        handWritten_ = std::make_unique<DenseAutoencoderGradients>(model, bf16);
    }
}

bool UmapMapTrainStep::prepare(const ImageDataset& train, const PreparationProgress& progress)
{
    train_ = &train;
    const auto report = [&](const char* stage, double fraction) { return !progress || progress(stage, fraction); };
    const int64_t n = train.size();
    if (n <= options_.neighbours)
        throw std::invalid_argument("the map needs more training images (" + std::to_string(n) + ") than neighbours (" +
                                    std::to_string(options_.neighbours) + ")");
    const torch::Tensor images = train.allImages().flatten(1);
    NeighbourSearchOptions search;
    search.neighbours = options_.neighbours;
    const NeighbourList list = nearestNeighbours(images, search, [&](double f) { return report("neighbours", f); });
    if (list.size() == 0) return false;
    graph_ = fuzzyGraph(list);
    cumulative_ = torch::cat({torch::zeros({1}, torch::kDouble), graph_.weights.to(torch::kDouble).cumsum(0)});
    UmapLayoutOptions layout;
    layout.negatives = options_.negatives;
    layout.seed = options_.seed;
    layout_ = umapLayout(graph_, images, curve_, layout, [&](double f) { return report("layout", f); });
    if (!layout_.defined()) return false;
    const int64_t side = train.images.size(1);
    if (options_.mapShift > 0 && train.images.dim() == 3 && train.images.size(2) == side) shiftMaps_ = shiftMaps(options_.mapShift, side);
    return true;
}

torch::Tensor UmapMapTrainStep::drawTails(const torch::Tensor& heads) const
{
    const torch::Tensor start = graph_.rowStart.index_select(0, heads), end = graph_.rowStart.index_select(0, heads + 1);
    // The running sum before a row's first edge and at its last: a uniform draw between them falls
    // on each edge of the row in proportion to its weight.
    const torch::Tensor before = cumulative_.index_select(0, start), last = cumulative_.index_select(0, end);
    const torch::Tensor u = before + torch::rand(heads.sizes(), torch::kDouble) * (last - before);
    // Edge e covers (cumulative_[e], cumulative_[e + 1]]: the first sum past u, less the leading 0.
    torch::Tensor edge = torch::searchsorted(cumulative_, u, false, /*right=*/true) - 1;
    edge = torch::minimum(torch::maximum(edge, start), end - 1);  // rounding at a row's ends
    return graph_.columns.index_select(0, edge);
}

torch::Tensor UmapMapTrainStep::augmented(const torch::Tensor& original) const
{
    torch::Tensor images = original;
    const double p = options_.mapDropout;
    if (p > 0) images = images * (torch::rand_like(images) >= p).to(images.scalar_type()) / (1 - p);
    if (!shiftMaps_.defined()) return images;
    const torch::Tensor which = torch::randint(shiftMaps_.size(0), {images.size(0)}, torch::kLong);
    const torch::Tensor padded = torch::cat({images, torch::zeros({images.size(0), 1}, images.options())}, 1);
    return padded.gather(1, shiftMaps_.index_select(0, which).to(images.device()));
}

UmapMapTrainStep::Draws UmapMapTrainStep::draw(const TrainBatch& batch) const
{
    if (!train_) throw std::logic_error("UmapMapTrainStep::run before prepare");
    Draws d;
    d.heads = batch.rows;
    const int64_t b = d.heads.size(0);
    d.target = batch.target.flatten(1).contiguous();
    d.tails = drawTails(d.heads);
    const torch::Tensor tailImages = train_->batch(d.tails).flatten(1).to(batch.input.device());  // the graph lives on the CPU
    d.encoderInput = augmented(torch::cat({batch.input.flatten(1), tailImages})).contiguous();
    // Negatives: codes of the batch's other images (heads and tails), drawn at random.
    d.negatives = torch::randint(2 * b, {b * options_.negatives}, torch::kLong).to(batch.input.device());
    return d;
}

torch::Tensor UmapMapTrainStep::codeLoss(const torch::Tensor& z, const Draws& draws, LossFigures& figures) const
{
    const int64_t b = draws.heads.size(0);
    const torch::Tensor zh = z.narrow(0, 0, b), zt = z.narrow(0, b, b);
    const torch::Tensor negatives = z.index_select(0, draws.negatives).view({b, options_.negatives, z.size(1)});
    const UmapLossParts umap = umapLoss(curve_, zh, zt, negatives);
    // Heads and tails were both encoded: both are pulled towards their layout points.
    const torch::Tensor targets = layout_.index_select(0, torch::cat({draws.heads, draws.tails})).to(z.device());
    const torch::Tensor anchor = (z - targets).square().sum(1).mean();
    figures.kl = umap.total.item<double>();
    return options_.mapWeight * umap.total + options_.layoutWeight * anchor;
}

LossFigures UmapMapTrainStep::referenceGradients(const Draws& draws)
{
    LossFigures out;
    const int64_t b = draws.heads.size(0);
    const torch::Tensor z = model_.encoder->forward(draws.encoderInput);
    const torch::Tensor reconstruction = reconstructionLoss(model_.decode(z.narrow(0, 0, b), {}).flatten(1), draws.target, loss_);
    const torch::Tensor total = reconstruction + codeLoss(z, draws, out);
    out.reconstruction = reconstruction.item<double>();
    out.total = total.item<double>();
    if (std::isfinite(out.total)) {
        optimizer().zeroGrad();
        total.backward();
    }
    return out;
}

LossFigures UmapMapTrainStep::handWrittenGradients(const Draws& draws)
{
    if (!handWritten_) throw std::logic_error("UmapMapTrainStep::handWrittenGradients on a step made for the reference path");
    LossFigures out;
    const torch::Tensor z = handWritten_->encode(draws.encoderInput).detach().requires_grad_(true);
    out.reconstruction = handWritten_->reconstruct(draws.heads.size(0), draws.target, loss_);
    const torch::Tensor codes = codeLoss(z, draws, out);  // autograd on [2B, 2] codes only
    out.total = out.reconstruction + codes.item<double>();
    if (!std::isfinite(out.total)) return out;
    codes.backward();
    handWritten_->backward(z.grad());
    return out;
}

LossFigures UmapMapTrainStep::run(const TrainBatch& batch, double /*beta*/)
{
    const Draws draws = draw(batch);
    const LossFigures out = handWritten_ ? handWrittenGradients(draws) : referenceGradients(draws);
    return applyGradients(out, draws.target);
}

}  // namespace latent
