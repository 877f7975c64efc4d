#pragma once
#include "analysis/NeighbourGraph.h"
#include "training/DenseAutoencoderGradients.h"
#include "training/MapTrainStep.h"
#include "training/UmapLoss.h"

namespace latent {

// The separated map's default objective: UMAP over one neighbour graph of the whole training set
// (McInnes, Healy & Melville 2018; in a network as Sainburg, McInnes & Gentner 2021).
//
// prepare(): the k nearest neighbours of every training image (analysis/NeighbourGraph), UMAP's
// fuzzy graph over them, and UMAP's own layout of that graph (training/UmapLayout): one point per
// training image.
// run(): the batch's images are the heads; each gets a tail drawn from its row of the graph in
// proportion to the edge weights, and `negatives` codes of other images of the batch as non-
// neighbours. Heads and tails are encoded, each with a share `mapDropout` of its pixels zeroed (the
// rest scaled up) and shifted by up to `mapShift` pixels: the encoder then learns what a digit is,
// not where its pixels are, and places unseen digits better; and
//   total = reconstruction of the heads (unshifted) + mapWeight * UMAP's cross-entropy
//           + layoutWeight * the squared distance of heads and tails to their layout points.
// The layout gives the map its shape in a few epochs (from UMAP's loss alone a network needs
// hundreds); UMAP's loss then keeps neighbours together in the network's own codes. No label is
// read. kl = the cross-entropy per head, total as minimised.
//
// The gradients are written by hand (DenseAutoencoderGradients: the network's products, with bf16
// operands where TrainOptions::matmul says so) around autograd on the codes alone (the loss on
// [2B, 2] codes costs little); with the reference paths on, autograd runs through the whole model.
class UmapMapTrainStep : public MapTrainStep {
public:
    // One step's draws (tails, dropped pixels, shifts, negatives), made before the gradients so
    // that both ways of computing them read the same ones.
    struct Draws {
        torch::Tensor heads, tails;  // int64 [B]: rows of the training set
        torch::Tensor encoderInput;  // [2B, pixels]: heads then tails, augmented
        torch::Tensor target;        // [B, pixels]: the heads as they are
        torch::Tensor negatives;     // int64 [B * negatives]: rows of encoderInput, the heads' non-neighbours
    };

    UmapMapTrainStep(MapAutoencoderImpl& model, const ModelSpec& spec, const TrainOptions& options);
    bool prepare(const ImageDataset& train, const PreparationProgress& progress) override;
    LossFigures run(const TrainBatch& batch, double beta) override;

    Draws draw(const TrainBatch& batch) const;
    // The loss's gradients in every parameter's .grad() (overwritten) and its figures: through
    // autograd over the whole model (the reference) or the hand-written pass (a step made with the
    // fast paths on: handWritten()). Nothing is updated.
    LossFigures referenceGradients(const Draws& draws);
    LossFigures handWrittenGradients(const Draws& draws);
    bool handWritten() const { return handWritten_ != nullptr; }

    const FuzzyGraph& graph() const { return graph_; }
    const torch::Tensor& layout() const { return layout_; }

private:
    // One neighbour per head, drawn in proportion to the weights of its row (the default generator).
    torch::Tensor drawTails(const torch::Tensor& heads) const;
    // What the encoder sees in training: pixels dropped (mapDropout), then the image shifted (mapShift).
    torch::Tensor augmented(const torch::Tensor& images) const;
    // mapWeight x UMAP's cross-entropy + layoutWeight x the pull to the layout, of the codes of
    // draws.encoderInput; sets figures.kl.
    torch::Tensor codeLoss(const torch::Tensor& codes, const Draws& draws, LossFigures& figures) const;

    UmapCurve curve_;
    const ImageDataset* train_ = nullptr;
    FuzzyGraph graph_;
    torch::Tensor cumulative_;                                // double [E + 1]: 0, then the running sum of the edge weights, row after row
    torch::Tensor layout_;                                    // [N, 2]
    torch::Tensor shiftMaps_;                                 // int64 [S, pixels]: source pixel of each shift (pixels: a blank one)
    std::unique_ptr<DenseAutoencoderGradients> handWritten_;  // null: autograd through the model
};

}  // namespace latent
