#pragma once
// What latent-cli's commands share: --threads, --help, loading --model and its dataset, and the
// checks that a model has the latent space a command needs.
#include "ArgParser.h"
#include "io/Checkpoint.h"

#include <string>
#include <vector>

namespace cli {

// Adds --threads (torch/OpenBLAS threads); setThreads applies it.
void addThreadsOption(ArgParser& p);
void setThreads(const ArgParser& p);
// Parses; for --help prints the help and returns false.
bool parseOrHelp(ArgParser& p, const std::vector<std::string>& args);
// parseOrHelp with --threads added and applied.
bool parseWithThreads(ArgParser& p, const std::vector<std::string>& args);

// Images in [0, 1] as bytes for PngWriter.
torch::Tensor toImage(const torch::Tensor& img01);

// --model: a checkpoint or a TorchScript module with encode/decode.
latent::ModelCheckpoint loadModel(const ArgParser& p);
// --data, else the dataset the model names.
std::string dataFor(const ArgParser& p, const latent::ModelSpec& spec);
// Throws unless the model has a latent space (requireLowDimLatent: a vector of latentDim values to decode).
void requireLatent(const latent::ModelCheckpoint& m);
void requireLowDimLatent(const latent::ModelCheckpoint& m);
// The digit a conditional model draws (--digit, which it needs); -1 for the other kinds, which
// draw no particular digit and say so when one is given.
int digitFor(const ArgParser& p, const latent::ModelCheckpoint& m);
// The code of test image `index` of the model's dataset (or --data), for sample --around-index
// and interpolate --from-index.
torch::Tensor codeOfTestImage(const ArgParser& p, latent::ModelCheckpoint& m, int index);

}  // namespace cli
