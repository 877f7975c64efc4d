#include "session/InferenceSession.h"

#include "analysis/Analysis.h"
#include "persistence/Checkpoint.h"
#include "session/DigitDataset.h"
#include "image/DigitRestoration.h"
#include "analysis/Generation.h"
#include "analysis/Scores.h"
#include "models/ModelCatalog.h"
#include "persistence/TorchScriptModel.h"
#include "runtime/ParallelFor.h"
#include "data/ImageDataset.h"
#include "data/Transforms.h"
#include "models/ModelInput.h"

#include <QCoreApplication>

#include <chrono>
#include <cmath>

using namespace latent;

namespace {

// uint8 [h, w] -> a Grayscale8 image of the same size: the one place tensors become pictures.
QImage grayImage(const torch::Tensor& u8)
{
    const torch::Tensor c = u8.contiguous();
    QImage out(int(c.size(1)), int(c.size(0)), QImage::Format_Grayscale8);
    for (int y = 0; y < out.height(); ++y)
        std::memcpy(out.scanLine(y), c.data_ptr<uint8_t>() + size_t(y) * size_t(out.width()), size_t(out.width()));
    return out;
}

// float [B, h, w] (or [B, 1, h, w]) in [0, 1] -> item `index` as a picture, rounded as the core's
// PNG writer does, so the GUI shows exactly what the CLI writes.
QImage toImage(const torch::Tensor& images, int64_t index = 0)
{
    return grayImage(toGrayLevels(images.reshape({images.size(0), images.size(-2), images.size(-1)})[index]));
}

AutoencoderImpl& module(const ModelSnapshot& s) { return *s->model; }

torch::Tensor codeTensor(const std::vector<float>& z) { return torch::tensor(z).reshape({1, int64_t(z.size())}); }

}  // namespace

InferenceSession::InferenceSession(ModelSnapshot snapshot)
    : snapshot_(std::move(snapshot)), display_(std::make_shared<latent::DisplayDecoder>(snapshot_->model))
{
    // Set once here: eval() is not safe to call while another thread runs the model.
    snapshot_->model->eval();
}

std::shared_ptr<InferenceSession> InferenceSession::open(const QString& path, QString* error)
{
    try {
        auto loaded = std::make_shared<ModelCheckpoint>(latent::loadModel(path.toStdString()));
        return std::make_shared<InferenceSession>(ModelSnapshot(loaded));
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return nullptr;
    }
}

