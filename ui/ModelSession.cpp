#include "ModelSession.h"

#include "Analysis.h"
#include "Checkpoint.h"
#include "DigitDataset.h"
#include "DigitRestoration.h"
#include "Generation.h"
#include "ImageDataset.h"
#include "Transforms.h"

#include <cmath>

using namespace latent;

namespace {

// float [B, 28, 28] (or [B,1,28,28]) in [0, 1] -> one Grayscale8 image per item, rounded as the
// core's PNG writer does, so the GUI shows exactly what the CLI writes.
QImage toImage(const torch::Tensor& images, int64_t index = 0)
{
    const torch::Tensor u8 = images.reshape({images.size(0), 28, 28})[index]
                                 .mul(255.0).round().clamp(0, 255).to(torch::kUInt8).contiguous();
    QImage out(28, 28, QImage::Format_Grayscale8);
    const uint8_t* src = u8.data_ptr<uint8_t>();
    for (int y = 0; y < 28; ++y) std::memcpy(out.scanLine(y), src + y * 28, 28);
    return out;
}

AutoencoderImpl& module(const ModelSnapshot& s) { return *s->model; }

// Decoded images [B, 28, 28] in [0, 1]; a conditional model draws `digit`.
torch::Tensor decodeAs(AutoencoderImpl& model, const torch::Tensor& z, int digit)
{
    if (!model.isConditional()) return decodeImages(model, z);
    torch::NoGradGuard noGrad;
    return torch::sigmoid(model.decode(z, torch::full({z.size(0)}, int64_t(digit), torch::kLong))).squeeze(1);
}

}  // namespace

ModelSession::ModelSession(ModelSnapshot snapshot) : snapshot_(std::move(snapshot))
{
    // Set once here: eval() is not safe to call while another thread runs the model.
    snapshot_->model->eval();
}

std::shared_ptr<ModelSession> ModelSession::open(const QString& path, QString* error)
{
    try {
        auto loaded = std::make_shared<LoadedModel>(Checkpoint::load(path.toStdString()));
        return std::make_shared<ModelSession>(ModelSnapshot(loaded));
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return nullptr;
    }
}

bool ModelSession::save(const QString& path, QString* error) const
{
    try {
        Checkpoint::save(path.toStdString(), snapshot_->spec, module(snapshot_));
        return true;
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
}

QString ModelSession::description() const { return QString::fromStdString(snapshot_->spec.describe()); }
QString ModelSession::kindName() const { return QString::fromStdString(toString(snapshot_->spec.kind)); }
QString ModelSession::datasetName() const { return QString::fromStdString(snapshot_->spec.dataset); }
int ModelSession::latentDim() const { return hasLatent() ? snapshot_->spec.codeSize() : 0; }
int ModelSession::epochsDone() const { return snapshot_->spec.epochsDone; }
bool ModelSession::isVariational() const { return snapshot_->spec.isVariational(); }
bool ModelSession::hasPrior() const { return snapshot_->spec.hasPrior(); }
bool ModelSession::hasLatent() const { return snapshot_->spec.hasLatent(); }

QImage ModelSession::decode(const std::vector<float>& z) const
{
    const int dim = latentDim();
    if (dim == 0 || int(z.size()) != dim) return {};
    torch::NoGradGuard noGrad;
    const torch::Tensor t = torch::from_blob(const_cast<float*>(z.data()), {1, dim}, torch::kFloat32).clone();
    return toImage(decodeAs(module(snapshot_), t, condition()));
}

DecodedGrid ModelSession::decodeGrid(const GridSpec& spec) const
{
    DecodedGrid out;
    const int dim = latentDim();
    const int n = spec.n;
    if (dim == 0 || n < 1 || spec.dimX >= dim || spec.dimY >= dim) return out;
    out.n = n;
    out.xs.resize(size_t(n));
    out.ys.resize(size_t(n));
    for (int i = 0; i < n; ++i) {
        const double t = n == 1 ? 0.5 : double(i) / (n - 1);
        if (spec.gaussian) {
            const double p = 0.05 + 0.9 * t;  // as the core's grid: evenly spaced in (0.05, 0.95)
            const double q = std::sqrt(2.0) * torch::erfinv(torch::tensor(2.0 * p - 1.0, torch::kDouble)).item<double>();
            out.xs[size_t(i)] = q;
            out.ys[size_t(i)] = -q;
        } else {
            out.xs[size_t(i)] = spec.area.left() + t * spec.area.width();
            out.ys[size_t(i)] = spec.area.bottom() - t * spec.area.height();  // QRectF bottom = max y
        }
    }
    std::vector<float> z(size_t(n) * size_t(n) * size_t(dim), 0.f);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            float* row = z.data() + (size_t(r) * size_t(n) + size_t(c)) * size_t(dim);
            for (int d = 0; d < dim && d < int(spec.base.size()); ++d) row[d] = spec.base[size_t(d)];
            row[spec.dimX] = float(out.xs[size_t(c)]);
            row[spec.dimY] = float(out.ys[size_t(r)]);
        }
    torch::NoGradGuard noGrad;
    const torch::Tensor images = decodeAs(module(snapshot_), torch::from_blob(z.data(), {int64_t(n) * n, dim}, torch::kFloat32), condition())
                                     .reshape({n, n, 28, 28})
                                     .permute({0, 2, 1, 3})
                                     .reshape({n * 28, n * 28})
                                     .mul(255.0).round().clamp(0, 255).to(torch::kUInt8).contiguous();
    out.image = QImage(n * 28, n * 28, QImage::Format_Grayscale8);
    const uint8_t* src = images.data_ptr<uint8_t>();
    for (int y = 0; y < n * 28; ++y) std::memcpy(out.image.scanLine(y), src + size_t(y) * size_t(n) * 28, size_t(n) * 28);
    return out;
}

