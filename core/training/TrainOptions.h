#pragma once
#include <cstdint>
#include <map>
#include <string>

namespace latent {

enum class OptimizerKind { Adam, RmsProp };
OptimizerKind parseOptimizerKind(const std::string& text);

// The big products of the MLP VAE's training step: bf16 operands summed in float where the CPU does
// that natively (Auto), or float throughout. Measured: the same test -ELBO within 0.5 nats (docs/PERFORMANCE.md).
enum class MatmulPrecision { Auto, Float32, BFloat16 };
MatmulPrecision parseMatmulPrecision(const std::string& text);  // "auto", "fp32", "bf16"

// The separated map's neighbour loss (training/UmapMapTrainStep.h, training/TsneMapTrainStep.h).
enum class MapObjective { Umap, Tsne };
MapObjective parseMapObjective(const std::string& text);  // "umap", "tsne"

struct TrainOptions {
    int epochs = 10;     // in all: a resumed run goes on from startEpoch to epochs
    int startEpoch = 0;  // epochs the model has already been trained (resume)
    int batchSize = 128;
    double learningRate = 1e-3;
    double beta = 1.0;       // weight of the KL term
    int klWarmupEpochs = 0;  // beta ramps linearly from 0 over this many epochs
    uint64_t seed = 0;
    OptimizerKind optimizer = OptimizerKind::Adam;
    int progressEvery = 20;   // steps between progress callbacks
    int testBatchSize = 256;  // kEvalBatch (models/Autoencoder.h)
    // 0: one per allowed core, fewer while other processes hold cores (ThreadGovernor, checked
    // as training goes); N: exactly N (the same seed and N give the same result)
    int threads = 0;
    // aae: discriminator and generator phases (0: half of learningRate, the best of a sweep of
    // 0.2x-3x on MNIST: slower lets the codes spread too wide, faster shifts their mean)
    double adversarialLearningRate = 0;
    // bf16 operands for the products (MLP VAE step) and convolutions (autograd step, autocast);
    // Auto: where the CPU has AVX512-BF16 and the model trains faster so (see AutogradTrainStep).
    MatmulPrecision matmul = MatmulPrecision::Auto;
    // map: which neighbour loss (UMAP over one graph of the training set, or t-SNE within each
    // batch) and its weight beside the reconstruction (default: 10 for UMAP, 50 for t-SNE)
    MapObjective mapObjective = MapObjective::Umap;
    double mapWeight = 10;
    // UMAP: neighbours per image in the graph, the codes' min_dist, negative samples per edge, the
    // weight of the pull towards UMAP's own layout, the random shift of the encoder's inputs (pixels)
    int neighbours = 15;
    double minDist = 0.1;
    int negatives = 10;
    double layoutWeight = 10;
    int mapShift = 1;
    double mapDropout = 0.2;  // UMAP: share of the encoder's input pixels zeroed at random
    // t-SNE: the perplexity of the images' neighbourhoods (about how many neighbours each keeps close)
    double perplexity = 3;
    // Where the steps compute: a device name resolveDevice gave ("cpu", "cuda:0"; runtime/ComputeDevice.h).
    // The model is moved there when training starts; the hand-written CPU steps run only on "cpu".
    std::string device = "cpu";
};

// The options a checkpoint's stored run settings describe ("batch", "lr", "adversarial-lr",
// "optimizer", "beta", "kl-warmup", "seed", "matmul", "map-objective", "map-weight", "neighbours", "min-dist",
// "negatives", "layout-weight", "map-shift", "map-dropout", "perplexity"; missing ones take their defaults; a map saved before
// "map-objective" existed, which has a "perplexity", was trained with t-SNE). Epoch counts are
// left to the caller. Throws std::runtime_error naming `where` when a setting cannot be read.
TrainOptions trainOptionsFromSettings(const std::map<std::string, std::string>& settings, const std::string& where);

struct LossFigures {
    double total = 0, reconstruction = 0, kl = 0;
    double discriminator = 0, generator = 0;  // aae only: the two adversarial phases' BCE
};

}  // namespace latent
