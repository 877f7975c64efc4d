#include "CliSupport.h"
#include "Commands.h"
#include "JsonWriter.h"
#include "analysis/Analysis.h"
#include "analysis/Generation.h"
#include "image/PngWriter.h"

#include <iostream>

using namespace latent;
using namespace cli;

int cmdInterpolate(const std::vector<std::string>& args)
{
    ArgParser p("interpolate", "Decode the path between two latent points (two test digits or two vectors) as a PNG strip.");
    p.required("model", "FILE.pt", "checkpoint")
        .option("from-index", "I", "start at the code of test image I")
        .option("to-index", "J", "end at the code of test image J")
        .option("from", "x,y[,..]", "or start at this latent vector")
        .option("to", "x,y[,..]", "or end at this latent vector")
        .option("steps", "K", "points on the path, ends included", "10")
        .option("digit", "D", "cvae: the digit drawn along the path (0-9)")
        .flag("spherical", "spherical interpolation (slerp) instead of linear")
        .option("data", "NAME|DIR", "dataset for the indices (default: the checkpoint's)")
        .option("scale", "N", "pixel scale of the PNG", "1")
        .required("out", "FILE.png", "the strip")
        .flag("json", "print one JSON object on stdout");
    if (!parseWithDevice(p, args)) return 0;
    ModelCheckpoint m = loadModel(p);
    requireLatent(m);
    const int digit = digitFor(p, m);
    auto endPoint = [&](const std::string& indexOpt, const std::string& vectorOpt) {
        if (p.has(indexOpt)) return codeOfTestImage(p, m, p.integer(indexOpt, 0, 1 << 30));
        if (!p.has(vectorOpt)) throw UsageError("interpolate: give --" + indexOpt + " or --" + vectorOpt);
        std::vector<float> v = p.floats(vectorOpt);
        if (int(v.size()) != m.spec.codeSize())
            throw UsageError("interpolate: --" + vectorOpt + " has " + std::to_string(v.size()) + " values; the code size is " +
                             std::to_string(m.spec.codeSize()));
        return torch::tensor(v);
    };
    const torch::Tensor z0 = endPoint("from-index", "from"), z1 = endPoint("to-index", "to");
    const torch::Tensor path = interpolatePath(z0, z1, p.integer("steps", 2, 256), p.isSet("spherical"));
    m.model->eval();
    const torch::Tensor strip = imageSheet(decodeImages(*m.model, path, digitLabels(path.size(0), digit)), path.size(0));
    PngWriter::write(p.str("out"), strip, p.integer("scale", 1, 64));
    if (p.isSet("json")) {
        std::cout << JsonWriter()
                         .add("out", p.str("out"))
                         .add("steps", path.size(0))
                         .add("z0_first", path[0][0].item<double>())
                         .add("z0_last", path[-1][0].item<double>())
                         .str()
                  << std::endl;
    }
    return 0;
}