LatentCodes ModelSession::encode(const DigitDataset& data) const
{
    LatentCodes out;
    if (!hasLatent() || data.isEmpty()) return out;
    const EncodedDataset e = encodeDataset(module(snapshot_), snapshot_->spec, data.splits()->test);
    const torch::Tensor mean = e.mean.reshape({e.mean.size(0), -1}).to(torch::kFloat32).contiguous();
    out.count = int(mean.size(0));
    out.dim = int(mean.size(1));
    out.mean.assign(mean.data_ptr<float>(), mean.data_ptr<float>() + mean.numel());
    if (e.logvar.defined()) {
        const torch::Tensor lv = e.logvar.reshape({e.logvar.size(0), -1}).to(torch::kFloat32).contiguous();
        out.logvar.assign(lv.data_ptr<float>(), lv.data_ptr<float>() + lv.numel());
    }
    const torch::Tensor labels = e.labels.to(torch::kInt64).contiguous();
    out.labels.resize(size_t(out.count));
    for (int i = 0; i < out.count; ++i) out.labels[size_t(i)] = int(labels.data_ptr<int64_t>()[i]);
    out.storeCentroid();
    return out;
}

QImage ModelSession::reconstruct(const DigitDataset& data, int testIndex) const
{
    if (data.isEmpty() || testIndex < 0 || testIndex >= data.testCount()) return {};
    torch::NoGradGuard noGrad;
    const torch::Tensor clean = data.splits()->test.batch(torch::tensor({int64_t(testIndex)}, torch::kInt64));
    const torch::Tensor label = data.splits()->test.labels.narrow(0, testIndex, 1).to(torch::kLong);
    return toImage(module(snapshot_).reconstructMean(modelInput(snapshot_->spec, clean), label));  // images in [0, 1]
}

void ModelSession::setThreadsForThisThread(int threads)
{
    if (threads > 0 && at::get_num_threads() != threads) at::set_num_threads(threads);
}

bool ModelSession::isConditional() const { return snapshot_->spec.isConditional(); }

bool ModelSession::isSuperResolution() const { return snapshot_->spec.kind == ModelKind::Sr; }

DigitDenoising ModelSession::denoise(const GrayImage& digit, double noiseStd, quint64 seed) const
{
    const DenoiseResult r = denoiseDigit(module(snapshot_), snapshot_->spec, digit, noiseStd, seed);
    DigitDenoising out;
    out.clean = toImage(r.clean.unsqueeze(0));
    out.noisy = toImage(r.noisy.unsqueeze(0));
    out.output = toImage(r.output.unsqueeze(0));
    out.psnrNoisy = r.psnrNoisy;
    out.psnrOutput = r.psnrOutput;
    out.warning = QString::fromStdString(otherDataWarning(snapshot_->spec));
    return out;
}

