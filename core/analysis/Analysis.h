#pragma once
#include "inference/DisplayDecoder.h"
#include "models/Autoencoder.h"
#include "data/ImageDataset.h"
#include "models/ModelSpec.h"

#include <optional>
#include <vector>

namespace latent {

struct EncodedDataset {
    torch::Tensor mean;    // [N, code]
    torch::Tensor logvar;  // [N, code]; undefined for deterministic encoders
    torch::Tensor labels;  // [N] int64
};

// Encodes a whole dataset (clean images, or what the model is fed for dae/sr), without gradients.
EncodedDataset encodeDataset(AutoencoderImpl& model, const ModelSpec& spec, const ImageDataset& data, int batchSize = kEvalBatch);

// The rectangle a grid spans in the two plotted dims.
struct GridArea {
    double left = -3, right = 3, bottom = -3, top = 3;
};

struct GridOptions {
    int n = 20;
    double range = 3.0;              // uniform grid over [-range, range] in the two plotted dims
    std::optional<GridArea> area;    // or over this rectangle
    bool gaussianQuantiles = false;  // instead: z = Phi^-1(p) for p evenly spaced in (0.05, 0.95)
    int dimX = 0, dimY = 1;          // which latent dims vary (for latent sizes above 2)
    std::vector<float> base;         // values of the other dims (zeros if empty)
    int digit = -1;                  // conditional models: the digit every cell draws
};

// The grid's coordinates along its two dims: xs left to right, ys top (largest) to bottom.
struct GridAxes {
    std::vector<double> xs, ys;
};
GridAxes gridAxes(const GridOptions& options);
// Latent coordinates of grid cell (row, col): row 0 is the top, i.e. the largest y.
std::vector<float> gridCoordinates(const GridOptions& options, int latentDim);  // [n*n*latentDim]
// Decodes the grid into one image: uint8 [n*28, n*28].
torch::Tensor decodeGrid(DisplayDecoder& decoder, int latentDim, const GridOptions& options);
// Decodes latent vectors [B, latent] into images float [B, 28, 28] in [0, 1] for display
// (inference/DisplayDecoder); labels (int64 [B]) say which digits a conditional model draws
// (digitLabels() makes them; noLabels() for others).
torch::Tensor decodeImages(DisplayDecoder& decoder, const torch::Tensor& z, const torch::Tensor& labels);
// The same through a decoder made for this call: for a one-off picture (whose bf16 weight copies,
// made again every call, cost ~0.3 ms: a session keeps its DisplayDecoder).
torch::Tensor decodeGrid(AutoencoderImpl& model, int latentDim, const GridOptions& options);
torch::Tensor decodeImages(AutoencoderImpl& model, const torch::Tensor& z, const torch::Tensor& labels);
// Images float [B, h, w] in [0, 1] as uint8 grey levels, rounded as every front end shows them.
torch::Tensor toGrayLevels(const torch::Tensor& images01);

// Principal component analysis by eigen-decomposition of the covariance matrix.
class Pca {
public:
    // data: [N, D] float; keeps the k leading components.
    static Pca fit(const torch::Tensor& data, int64_t k);
    torch::Tensor transform(const torch::Tensor& data) const;             // [N, k]
    torch::Tensor inverseTransform(const torch::Tensor& codes) const;     // [N, D]
    const torch::Tensor& components() const { return components_; }       // [k, D], unit rows
    const torch::Tensor& explainedVariance() const { return variance_; }  // [k], descending
    const torch::Tensor& mean() const { return mean_; }

private:
    torch::Tensor mean_, components_, variance_;
};

// k-nearest-neighbour (Euclidean) classification accuracy of test points against train points;
// ties in the vote go to the class of the nearest tied neighbour.
double knnAccuracy(const torch::Tensor& trainX, const torch::Tensor& trainY, const torch::Tensor& testX, const torch::Tensor& testY,
                   int k = 5);
// The k-nearest-neighbour vote for each query (long [N]), ties as above.
torch::Tensor knnPredict(const torch::Tensor& trainX, const torch::Tensor& trainY, const torch::Tensor& queries, int k = 5);

// Mean silhouette coefficient of an embedding [N, D] under its labels (Euclidean): how well each
// point sits with its own class rather than the nearest other one, in [-1, 1]. At most maxPoints
// points, taken evenly, so that the N x N distances stay small.
double silhouetteScore(const torch::Tensor& points, const torch::Tensor& labels, int64_t maxPoints = 4000);

// Peak signal-to-noise ratio in dB with peak 1, averaged over images ([B, ...] each); an exact
// match counts as 100 dB so that the mean stays finite.
double psnr(const torch::Tensor& images, const torch::Tensor& reference);

}  // namespace latent
