#include "analysis/Analysis.h"

#include <limits>

#include "models/ModelInput.h"
#include "runtime/TorchDevice.h"

#include <cmath>
#include <stdexcept>

namespace latent {

EncodedDataset encodeDataset(AutoencoderImpl& model, const ModelSpec& spec, const ImageDataset& data, int batchSize)
{
    torch::NoGradGuard noGrad;
    const torch::Device device = deviceOf(model);  // batches go there, codes come back to the CPU
    std::vector<torch::Tensor> means, logvars;
    for (int64_t start = 0; start < data.size(); start += batchSize) {
        const int64_t len = std::min<int64_t>(batchSize, data.size() - start);
        const torch::Tensor rows = torch::arange(start, start + len);
        Encoding e =
            model.encode(modelInput(spec, data.batch(rows)).to(device), data.labels.index_select(0, rows).to(device, torch::kLong));
        means.push_back(e.mean.flatten(1).cpu());
        if (e.logvar.defined()) logvars.push_back(e.logvar.cpu());
    }
    EncodedDataset out;
    out.mean = torch::cat(means);
    if (!logvars.empty()) out.logvar = torch::cat(logvars);
    out.labels = data.labels.to(torch::kLong);
    return out;
}

GridAxes gridAxes(const GridOptions& o)
{
    if (o.n < 1) throw std::invalid_argument("grid size must be at least 1");
    const GridArea area = o.area.value_or(GridArea{-o.range, o.range, -o.range, o.range});
    GridAxes axes;
    for (int i = 0; i < o.n; ++i) {
        const double t = o.n == 1 ? 0.5 : double(i) / (o.n - 1);
        if (o.gaussianQuantiles) {
            const double p = 0.05 + 0.9 * t;
            const double q = std::sqrt(2.0) * torch::erfinv(torch::tensor(2.0 * p - 1.0, torch::kDouble)).item<double>();
            axes.xs.push_back(q);
        } else {
            axes.xs.push_back(area.left + t * (area.right - area.left));
            axes.ys.push_back(area.top - t * (area.top - area.bottom));
        }
    }
    if (o.gaussianQuantiles) axes.ys.assign(axes.xs.rbegin(), axes.xs.rend());  // top row first
    return axes;
}

std::vector<float> gridCoordinates(const GridOptions& o, int latentDim)
{
    if (latentDim < 1 || o.dimX >= latentDim || o.dimY >= latentDim || o.dimX < 0 || o.dimY < 0)
        throw std::invalid_argument("grid dims out of range for latent size " + std::to_string(latentDim));
    const GridAxes axes = gridAxes(o);
    std::vector<float> z;
    z.reserve(size_t(o.n) * o.n * latentDim);
    for (int row = 0; row < o.n; ++row)
        for (int col = 0; col < o.n; ++col)
            for (int d = 0; d < latentDim; ++d) {
                if (d == o.dimX)
                    z.push_back(float(axes.xs[size_t(col)]));
                else if (d == o.dimY)
                    z.push_back(float(axes.ys[size_t(row)]));
                else
                    z.push_back(d < int(o.base.size()) ? o.base[d] : 0.f);
            }
    return z;
}

torch::Tensor decodeImages(DisplayDecoder& decoder, const torch::Tensor& z, const torch::Tensor& labels)
{
    torch::NoGradGuard noGrad;
    const torch::Device device = deviceOf(decoder.model());
    auto decode = [&](const torch::Tensor& codes, const torch::Tensor& digits) {
        return torch::sigmoid(decoder.decode(codes.to(device), digits.defined() ? digits.to(device) : digits)).squeeze(1).cpu();
    };
    if (z.size(0) <= kEvalBatch) return decode(z, labels);
    std::vector<torch::Tensor> parts;
    for (int64_t start = 0; start < z.size(0); start += kEvalBatch) {
        const int64_t len = std::min<int64_t>(kEvalBatch, z.size(0) - start);
        parts.push_back(
            decode(z.narrow(0, start, len), labels.defined() && labels.size(0) == z.size(0) ? labels.narrow(0, start, len) : labels));
    }
    return torch::cat(parts);
}

torch::Tensor decodeImages(AutoencoderImpl& model, const torch::Tensor& z, const torch::Tensor& labels)
{
    DisplayDecoder decoder(std::shared_ptr<AutoencoderImpl>(model.shared_from_this(), &model));  // the same owner
    return decodeImages(decoder, z, labels);
}

torch::Tensor toGrayLevels(const torch::Tensor& images01)
{
    // One pass instead of four LibTorch operations (multiply, round, clamp, convert): the same
    // values (round half to even, as torch::round), NaN as 0.
    const torch::Tensor in = images01.to(torch::kFloat32).contiguous();
    torch::Tensor out = torch::empty(in.sizes(), torch::kUInt8);
    const float* src = in.data_ptr<float>();
    uint8_t* dst = out.data_ptr<uint8_t>();
    for (int64_t i = 0; i < in.numel(); ++i) {
        const float v = std::nearbyint(src[i] * 255.0f);
        dst[i] = v >= 255.f ? uint8_t(255) : v > 0.f ? uint8_t(v) : uint8_t(0);
    }
    return out;
}

torch::Tensor decodeGrid(AutoencoderImpl& model, int latentDim, const GridOptions& o)
{
    DisplayDecoder decoder(std::shared_ptr<AutoencoderImpl>(model.shared_from_this(), &model));  // the same owner
    return decodeGrid(decoder, latentDim, o);
}

torch::Tensor decodeGrid(DisplayDecoder& decoder, int latentDim, const GridOptions& o)
{
    std::vector<float> coords = gridCoordinates(o, latentDim);
    const int64_t cells = int64_t(o.n) * o.n;
    const torch::Tensor z = torch::from_blob(coords.data(), {cells, latentDim}, torch::kFloat32).clone();
    const torch::Tensor images = decodeImages(decoder, z, digitLabels(cells, o.digit));  // [n*n, 28, 28]
    const int64_t s = images.size(1);
    return toGrayLevels(images.view({o.n, o.n, s, s}).permute({0, 2, 1, 3}).reshape({o.n * s, o.n * s}));
}

Pca Pca::fit(const torch::Tensor& data, int64_t k)
{
    if (data.dim() != 2 || data.size(0) < 2) throw std::invalid_argument("PCA needs a [N, D] matrix with N >= 2");
    k = std::max<int64_t>(1, std::min(k, data.size(1)));
    torch::NoGradGuard noGrad;
    const torch::Tensor x = data.to(torch::kDouble);
    Pca p;
    const torch::Tensor mean = x.mean(0);
    const torch::Tensor xc = x - mean;
    const torch::Tensor cov = xc.t().mm(xc) / double(x.size(0) - 1);
    auto [values, vectors] = at::linalg_eigh(cov, "L");  // ascending (ATen: LibTorch 2 has no torch::linalg in <torch/torch.h>)
    const torch::Tensor order = torch::arange(values.size(0) - 1, values.size(0) - 1 - k, -1);
    p.mean_ = mean.to(torch::kFloat32);
    p.variance_ = values.index_select(0, order).clamp_min(0).to(torch::kFloat32);
    torch::Tensor comps = vectors.index_select(1, order).t();  // [k, D]
    // Fix each component's sign (largest |entry| positive) so results do not flip between runs.
    const torch::Tensor pivot = comps.abs().argmax(1);
    const torch::Tensor signs = comps.gather(1, pivot.unsqueeze(1)).sign();
    p.components_ = (comps * torch::where(signs == 0, torch::ones_like(signs), signs)).to(torch::kFloat32).contiguous();
    return p;
}

torch::Tensor Pca::transform(const torch::Tensor& data) const { return (data.to(torch::kFloat32) - mean_).mm(components_.t()); }

torch::Tensor Pca::inverseTransform(const torch::Tensor& codes) const { return codes.mm(components_) + mean_; }

torch::Tensor knnPredict(const torch::Tensor& trainX, const torch::Tensor& trainY, const torch::Tensor& queries, int k)
{
    torch::NoGradGuard noGrad;
    const int64_t n = queries.size(0);
    torch::Tensor predicted = torch::full({n}, -1, torch::kLong);
    if (n == 0 || trainX.size(0) == 0) return predicted;
    k = int(std::min<int64_t>(k, trainX.size(0)));
    const torch::Tensor xtr = trainX.to(torch::kFloat32).flatten(1);
    const torch::Tensor ytr = trainY.to(torch::kLong);
    const torch::Tensor trNorm = xtr.square().sum(1);
    const int64_t numClasses = ytr.max().item<int64_t>() + 1;
    auto* out = predicted.data_ptr<int64_t>();
    // 256 queries at a time: one [256, nTrain] product (60 MB for MNIST) instead of four 1024-row
    // temporaries (1 GB of fresh pages per block, which the kernel spent more time mapping than
    // the products took). |q|^2 is the same along a row, so the ranking needs only
    // |x|^2 - 2 q.x.
    constexpr int64_t kBlock = 256;
    std::vector<int> count(static_cast<size_t>(numClasses));
    for (int64_t start = 0; start < n; start += kBlock) {
        const int64_t len = std::min<int64_t>(kBlock, n - start);
        const torch::Tensor q = queries.narrow(0, start, len).to(torch::kFloat32).flatten(1);
        const torch::Tensor d = torch::addmm(trNorm.unsqueeze(0), q, xtr.t(), /*beta=*/1.0, /*alpha=*/-2.0);
        const torch::Tensor nearest = std::get<1>(d.topk(k, 1, /*largest=*/false, /*sorted=*/true));
        const torch::Tensor votes = ytr.index_select(0, nearest.flatten()).view({len, k}).contiguous();
        const auto* v = votes.data_ptr<int64_t>();
        for (int64_t i = 0; i < len; ++i) {
            std::fill(count.begin(), count.end(), 0);
            int64_t best = -1;
            int bestCount = 0;
            for (int j = 0; j < k; ++j) count[size_t(v[i * k + j])]++;
            for (int j = 0; j < k; ++j) {  // in order of distance: the nearest wins a tie
                const int64_t c = v[i * k + j];
                if (count[size_t(c)] > bestCount) {
                    bestCount = count[size_t(c)];
                    best = c;
                }
            }
            out[start + i] = best;
        }
    }
    return predicted;
}

double knnAccuracy(const torch::Tensor& trainX, const torch::Tensor& trainY, const torch::Tensor& testX, const torch::Tensor& testY, int k)
{
    const int64_t nTest = testX.size(0);
    if (nTest == 0 || trainX.size(0) == 0) return 0.0;
    const torch::Tensor predicted = knnPredict(trainX, trainY, testX, k);
    return predicted.eq(testY.to(torch::kLong)).sum().item<double>() / double(nTest);
}

double psnr(const torch::Tensor& images, const torch::Tensor& reference)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor mse = (images.to(torch::kDouble) - reference.to(torch::kDouble)).square().flatten(1).mean(1);
    const torch::Tensor db = torch::where(mse > 1e-10, -10.0 * torch::log10(mse), torch::full_like(mse, 100.0));
    return db.mean().item<double>();
}

}  // namespace latent

