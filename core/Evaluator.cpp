#include "Evaluator.h"

#include "Analysis.h"
#include "Generation.h"
#include "Loss.h"
#include "Trainer.h"
#include "Transforms.h"

namespace latent {

Metrics Evaluator::evaluate(AutoencoderImpl& model, const ModelSpec& spec, const DatasetSplits& data,
                            const Options& options)
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
    std::vector<torch::Tensor> outputs, inputs;
    for (int64_t start = 0; start < test.size(); start += 1000) {
        const int64_t len = std::min<int64_t>(1000, test.size() - start);
        const torch::Tensor in = modelInput(spec, clean.narrow(0, start, len));
        inputs.push_back(in);
        outputs.push_back(model.reconstructMean(in, test.labels.narrow(0, start, len).to(torch::kLong)));
    }
    const torch::Tensor output = torch::cat(outputs), input = torch::cat(inputs);
    m.push_back({"recon_mse", (output - clean).square().mean().item<double>()});

    if (spec.hasLatent()) {
        const int64_t k = spec.codeSize();
        const torch::Tensor trainFlat = train.allImages().flatten(1), testFlat = clean.flatten(1);
        const Pca pca = Pca::fit(trainFlat, k);
        const torch::Tensor testCodes = pca.transform(testFlat);
        m.push_back({"pca_mse", (pca.inverseTransform(testCodes) - testFlat).square().mean().item<double>()});
        m.push_back({"psnr", psnr(output, clean)});
        if (spec.kind == ModelKind::Dae) m.push_back({"psnr_input", psnr(input, clean)});
        const EncodedDataset encTrain = encodeDataset(model, spec, train);
        const EncodedDataset encTest = encodeDataset(model, spec, test);
        m.push_back({"knn_latent", knnAccuracy(encTrain.mean, encTrain.labels, encTest.mean, encTest.labels, 5)});
        m.push_back({"knn_pca", knnAccuracy(pca.transform(trainFlat), train.labels, testCodes, test.labels, 5)});
        m.push_back({"silhouette_latent", silhouetteScore(encTest.mean, encTest.labels)});
        // How far the test codes are from the N(0, I) prior, dim by dim (the aae's target).
        m.push_back({"code_mean_max_abs", encTest.mean.mean(0).abs().max().item<double>()});
        m.push_back({"code_std_max_dev", (encTest.mean.std(0) - 1.0).abs().max().item<double>()});
        if (spec.isConditional()) {
            // 100 prior samples per digit, drawn as that digit, labelled by 5-NN on the training pixels.
            const int64_t perDigit = 100, classes = 10;
            const torch::Tensor labels = torch::arange(classes, torch::kLong).repeat_interleave(perDigit);
            const torch::Tensor z = samplePrior(perDigit * classes, spec.codeSize(), options.seed + 1);
            const torch::Tensor samples = torch::sigmoid(model.decode(z, labels)).flatten(1);
            m.push_back({"cvae_sample_accuracy", knnAccuracy(trainFlat, train.labels, samples, labels, 5)});
        }
        m.push_back({"silhouette_pca", silhouetteScore(testCodes, test.labels)});
    } else {
        m.push_back({"psnr", psnr(output, clean)});
        m.push_back({"psnr_input", psnr(upscale(input, spec.imageSize, false), clean)});
        m.push_back({"psnr_bicubic", psnr(upscale(input, spec.imageSize, true), clean)});
    }
    return m;
}

}  // namespace latent
