#pragma once
// latent-cli's commands, one file each (XCommand.cpp); main.cpp dispatches by name.
// Each takes the arguments after the command's name and returns the exit status:
// 0 success, 1 failure (bad data, bad checkpoint, divergence), 2 bad usage,
// 130 training interrupted by Ctrl-C (what was trained so far is saved).
#include <functional>
#include <string>
#include <vector>

using CommandArgs = std::vector<std::string>;

int cmdTrain(const CommandArgs& args);
int cmdEval(const CommandArgs& args);
int cmdEncode(const CommandArgs& args);
int cmdDecode(const CommandArgs& args);
int cmdGrid(const CommandArgs& args);
int cmdSample(const CommandArgs& args);
int cmdInterpolate(const CommandArgs& args);
int cmdExport(const CommandArgs& args);
int cmdInfo(const CommandArgs& args);
int cmdInstallMnist(const CommandArgs& args);
// The speed figures for each model kind (BenchCommand.cpp; bench/bench_all.sh runs it beside
// bench/pytorch_reference.py --bench in alternating rounds).
int cmdBench(const CommandArgs& args);
// The separated map's neighbour graph timed on generated images, with its recall (BenchGraphCommand.cpp).
int cmdBenchGraph(const CommandArgs& args);
#ifdef LATENT_HAVE_IMAGES
// A user's own picture through the core (ImageCommands.cpp; built where Qt Gui decodes pictures).
int cmdPreprocess(const CommandArgs& args);
int cmdDenoise(const CommandArgs& args);
int cmdUpscale(const CommandArgs& args);
// The preprocessing scored on a labelled folder of pictures against a naive resize.
int cmdPreprocessEval(const CommandArgs& args);
#endif
// Many commands in one process (BatchCommand.cpp); runCommand runs one as latent-cli would,
// its errors printed and turned into the exit status.
int runBatch(const CommandArgs& args, const std::function<int(const std::string&, const CommandArgs&)>& runCommand);
