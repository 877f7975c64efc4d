#include "training/Evaluator.h"

#include "analysis/Analysis.h"
#include "analysis/Generation.h"
#include "analysis/Scores.h"
#include "models/ModelCatalog.h"
#include "training/Loss.h"
#include "training/Trainer.h"
#include "data/Transforms.h"

namespace latent {

Metrics Evaluator::evaluate(AutoencoderImpl& model, const ModelSpec& spec, const DatasetSplits& data, const Options& options)
{
    torch::NoGradGuard noGrad;
    model.eval();
    torch::manual_seed(options.seed);
    Metrics m;
    const ImageDataset train = options.maxTrain >= 0 ? data.train.subset(options.maxTrain) : data.train;
    const ImageDataset& test = data.test;

    const LossFigures loss = Trainer::evaluate(model, spec, test);
    if (spec.isVariational()) m.push_back({"neg_elbo", loss.total});
    m.push_back({"recon", loss.reconstruction});
    if (spec.isVariational()) m.push_back({"kl", loss.kl});

    // Deterministic reconstructions (mean code), with the model's own inputs.
    const torch::Tensor clean = test.allImages();
    const Reconstructions rec = reconstructDataset(model, spec, test);
    m.push_back({"recon_mse", (rec.output - clean).square().mean().item<double>()});

    if (!spec.hasLatent()) {
        m.push_back({"psnr", psnr(rec.output, clean)});
        m.push_back({"psnr_input", psnr(upscale(rec.input, spec.imageSize, false), clean)});
        m.push_back({"psnr_bicubic", psnr(upscale(rec.input, spec.imageSize, true), clean)});
        return m;
    }
    const PcaBaseline pca = fitPcaBaseline(train, test, spec.codeSize());
    m.push_back({"pca_mse", pca.reconMse});
    m.push_back({"psnr", psnr(rec.output, clean)});
    if (ModelCatalog::info(spec.kind).noisyInput) m.push_back({"psnr_input", psnr(rec.input, clean)});
    const EncodedDataset encTrain = encodeDataset(model, spec, train);
    const EncodedDataset encTest = encodeDataset(model, spec, test);
    const ClassSeparation codes = classSeparation(encTrain.mean, encTrain.labels, encTest.mean, encTest.labels);
    const ClassSeparation pixels = classSeparation(pca.trainCodes, train.labels, pca.testCodes, test.labels);
    m.push_back({"knn_latent", codes.knn});
    m.push_back({"knn_pca", pixels.knn});
    m.push_back({"silhouette_latent", codes.silhouette});
    // How far the test codes are from the N(0, I) prior, dim by dim (the aae's target).
    m.push_back({"code_mean_max_abs", encTest.mean.mean(0).abs().max().item<double>()});
    m.push_back({"code_std_max_dev", (encTest.mean.std(0) - 1.0).abs().max().item<double>()});
    if (spec.isConditional()) {
        // 100 prior samples per digit, drawn as that digit, labelled by 5-NN on the training pixels.
        const int64_t perDigit = 100, classes = kDigitClasses;
        const torch::Tensor labels = torch::arange(classes, torch::kLong).repeat_interleave(perDigit);
        const torch::Tensor z = samplePrior(perDigit * classes, spec.codeSize(), options.seed + 1);
        const torch::Tensor samples = decodeImages(model, z, labels).flatten(1);
        m.push_back({"cvae_sample_accuracy", knnAccuracy(train.allImages().flatten(1), train.labels, samples, labels, 5)});
    }
    m.push_back({"silhouette_pca", pixels.silhouette});
    return m;
}

}  // namespace latent
