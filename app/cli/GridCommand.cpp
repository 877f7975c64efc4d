#include "CliSupport.h"
#include "Commands.h"
#include "JsonWriter.h"
#include "analysis/Analysis.h"
#include "image/PngWriter.h"

#include <iostream>

using namespace latent;
using namespace cli;

int cmdGrid(const std::vector<std::string>& args)
{
    ArgParser p("grid", "Decode an n x n grid over two latent dims (the manifold) to a PNG.");
    p.required("model", "FILE.pt", "checkpoint")
        .option("n", "N", "cells per side", "20")
        .option("range", "R", "grid spans [-R, R]", "3")
        .flag("gaussian", "space the grid by the Gaussian inverse CDF (Kingma & Welling) instead")
        .option("dims", "i,j", "the two latent dims to vary", "0,1")
        .option("digit", "D", "cvae: the digit every cell draws (0-9)")
        .required("out", "FILE.png", "output image")
        .flag("json", "print one JSON object on stdout");
    if (!parseWithDevice(p, args)) return 0;
    ModelCheckpoint m = loadModel(p);
    requireLowDimLatent(m);
    GridOptions g;
    g.digit = digitFor(p, m);
    g.n = p.integer("n", 1, 200);
    g.range = p.number("range", 1e-6, 1e6);
    g.gaussianQuantiles = p.isSet("gaussian");
    const std::vector<float> dims = p.floats("dims");
    if (dims.size() != 2) throw UsageError("grid: --dims takes two latent dims, like 0,1");
    g.dimX = int(dims[0]);
    g.dimY = int(dims[1]);
    if (m.spec.latentDim == 1) g.dimY = g.dimX = 0;
    if (g.dimX < 0 || g.dimY < 0 || g.dimX >= m.spec.latentDim || g.dimY >= m.spec.latentDim)
        throw UsageError("grid: --dims out of range for latent size " + std::to_string(m.spec.latentDim));
    const torch::Tensor grid = decodeGrid(*m.model, m.spec.latentDim, g);
    PngWriter::write(p.str("out"), grid);
    if (p.isSet("json"))
        std::cout << JsonWriter().add("out", p.str("out")).add("n", g.n).add("width", grid.size(1)).add("height", grid.size(0)).str()
                  << std::endl;
    return 0;
}