DigitUpscaling ModelSession::upscale(const GrayImage& digit) const
{
    const UpscaleResult r = upscaleDigit(module(snapshot_), snapshot_->spec, digit);
    DigitUpscaling out;
    const torch::Tensor small = r.small.mul(255.0).round().clamp(0, 255).to(torch::kUInt8).contiguous();
    out.small = QImage(int(small.size(1)), int(small.size(0)), QImage::Format_Grayscale8);
    for (int y = 0; y < out.small.height(); ++y)
        std::memcpy(out.small.scanLine(y), small.data_ptr<uint8_t>() + y * out.small.width(), size_t(out.small.width()));
    out.output = toImage(r.output.unsqueeze(0));
    out.bilinear = toImage(r.bilinear.unsqueeze(0));
    out.psnrOutput = r.psnrOutput;
    out.psnrBilinear = r.psnrBilinear;
    out.psnrBicubic = r.psnrBicubic;
    out.warning = QString::fromStdString(otherDataWarning(snapshot_->spec));
    return out;
}

DigitEncoding ModelSession::encodeDigit(const GrayImage& digit) const
{
    DigitEncoding out;
    if (!hasLatent() || isSuperResolution()) return out;
    torch::NoGradGuard noGrad;
    const torch::Tensor x = toTensor(digit).clamp(0, 1).reshape({1, 1, digit.height, digit.width});
    // A conditional model encodes the digit as the one it is set to draw.
    const torch::Tensor label = torch::full({1}, int64_t(condition()), torch::kLong);
    const Encoding e = module(snapshot_).encode(x, label);
    const torch::Tensor mean = e.mean.flatten(1).to(torch::kFloat32).contiguous();
    out.mean.assign(mean.data_ptr<float>(), mean.data_ptr<float>() + mean.numel());
    if (e.logvar.defined()) {
        const torch::Tensor lv = e.logvar.flatten(1).to(torch::kFloat32).contiguous();
        out.logvar.assign(lv.data_ptr<float>(), lv.data_ptr<float>() + lv.numel());
    }
    out.reconstruction = toImage(decodeAs(module(snapshot_), e.mean, condition()));
    return out;
}

namespace {
QImage sheetImage(const torch::Tensor& u8)
{
    QImage out(int(u8.size(1)), int(u8.size(0)), QImage::Format_Grayscale8);
    const torch::Tensor c = u8.contiguous();
    for (int y = 0; y < out.height(); ++y)
        std::memcpy(out.scanLine(y), c.data_ptr<uint8_t>() + size_t(y) * size_t(out.width()), size_t(out.width()));
    return out;
}

torch::Tensor codeTensor(const std::vector<float>& z) { return torch::tensor(z).reshape({1, int64_t(z.size())}); }
}  // namespace

QImage ModelSession::sampleSheet(int n, int cols, quint64 seed) const
{
    if (latentDim() == 0) return {};
    torch::NoGradGuard noGrad;
    return sheetImage(imageSheet(decodeAs(module(snapshot_), samplePrior(n, latentDim(), seed), condition()), cols));
}

QImage ModelSession::digitRowsSheet(int styles, quint64 seed) const
{
    if (latentDim() == 0 || !isConditional()) return {};
    torch::NoGradGuard noGrad;
    const ClassRows rows = oneRowPerClass(samplePrior(styles, latentDim(), seed), 10);
    return sheetImage(imageSheet(torch::sigmoid(module(snapshot_).decode(rows.z, rows.labels)).squeeze(1), styles));
}

QImage ModelSession::jitterSheet(const std::vector<float>& z, int n, int cols, double sigma, quint64 seed) const
{
    if (latentDim() == 0 || int(z.size()) != latentDim()) return {};
    torch::NoGradGuard noGrad;
    return sheetImage(imageSheet(decodeAs(module(snapshot_), jitterCode(codeTensor(z), n, sigma, seed), condition()), cols));
}

LatentPath ModelSession::interpolate(const std::vector<float>& from, const std::vector<float>& to, int steps, bool spherical) const
{
    LatentPath out;
    if (latentDim() == 0 || int(from.size()) != latentDim() || int(to.size()) != latentDim()) return out;
    torch::NoGradGuard noGrad;
    const torch::Tensor path = interpolatePath(codeTensor(from), codeTensor(to), steps, spherical).contiguous();
    for (int64_t i = 0; i < path.size(0); ++i)
        out.points.emplace_back(path[i].data_ptr<float>(), path[i].data_ptr<float>() + path.size(1));
    out.strip = sheetImage(imageSheet(decodeAs(module(snapshot_), path, condition()), path.size(0)));
    return out;
}

