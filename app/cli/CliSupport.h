#pragma once
// What latent-cli's commands share: --threads, --help, loading --model and its dataset, and the
// checks that a model has the latent space a command needs.
#include "ArgParser.h"
#include "persistence/Checkpoint.h"

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
// Adds --device (auto|cpu|cuda|cuda:N).
void addDeviceOption(ArgParser& p);
// parseWithThreads with --device added (commands that compute with a model; loadModel moves the model there).
bool parseWithDevice(ArgParser& p, const std::vector<std::string>& args);
// --device resolved to a device name ("cpu", "cuda:0"); a choice this build or machine cannot
// take is a UsageError (exit 2) that says why and what to use instead.
std::string deviceFor(const ArgParser& p);

// Images in [0, 1] as bytes for PngWriter.
torch::Tensor toImage(const torch::Tensor& img01);

// --model: a checkpoint or a TorchScript module with encode/decode, on --device when the command has it.
latent::ModelCheckpoint loadModel(const ArgParser& p);
// A loaded model moved to --device (a TorchScript module stays on the CPU; asked for a GPU, a UsageError).
void moveToDevice(const ArgParser& p, latent::ModelCheckpoint& m);
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
