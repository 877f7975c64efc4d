#include "CliSupport.h"
#include "Commands.h"
#include "JsonWriter.h"
#include "persistence/TorchScriptModel.h"

#include <iostream>

using namespace latent;
using namespace cli;

int cmdExport(const std::vector<std::string>& args)
{
    ArgParser p("export", "Write a checkpoint as a TorchScript module with encode(x) -> (mean, logvar) or mean and "
                          "decode(z) -> images in [0, 1], for torch.jit.load in PyTorch.");
    p.required("model", "FILE.pt", "checkpoint")
        .flag("torchscript", "write TorchScript (the one format there is; required, so that the command says what it writes)")
        .required("out", "FILE.ts", "the TorchScript module to write")
        .flag("json", "print one JSON object on stdout");
    if (!parseWithThreads(p, args)) return 0;
    if (!p.isSet("torchscript")) throw UsageError("export: say --torchscript (the format to write)");
    ModelCheckpoint m = loadModel(p);
    TorchScriptModel::exportModule(p.str("out"), m.spec, *m.model);
    if (p.isSet("json"))
        std::cout << JsonWriter()
                         .add("out", p.str("out"))
                         .add("model", toString(m.spec.kind))
                         .add("latent_dim", m.spec.codeSize())
                         .addBool("variational", m.spec.isVariational())
                         .str()
                  << std::endl;
    else
        std::cout << "wrote " << p.str("out") << ": " << m.spec.describe() << " as TorchScript (encode, decode)\n";
    return 0;
}