bool InferenceSession::save(const QString& path, QString* error) const
{
    if (isTorchScript()) {
        if (error)
            *error = QCoreApplication::translate(
                "InferenceSession",
                "A TorchScript module made elsewhere stays in its own file; models trained here can be exported as TorchScript.");
        return false;
    }
    try {
        Checkpoint::save(path.toStdString(), snapshot_->spec, module(snapshot_), snapshot_->training, snapshot_->history);
        return true;
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
}

bool InferenceSession::exportTorchScript(const QString& path, QString* error) const
{
    try {
        TorchScriptModel::exportModule(path.toStdString(), snapshot_->spec, module(snapshot_));
        return true;
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
}

QString InferenceSession::description() const { return QString::fromStdString(snapshot_->spec.describe()); }
QString InferenceSession::kindName() const { return QString::fromStdString(toString(snapshot_->spec.kind)); }
QString InferenceSession::datasetName() const { return QString::fromStdString(snapshot_->spec.dataset); }
int InferenceSession::latentDim() const { return hasLatent() ? snapshot_->spec.codeSize() : 0; }
int InferenceSession::epochsDone() const { return snapshot_->spec.epochsDone; }
bool InferenceSession::isVariational() const { return snapshot_->spec.isVariational(); }
bool InferenceSession::generates() const { return snapshot_->spec.generates(); }
bool InferenceSession::samplesFittedDensity() const { return snapshot_->spec.samplesFittedDensity(); }
bool InferenceSession::hasLatent() const { return snapshot_->spec.hasLatent(); }
bool InferenceSession::canEncode() const { return hasLatent() && snapshot_->spec.hasEncoder; }
bool InferenceSession::isTorchScript() const { return snapshot_->spec.isTorchScript(); }

QImage InferenceSession::decode(const std::vector<float>& z) const
{
    const int dim = latentDim();
    if (dim == 0 || int(z.size()) != dim) return {};
    torch::NoGradGuard noGrad;
    // One image (the drag): on this thread alone (see SerialRegion).
    const latent::SerialRegion serial(at::get_num_threads());
    const torch::Tensor t = torch::from_blob(const_cast<float*>(z.data()), {1, dim}, torch::kFloat32).clone();
    return toImage(decodeImages(*display_, t, labelsFor(1)));
}

DecodedGrid InferenceSession::decodeGrid(const GridSpec& spec) const
{
    DecodedGrid out;
    const int dim = latentDim();
    if (dim == 0 || spec.n < 1 || spec.dimX >= dim || spec.dimY >= dim) return out;
    GridOptions o;
    o.n = spec.n;
    o.gaussianQuantiles = spec.gaussian;
    o.area = GridArea{spec.area.left(), spec.area.right(), spec.area.top(), spec.area.bottom()};  // QRectF: bottom() is the max y
    o.dimX = spec.dimX;
    o.dimY = spec.dimY;
    o.base = spec.base;
    o.digit = isConditional() ? condition() : -1;
    const GridAxes axes = gridAxes(o);
    out.n = spec.n;
    out.xs = axes.xs;
    out.ys = axes.ys;
    const auto start = std::chrono::steady_clock::now();
    out.image = grayImage(latent::decodeGrid(*display_, dim, o));
    secondsPerGridImage_.store(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / (spec.n * spec.n));
    return out;
}

LatentCodes InferenceSession::encode(const DigitDataset& data) const
{
    LatentCodes out;
    if (!canEncode() || data.isEmpty()) return out;
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

QImage InferenceSession::reconstruct(const DigitDataset& data, int testIndex) const
{
    if (!canEncode() || data.isEmpty() || testIndex < 0 || testIndex >= data.testCount()) return {};
    torch::NoGradGuard noGrad;
    const torch::Tensor clean = data.splits()->test.batch(torch::tensor({int64_t(testIndex)}, torch::kInt64));
    const torch::Tensor label = data.splits()->test.labels.narrow(0, testIndex, 1).to(torch::kLong);
    return toImage(module(snapshot_).reconstructMean(modelInput(snapshot_->spec, clean), label));
}

void InferenceSession::setThreadsForThisThread(int threads)
{
    if (threads > 0 && at::get_num_threads() != threads) at::set_num_threads(threads);
}

const latent::TrainingHistory& InferenceSession::history() const
{
    static const latent::TrainingHistory none;
    return snapshot_ ? snapshot_->history : none;
}

bool InferenceSession::isConditional() const { return snapshot_->spec.isConditional(); }

bool InferenceSession::isSuperResolution() const { return ModelCatalog::info(snapshot_->spec.kind).smallInput; }

bool InferenceSession::isDenoiser() const { return snapshot_->spec.kind == latent::ModelKind::Dae; }

bool InferenceSession::canDenoise() const
{
    const ModelKindInfo& kind = ModelCatalog::info(snapshot_->spec.kind);
    return kind.reconstructs && !kind.conditional && canEncode();
}

DigitDenoising InferenceSession::denoise(const GrayImage& digit, double noiseStd, quint64 seed) const
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

DigitUpscaling InferenceSession::upscale(const GrayImage& digit) const
{
    const UpscaleResult r = upscaleDigit(module(snapshot_), snapshot_->spec, digit);
    DigitUpscaling out;
    out.small = grayImage(toGrayLevels(r.small));
    out.output = toImage(r.output.unsqueeze(0));
    out.bilinear = toImage(r.bilinear.unsqueeze(0));
    out.psnrOutput = r.psnrOutput;
    out.psnrBilinear = r.psnrBilinear;
    out.psnrBicubic = r.psnrBicubic;
    out.warning = QString::fromStdString(otherDataWarning(snapshot_->spec));
    return out;
}

DigitEncoding InferenceSession::encodeDigit(const GrayImage& digit) const
{
    DigitEncoding out;
    if (!canEncode() || isSuperResolution()) return out;
    torch::NoGradGuard noGrad;
    const torch::Tensor x = toTensor(digit).clamp(0, 1).reshape({1, 1, digit.height, digit.width});
    // A conditional model encodes the digit as the one it is set to draw.
    const Encoding e = module(snapshot_).encode(x, labelsFor(1));
    const torch::Tensor mean = e.mean.flatten(1).to(torch::kFloat32).contiguous();
    out.mean.assign(mean.data_ptr<float>(), mean.data_ptr<float>() + mean.numel());
    if (e.logvar.defined()) {
        const torch::Tensor lv = e.logvar.flatten(1).to(torch::kFloat32).contiguous();
        out.logvar.assign(lv.data_ptr<float>(), lv.data_ptr<float>() + lv.numel());
    }
    out.reconstruction = toImage(decodeImages(*display_, e.mean, labelsFor(1)));
    return out;
}

torch::Tensor InferenceSession::labelsFor(int64_t n) const { return digitLabels(n, isConditional() ? condition() : -1); }

QImage InferenceSession::sampleSheet(int n, int cols, quint64 seed) const
{
    if (latentDim() == 0) return {};
    torch::NoGradGuard noGrad;
    return grayImage(imageSheet(decodeImages(*display_, sampleCodes(module(snapshot_), n, latentDim(), seed), labelsFor(n)), cols));
}

QImage InferenceSession::digitRowsSheet(int styles, quint64 seed) const
{
    if (latentDim() == 0 || !isConditional()) return {};
    torch::NoGradGuard noGrad;
    const ClassRows rows = oneRowPerClass(sampleCodes(module(snapshot_), styles, latentDim(), seed), kDigitClasses);
    return grayImage(imageSheet(decodeImages(*display_, rows.z, rows.labels), styles));
}

QImage InferenceSession::jitterSheet(const std::vector<float>& z, int n, int cols, double sigma, quint64 seed) const
{
    if (latentDim() == 0 || int(z.size()) != latentDim()) return {};
    torch::NoGradGuard noGrad;
    return grayImage(imageSheet(decodeImages(*display_, jitterCode(codeTensor(z), n, sigma, seed), labelsFor(n)), cols));
}

LatentPath InferenceSession::interpolate(const std::vector<float>& from, const std::vector<float>& to, int steps, bool spherical) const
{
    LatentPath out;
    if (latentDim() == 0 || int(from.size()) != latentDim() || int(to.size()) != latentDim()) return out;
    torch::NoGradGuard noGrad;
    const torch::Tensor path = interpolatePath(codeTensor(from), codeTensor(to), steps, spherical).contiguous();
    for (int64_t i = 0; i < path.size(0); ++i) out.points.emplace_back(path[i].data_ptr<float>(), path[i].data_ptr<float>() + path.size(1));
    out.strip = grayImage(imageSheet(decodeImages(*display_, path, labelsFor(path.size(0))), path.size(0)));
    return out;
}

EmbeddingScores InferenceSession::scores(const DigitDataset& data) const
{
    EmbeddingScores s;
    if (!canEncode() || data.isEmpty()) return s;
    const DatasetSplits& splits = *data.splits();
    const EncodedDataset train = encodeDataset(module(snapshot_), snapshot_->spec, splits.train);
    const EncodedDataset test = encodeDataset(module(snapshot_), snapshot_->spec, splits.test);
    const ClassSeparation separation = classSeparation(train.mean, train.labels, test.mean, test.labels);
    s.knn = separation.knn;
    s.silhouette = separation.silhouette;
    // Reconstructions: the model's (mean code) against PCA's with as many components.
    const Reconstructions rec = reconstructDataset(module(snapshot_), snapshot_->spec, splits.test);
    s.reconMse = (rec.output - splits.test.allImages()).square().mean().item<double>();
    const PcaBaseline pca = fitPcaBaseline(splits.train, splits.test, std::min(latentDim(), kImagePixels));
    s.pcaMse = pca.reconMse;
    s.pcaComponents = int(pca.pca.components().size(0));
    const torch::Tensor mean = pca.pca.mean().to(torch::kFloat32).contiguous(),
                        basis = pca.pca.components().to(torch::kFloat32).contiguous();
    s.pcaMean.assign(mean.data_ptr<float>(), mean.data_ptr<float>() + mean.numel());
    s.pcaBasis.assign(basis.data_ptr<float>(), basis.data_ptr<float>() + basis.numel());
    return s;
}

PcaComparison InferenceSession::pcaComparison(const DigitDataset& data, int components)
{
    PcaComparison out;
    if (data.isEmpty()) return out;
    const DatasetSplits& splits = *data.splits();
    const PcaBaseline pca = fitPcaBaseline(splits.train, splits.test, components);
    const ClassSeparation separation = classSeparation(pca.trainCodes, splits.train.labels, pca.testCodes, splits.test.labels);
    out.scores.knn = separation.knn;
    out.scores.silhouette = separation.silhouette;
    const torch::Tensor testCodes = pca.testCodes.to(torch::kFloat32).contiguous();
    out.codes.count = int(testCodes.size(0));
    out.codes.dim = int(testCodes.size(1));
    out.codes.mean.assign(testCodes.data_ptr<float>(), testCodes.data_ptr<float>() + testCodes.numel());
    const torch::Tensor labels = splits.test.labels.to(torch::kLong).contiguous();
    out.codes.labels.assign(labels.data_ptr<int64_t>(), labels.data_ptr<int64_t>() + labels.numel());
    return out;
}

QImage InferenceSession::pcaReconstruction(const EmbeddingScores& s, const QImage& digit)
{
    if (s.pcaComponents <= 0 || digit.isNull() || int(s.pcaMean.size()) != digit.width() * digit.height()) return {};
    const QImage g = digit.convertToFormat(QImage::Format_Grayscale8);
    const size_t d = s.pcaMean.size();
    std::vector<float> x(d), out(s.pcaMean);
    for (int y = 0; y < g.height(); ++y)
        for (int c = 0; c < g.width(); ++c)
            x[size_t(y) * size_t(g.width()) + size_t(c)] =
                g.constScanLine(y)[c] / 255.f - s.pcaMean[size_t(y) * size_t(g.width()) + size_t(c)];
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
