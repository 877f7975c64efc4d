#include "CliSupport.h"
#include "Commands.h"
#include "JsonWriter.h"
#include "analysis/Analysis.h"
#include "analysis/Generation.h"
#include "image/PngWriter.h"

#include <algorithm>
#include <iostream>

using namespace latent;
using namespace cli;

int cmdSample(const std::vector<std::string>& args)
{
    ArgParser p("sample", "Decode random latent vectors (a VAE's prior N(0, I); the map's density fitted to its training codes), "
                          "or\nvariations of one digit's code, as a PNG sheet.");
    p.required("model", "FILE.pt", "checkpoint")
        .option("n", "N", "how many samples", "64")
        .option("cols", "N", "samples per row", "8")
        .option("seed", "N", "seed of the random vectors", "0")
        .option("around-index", "I", "instead: vary the code of test image I (the lesson's latent noise)")
        .option("sigma", "S", "std of the noise added to that code", "0.5")
        .option("data", "NAME|DIR", "dataset for --around-index (default: the checkpoint's)")
        .option("digit", "D", "cvae: draw digit D (default: one row per digit, the same styles in each column)")
        .option("scale", "N", "pixel scale of the PNG", "1")
        .required("out", "FILE.png", "the sheet")
        .flag("json", "print one JSON object on stdout");
    if (!parseWithDevice(p, args)) return 0;
    ModelCheckpoint m = loadModel(p);
    requireLatent(m);
    const int n = p.integer("n", 1, 4096);
    const uint64_t seed = uint64_t(p.integer("seed", 0, 2147483647));
    torch::Tensor z;
    if (p.has("around-index"))
        z = jitterCode(codeOfTestImage(p, m, p.integer("around-index", 0, 1 << 30)), n, p.number("sigma", 0.0, 100.0), seed);
    else
        z = sampleCodes(*m.model, n, m.spec.codeSize(), seed);
    if (!m.spec.generates() && !p.has("around-index"))
        std::cerr << "latent-cli sample: warning: a " << toString(m.spec.kind)
                  << " has no prior; its codes need not look like N(0, I) (try --around-index)\n";
    m.model->eval();
    int cols = p.integer("cols", 1, 256);
    torch::Tensor labels;
    if (m.spec.isConditional() && !p.has("digit")) {
        // Rows are digits 0-9; each column keeps one style vector.
        cols = int(std::min<int64_t>(z.size(0), 256));
        ClassRows rows = oneRowPerClass(z.narrow(0, 0, cols), kDigitClasses);
        z = rows.z;
        labels = rows.labels;
    } else {
        labels = digitLabels(z.size(0), digitFor(p, m));
    }
    const torch::Tensor images = decodeImages(*m.model, z, labels);
    const torch::Tensor sheet = imageSheet(images, cols);
    PngWriter::write(p.str("out"), sheet, p.integer("scale", 1, 64));
    if (p.isSet("json"))
        std::cout << JsonWriter()
                         .add("out", p.str("out"))
                         .add("samples", images.size(0))
                         .add("mean_intensity", images.mean().item<double>())
                         .str()
                  << std::endl;
    return 0;
}
