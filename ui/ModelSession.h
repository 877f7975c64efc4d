#pragma once
// No torch headers: widgets and the main window include this.
#include "TrainingWorker.h"  // ModelSnapshot

#include <QImage>
#include <QRectF>
#include <QString>

#include <memory>
#include <vector>

class DigitDataset;

// Encoded test digits, row-major [count x dim].
struct LatentCodes {
    int count = 0, dim = 0;
    std::vector<float> mean, logvar;  // logvar empty for deterministic encoders
    std::vector<int> labels;
    float at(int i, int d) const { return mean[size_t(i) * size_t(dim) + size_t(d)]; }
    // Per-dimension mean over all codes (the "others held at the mean" slice).
    std::vector<float> centroid() const;
    // Bounding box of dims (dx, dy); empty rect when there are no codes.
    QRectF bounds(int dx, int dy) const;
};

// Where the n x n manifold grid is decoded: a uniform grid over a rectangle of two latent dims,
// or Gaussian quantiles z = Phi^-1(p) (Kingma & Welling), other dims held at base.
struct GridSpec {
    int n = 20;
    bool gaussian = false;
    QRectF area = QRectF(-3, -3, 6, 6);  // latent x, y ranges for the uniform grid
    int dimX = 0, dimY = 1;
    std::vector<float> base;  // full latent vector for the held dims (zeros when empty)
};

struct DecodedGrid {
    int n = 0;
    QImage image;            // (n*28) x (n*28) Grayscale8, row 0 at the top (largest y)
    std::vector<double> xs;  // latent x of each column's centre, ascending
    std::vector<double> ys;  // latent y of each row's centre, descending
    bool isNull() const { return n == 0; }
};

// A trained model the GUI thread (and its background jobs) may use: wraps a published snapshot,
// never the model that is training. Inference only; safe to call from several threads at once.
class ModelSession {
public:
    explicit ModelSession(ModelSnapshot snapshot);
    // Opens a checkpoint file; on failure returns null and sets *error.
    static std::shared_ptr<ModelSession> open(const QString& path, QString* error);
    bool save(const QString& path, QString* error) const;

    ModelSnapshot snapshot() const { return snapshot_; }
    QString description() const;
    QString kindName() const;   // "vae", "ae", ...
    QString datasetName() const;
    int latentDim() const;      // size of the code the decoder takes (0 when there is none)
    int epochsDone() const;
    bool isVariational() const;
    bool hasLatent() const;

    // Decodes one latent vector of latentDim() values into a 28x28 Grayscale8 image.
    QImage decode(const std::vector<float>& z) const;
    DecodedGrid decodeGrid(const GridSpec& spec) const;
    // Encodes the test split of data (means, log-variances, labels).
    LatentCodes encode(const DigitDataset& data) const;
    // The model's output for one test digit (for dae and sr: from its noisy or small input).
    QImage reconstruct(const DigitDataset& data, int testIndex) const;

    // LibTorch's (OpenMP) threads for work started from the calling thread: background jobs use
    // one while training holds the cores.
    static void setThreadsForThisThread(int threads);

private:
    ModelSnapshot snapshot_;
};

using ModelSessionPtr = std::shared_ptr<ModelSession>;
