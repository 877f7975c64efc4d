#pragma once
// No torch headers: widgets and the main window include this.
#include "session/LatentGrid.h"
#include "session/ModelSnapshot.h"

#include <QImage>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

class DigitDataset;
namespace at {
class Tensor;
}
namespace latent {
struct TrainingHistory;
class DisplayDecoder;
struct GrayImage;
}  // namespace latent

// A user's digit through the models (see core/DigitRestoration.h); images are 28x28 Grayscale8
// unless said otherwise.
struct DigitDenoising {
    QImage clean, noisy, output;
    double psnrNoisy = 0, psnrOutput = 0;
    QString warning;  // the model was trained on other data
};
struct DigitUpscaling {
    QImage small, output, bilinear;  // small: 14x14 or 7x7
    double psnrOutput = 0, psnrBilinear = 0, psnrBicubic = 0;
    QString warning;
};
// A decoded path through latent space.
struct LatentPath {
    std::vector<std::vector<float>> points;  // steps x latentDim
    QImage strip;                            // the decoded digits side by side, Grayscale8
};
// How well an embedding of the test digits separates the classes, and (for a model) how well it
// reconstructs them next to PCA with as many components as the code has values.
struct EmbeddingScores {
    double knn = 0, silhouette = 0;     // 5-NN accuracy (train -> test) and mean silhouette
    double reconMse = -1, pcaMse = -1;  // per-pixel MSE on the test split (-1: not computed)
    int pcaComponents = 0;
    std::vector<float> pcaMean, pcaBasis;  // [784] and [pcaComponents x 784]: PCA reconstructions
};
// The 2-D PCA projection of the test digits (fit on the training split), as codes to plot.
struct PcaComparison {
    LatentCodes codes;
    EmbeddingScores scores;
};

struct DigitEncoding {
    std::vector<float> mean, logvar;  // logvar empty for deterministic encoders
    QImage reconstruction;
};

// Runs a model snapshot for the window: decoding, encoding, sheets, a user's digit, scores, and
// saving or exporting it. Never the model that is training. Inference only; safe to call from
// several threads at once.
class InferenceSession {
public:
    explicit InferenceSession(ModelSnapshot snapshot);
    // Opens a checkpoint file; on failure returns null and sets *error.
    static std::shared_ptr<InferenceSession> open(const QString& path, QString* error);
    bool save(const QString& path, QString* error) const;
    // encode(x) and decode(z) as a TorchScript module that PyTorch loads (torch.jit.load).
    bool exportTorchScript(const QString& path, QString* error) const;

    ModelSnapshot snapshot() const { return snapshot_; }
    QString description() const;
    QString kindName() const;  // "vae", "ae", ...
    // How it was trained: losses and the map's snapshots (empty for files saved without them).
    const latent::TrainingHistory& history() const;
    QString datasetName() const;
    int latentDim() const;  // size of the code the decoder takes (0 when there is none)
    int epochsDone() const;
    bool isVariational() const;
    bool generates() const;             // random codes decode to digits: see ModelSpec::generates
    bool samplesFittedDensity() const;  // samples come from a density fitted to the codes (the map)
    bool hasLatent() const;
    bool canEncode() const;      // false for a TorchScript module with decode(z) alone
    bool isTorchScript() const;  // made elsewhere: opened, never trained or saved as a checkpoint

    // Decodes one latent vector of latentDim() values into a 28x28 Grayscale8 image.
    QImage decode(const std::vector<float>& z) const;
    DecodedGrid decodeGrid(const GridSpec& spec) const;
    // How long an n x n grid took to decode here, from the last grid decoded (0 before any):
    // whether a coarse grid is worth showing first.
    double expectedGridSeconds(int n) const { return secondsPerGridImage_.load() * n * n; }
    // Encodes the test split of data (means, log-variances, labels).
    LatentCodes encode(const DigitDataset& data) const;
    // The model's output for one test digit (for dae and sr: from its noisy or small input).
    QImage reconstruct(const DigitDataset& data, int testIndex) const;

    // A 28x28 digit in [0, 1] (from the core's preprocessing). Throw std::invalid_argument when
    // the model cannot do it (denoise with an sr model, upscale with anything but sr).
    DigitDenoising denoise(const latent::GrayImage& digit, double noiseStd, quint64 seed) const;
    DigitUpscaling upscale(const latent::GrayImage& digit) const;
    DigitEncoding encodeDigit(const latent::GrayImage& digit) const;
    bool canDenoise() const;  // maps a 28x28 digit to a 28x28 digit without being told which
    bool isSuperResolution() const;
    bool isDenoiser() const;  // trained to remove noise (a dae)
    // A conditional VAE draws the digit set here (0-9) wherever it decodes; thread-safe.
    bool isConditional() const;
    void setCondition(int digit) { condition_.store(digit); }
    int condition() const { return condition_.load(); }

    // Generating (seeded, reproducible): a sheet of decoded prior samples, a sheet of variations of
    // one code (z + sigma * eps), and the decoded path between two codes.
    QImage sampleSheet(int n, int cols, quint64 seed) const;
    // Conditional models: `styles` prior samples, each drawn as every digit: row d is digit d,
    // column s the same style vector throughout.
    QImage digitRowsSheet(int styles, quint64 seed) const;
    QImage jitterSheet(const std::vector<float>& z, int n, int cols, double sigma, quint64 seed) const;
    LatentPath interpolate(const std::vector<float>& from, const std::vector<float>& to, int steps, bool spherical) const;
    // 5-NN and silhouette of this model's codes (encodes the training split too: background work).
    EmbeddingScores scores(const DigitDataset& data) const;
    // PCA needs no model: the same comparison for the pixels themselves.
    static PcaComparison pcaComparison(const DigitDataset& data, int components = 2);
    // A test digit rebuilt from its first pcaComponents principal components (Grayscale8 28x28).
    static QImage pcaReconstruction(const EmbeddingScores& scores, const QImage& digit);

    // LibTorch's (OpenMP) threads for work started from the calling thread: background jobs use
    // one while training holds the cores.
    static void setThreadsForThisThread(int threads);

private:
    // The labels a conditional model decodes with (the digit set by setCondition); none otherwise.
    at::Tensor labelsFor(int64_t n) const;

    ModelSnapshot snapshot_;
    // Decodes the pictures (the grid, the drag, sheets) and keeps the snapshot's bf16 weight copies.
    std::shared_ptr<latent::DisplayDecoder> display_;
    std::atomic<int> condition_{0};
    mutable std::atomic<double> secondsPerGridImage_{0};
};

using InferenceSessionPtr = std::shared_ptr<InferenceSession>;