EmbeddingScores ModelSession::scores(const DigitDataset& data) const
{
    EmbeddingScores s;
    if (!hasLatent() || data.isEmpty()) return s;
    const EncodedDataset train = encodeDataset(module(snapshot_), snapshot_->spec, data.splits()->train);
    const EncodedDataset test = encodeDataset(module(snapshot_), snapshot_->spec, data.splits()->test);
    s.knn = knnAccuracy(train.mean, train.labels, test.mean, test.labels, 5);
    s.silhouette = silhouetteScore(test.mean, test.labels);
    // Reconstructions: the model's (mean code) against PCA's with as many components.
    torch::NoGradGuard noGrad;
    const ImageDataset& testSet = data.splits()->test;
    const torch::Tensor clean = testSet.allImages();
    std::vector<torch::Tensor> outputs;
    for (int64_t start = 0; start < testSet.size(); start += 1000) {
        const int64_t len = std::min<int64_t>(1000, testSet.size() - start);
        outputs.push_back(module(snapshot_).reconstructMean(modelInput(snapshot_->spec, clean.narrow(0, start, len)),
                                                           testSet.labels.narrow(0, start, len).to(torch::kLong)));
    }
    s.reconMse = (torch::cat(outputs) - clean).square().mean().item<double>();
    const int k = std::min<int>(latentDim(), 784);
    const torch::Tensor trainFlat = data.splits()->train.allImages().flatten(1), testFlat = clean.flatten(1);
    const Pca pca = Pca::fit(trainFlat, k);
    s.pcaMse = (pca.inverseTransform(pca.transform(testFlat)) - testFlat).square().mean().item<double>();
    s.pcaComponents = k;
    const torch::Tensor mean = pca.mean().to(torch::kFloat32).contiguous(), basis = pca.components().to(torch::kFloat32).contiguous();
    s.pcaMean.assign(mean.data_ptr<float>(), mean.data_ptr<float>() + mean.numel());
    s.pcaBasis.assign(basis.data_ptr<float>(), basis.data_ptr<float>() + basis.numel());
    return s;
}

PcaComparison ModelSession::pcaComparison(const DigitDataset& data, int components)
{
    PcaComparison out;
    if (data.isEmpty()) return out;
    torch::NoGradGuard noGrad;
    const ImageDataset& train = data.splits()->train;
    const ImageDataset& test = data.splits()->test;
    const torch::Tensor trainFlat = train.allImages().flatten(1), testFlat = test.allImages().flatten(1);
    const Pca pca = Pca::fit(trainFlat, components);
    const torch::Tensor trainCodes = pca.transform(trainFlat), testCodes = pca.transform(testFlat).to(torch::kFloat32).contiguous();
    out.scores.knn = knnAccuracy(trainCodes, train.labels, testCodes, test.labels, 5);
    out.scores.silhouette = silhouetteScore(testCodes, test.labels);
    out.codes.count = int(testCodes.size(0));
    out.codes.dim = int(testCodes.size(1));
    out.codes.mean.assign(testCodes.data_ptr<float>(), testCodes.data_ptr<float>() + testCodes.numel());
    const torch::Tensor labels = test.labels.to(torch::kLong).contiguous();
    out.codes.labels.assign(labels.data_ptr<int64_t>(), labels.data_ptr<int64_t>() + labels.numel());
    return out;
}

QImage ModelSession::pcaReconstruction(const EmbeddingScores& s, const QImage& digit)
{
    if (s.pcaComponents <= 0 || digit.isNull() || int(s.pcaMean.size()) != digit.width() * digit.height()) return {};
    const QImage g = digit.convertToFormat(QImage::Format_Grayscale8);
    const size_t d = s.pcaMean.size();
    std::vector<float> x(d), out(s.pcaMean);
    for (int y = 0; y < g.height(); ++y)
        for (int c = 0; c < g.width(); ++c) x[size_t(y) * size_t(g.width()) + size_t(c)] = g.constScanLine(y)[c] / 255.f - s.pcaMean[size_t(y) * size_t(g.width()) + size_t(c)];
    // Project on each unit component and add it back: out = mean + sum_k (x . c_k) c_k.
    for (int k = 0; k < s.pcaComponents; ++k) {
        const float* c = s.pcaBasis.data() + size_t(k) * d;
        double dot = 0;
        for (size_t i = 0; i < d; ++i) dot += double(x[i]) * c[i];
        for (size_t i = 0; i < d; ++i) out[i] += float(dot) * c[i];
    }
    QImage img(g.width(), g.height(), QImage::Format_Grayscale8);
    for (int y = 0; y < g.height(); ++y)
        for (int c = 0; c < g.width(); ++c)
            img.scanLine(y)[c] = uchar(std::lround(std::clamp(out[size_t(y) * size_t(g.width()) + size_t(c)], 0.f, 1.f) * 255.f));
    return img;
}