namespace latent {

double silhouetteScore(const torch::Tensor& pointsIn, const torch::Tensor& labelsIn, int64_t maxPoints)
{
    torch::NoGradGuard noGrad;
    torch::Tensor points = pointsIn.reshape({pointsIn.size(0), -1}).to(torch::kDouble);
    torch::Tensor labels = labelsIn.reshape({-1}).to(torch::kLong);
    const int64_t n0 = points.size(0);
    if (n0 < 2) return 0.0;
    if (n0 > maxPoints) {
        const torch::Tensor idx = torch::linspace(0, double(n0 - 1), maxPoints, torch::kDouble).round().to(torch::kLong);
        points = points.index_select(0, idx);
        labels = labels.index_select(0, idx);
    }
    const int64_t n = points.size(0);
    const torch::Tensor d = torch::cdist(points, points);  // [n, n]
    const int64_t classes = labels.max().item<int64_t>() + 1;
    const torch::Tensor onehot = torch::zeros({n, classes}, torch::kDouble).scatter_(1, labels.unsqueeze(1), 1.0);
    const torch::Tensor counts = onehot.sum(0);                // [classes]
    const torch::Tensor sums = d.matmul(onehot);               // [n, classes]: distance to each class
    const torch::Tensor own = counts.index_select(0, labels);  // size of own class
    const torch::Tensor ownSum = sums.gather(1, labels.unsqueeze(1)).squeeze(1);
    const torch::Tensor a = ownSum / (own - 1).clamp_min(1);  // mean to the others of its class
    torch::Tensor meanTo = sums / counts.clamp_min(1);
    // Own class and empty classes are not candidates for the nearest other class.
    meanTo = meanTo.masked_fill(onehot.to(torch::kBool), std::numeric_limits<double>::infinity());
    meanTo = meanTo.masked_fill((counts == 0).unsqueeze(0).expand_as(meanTo), std::numeric_limits<double>::infinity());
    const torch::Tensor b = std::get<0>(meanTo.min(1));
    torch::Tensor s = (b - a) / torch::max(a, b).clamp_min(1e-12);
    s = s.masked_fill(own <= 1, 0.0);  // singletons score 0
    return s.mean().item<double>();
}

}  // namespace latent
