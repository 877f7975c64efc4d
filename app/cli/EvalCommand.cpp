#include "CliSupport.h"
#include "Commands.h"
#include "JsonWriter.h"
#include "training/Evaluator.h"
#include "data/DatasetLocator.h"

#include <cstdio>
#include <iostream>

using namespace latent;
using namespace cli;

int cmdEval(const std::vector<std::string>& args)
{
    ArgParser p("eval", "Score a checkpoint on the test split (see Evaluator.h for what each figure means).");
    p.required("model", "FILE.pt", "checkpoint")
        .option("data", "NAME|DIR", "dataset (default: the one the model was trained on)")
        .option("seed", "N", "seed for sampled latents and noise", "0")
        .flag("json", "print one JSON object on stdout");
    if (!parseWithDevice(p, args)) return 0;
    ModelCheckpoint m = loadModel(p);
    const DatasetSplits data = DatasetLocator::load(dataFor(p, m.spec));
    Evaluator::Options o;
    o.seed = uint64_t(p.integer("seed", 0, 2147483647));
    const Metrics metrics = Evaluator::evaluate(*m.model, m.spec, data, o);
    if (p.isSet("json")) {
        JsonWriter j;
        j.add("model", toString(m.spec.kind))
            .add("dataset", data.directory)
            .add("test_images", data.test.size())
            .add("epochs_trained", m.spec.epochsDone);
        for (const auto& [k, v] : metrics) j.add(k, v);
        std::cout << j.str() << std::endl;
    } else {
        std::cout << m.spec.describe() << "\n" << data.test.size() << " test images from " << data.directory << "\n";
        for (const auto& [k, v] : metrics) std::printf("  %-14s %.4f\n", k.c_str(), v);
    }
    return 0;
}
