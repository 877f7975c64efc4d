#pragma once
// Plain data shared by the latent view, the window and the training worker; no torch, no widgets.
#include <QImage>
#include <QPointF>
#include <QRectF>

#include <vector>

// Encoded test digits, row-major [count x dim].
struct LatentCodes {
    int count = 0, dim = 0;
    std::vector<float> mean, logvar;  // logvar empty for deterministic encoders
    std::vector<int> labels;
    float at(int i, int d) const { return mean[size_t(i) * size_t(dim) + size_t(d)]; }
    // Per-dimension mean over all codes (the "others held at the mean" slice). The cursor needs
    // it on every drag update, so encoders store it once (storeCentroid) instead of O(N x D) a move.
    std::vector<float> centroid() const;
    void storeCentroid();
    std::vector<float> storedCentroid;
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

// What the user asked of the grid and of the 2-D slice, independent of any model: the latent
// panel edits it, the window and the training worker apply it to a model's codes.
struct GridSettings {
    enum class Area { FitCodes, Range, Gaussian };
    enum class Held { Zero, Mean, Selected };  // where the dims that are not plotted are held
    int n = 20;
    Area area = Area::FitCodes;
    double range = 3.0;
    int dimX = 0, dimY = 1;
    Held held = Held::Zero;
    int condition = 0;  // the digit a conditional VAE draws

    bool operator==(const GridSettings& o) const
    {
        return n == o.n && area == o.area && range == o.range && dimX == o.dimX && dimY == o.dimY && held == o.held &&
               condition == o.condition;
    }
    bool operator!=(const GridSettings& o) const { return !(*this == o); }
    // selectedCode: the selected digit's code, or empty.
    std::vector<float> heldValues(int latentDim, const LatentCodes* codes, const std::vector<float>& selectedCode) const;
    GridSpec spec(int latentDim, const LatentCodes* codes, const std::vector<float>& selectedCode) const;
    // The full latent vector of a point (x, y) of the plotted dims.
    std::vector<float> latentVector(const QPointF& xy, int latentDim, const LatentCodes* codes,
                                    const std::vector<float>& selectedCode) const;
};
