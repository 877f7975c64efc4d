#include "CliSupport.h"
#include "Commands.h"
#include "JsonWriter.h"
#include "analysis/Analysis.h"
#include "data/DatasetLocator.h"
#include "io/NumberText.h"
#include "io/SafeFile.h"

#include <iostream>

using namespace latent;
using namespace cli;

int cmdEncode(const std::vector<std::string>& args)
{
    ArgParser p("encode", "Write the latent codes of a dataset split as CSV: index,label,mean..,logvar..");
    p.required("model", "FILE.pt", "checkpoint")
        .option("data", "NAME|DIR", "dataset (default: the one the model was trained on)")
        .option("split", "test|train", "which split", "test")
        .required("out", "FILE.csv", "output file")
        .flag("json", "print one JSON object on stdout");
    if (!parseWithDevice(p, args)) return 0;
    ModelCheckpoint m = loadModel(p);
    requireLatent(m);
    const std::string split = p.str("split");
    if (split != "test" && split != "train") throw UsageError("encode: --split must be test or train");
    const DatasetSplits data = DatasetLocator::load(dataFor(p, m.spec));
    const EncodedDataset enc = encodeDataset(*m.model, m.spec, split == "test" ? data.test : data.train);
    const std::string out = p.str("out");
    // Numbers through formatNumber: '.' decimals in every locale (a ',' would split the columns).
    const int64_t dims = enc.mean.size(1);
    std::string csv = "index,label";
    for (int64_t d = 0; d < dims; ++d) csv += ",mean" + std::to_string(d);
    if (enc.logvar.defined())
        for (int64_t d = 0; d < dims; ++d) csv += ",logvar" + std::to_string(d);
    csv += "\n";
    const torch::Tensor mean = enc.mean.contiguous(), labels = enc.labels.contiguous();
    const torch::Tensor logvar = enc.logvar.defined() ? enc.logvar.contiguous() : torch::Tensor();
    for (int64_t i = 0; i < mean.size(0); ++i) {
        csv += std::to_string(i) + "," + std::to_string(labels[i].item<int64_t>());
        const float* mp = mean.data_ptr<float>() + i * dims;
        for (int64_t d = 0; d < dims; ++d) csv += "," + formatNumber(mp[d]);
        if (logvar.defined()) {
            const float* lp = logvar.data_ptr<float>() + i * dims;
            for (int64_t d = 0; d < dims; ++d) csv += "," + formatNumber(lp[d]);
        }
        csv += "\n";
    }
    writeFileSafely(out, csv, "codes");
    std::cerr << "wrote " << enc.mean.size(0) << " codes to " << out << "\n";
    if (p.isSet("json"))
        std::cout << JsonWriter()
                         .add("out", out)
                         .add("codes", enc.mean.size(0))
                         .add("dims", enc.mean.size(1))
                         .addBool("logvar", enc.logvar.defined())
                         .str()
                  << std::endl;
    return 0;
}
