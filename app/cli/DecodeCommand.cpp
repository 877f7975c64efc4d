#include "CliSupport.h"
#include "Commands.h"
#include "JsonWriter.h"
#include "analysis/Analysis.h"

#include "image/PngWriter.h"

#include <iostream>

using namespace latent;
using namespace cli;

int cmdDecode(const std::vector<std::string>& args)
{
    ArgParser p("decode", "Decode one latent vector to a PNG.");
    p.required("model", "FILE.pt", "checkpoint")
        .required("z", "x,y[,..]", "latent vector, one value per latent dim")
        .option("digit", "D", "cvae: the digit to draw (0-9)")
        .option("scale", "N", "pixel scale of the PNG", "1")
        .required("out", "FILE.png", "output image")
        .flag("json", "print one JSON object on stdout");
    if (!parseWithDevice(p, args)) return 0;
    ModelCheckpoint m = loadModel(p);
    requireLowDimLatent(m);
    const int digit = digitFor(p, m);
    std::vector<float> z = p.floats("z");
    if (int(z.size()) != m.spec.latentDim)
        throw UsageError("decode: --z has " + std::to_string(z.size()) + " values; the model's latent size is " +
                         std::to_string(m.spec.latentDim));
    const torch::Tensor zt = torch::from_blob(z.data(), {1, int64_t(z.size())}, torch::kFloat32).clone();
    const torch::Tensor img = decodeImages(*m.model, zt, digitLabels(1, digit))[0];
    PngWriter::write(p.str("out"), toImage(img), p.integer("scale", 1, 64));
    if (p.isSet("json"))
        std::cout << JsonWriter().add("out", p.str("out")).add("mean_intensity", img.mean().item<double>()).str() << std::endl;
    return 0;
}
