// latent-cli batch: many commands in one process, so that LibTorch starts once. Its start (loading
// ~300 libraries, registering every operator) costs more than most commands take on a small model
// (docs/GUIDE.md, "latent-cli", has the figures).
#include "ArgParser.h"
#include "CliSupport.h"
#include "CommandLineWords.h"
#include "Commands.h"
#include "JsonWriter.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <tuple>
#include <unistd.h>

namespace {

// While alive, standard output and error (the file descriptors, so printf and LibTorch's own
// messages too) go to temporary files; finish() puts them back and returns what was written.
class CapturedOutput {
public:
    CapturedOutput()
    {
        flush();
        for (int i = 0; i < 2; ++i) {
            files_[i] = std::tmpfile();
            saved_[i] = ::dup(i + 1);
            if (!files_[i] || saved_[i] < 0 || ::dup2(::fileno(files_[i]), i + 1) < 0)
                throw std::runtime_error("batch: cannot capture a command's output");
        }
    }
    CapturedOutput(const CapturedOutput&) = delete;
    CapturedOutput& operator=(const CapturedOutput&) = delete;
    ~CapturedOutput() { restore(); }

    std::pair<std::string, std::string> finish()
    {
        restore();
        return {read(files_[0]), read(files_[1])};
    }

private:
    static void flush()
    {
        std::cout.flush();
        std::cerr.flush();
        std::fflush(nullptr);
    }
    void restore()
    {
        flush();
        for (int i = 0; i < 2; ++i)
            if (saved_[i] >= 0) {
                ::dup2(saved_[i], i + 1);
                ::close(saved_[i]);
                saved_[i] = -1;
            }
    }
    static std::string read(std::FILE*& f)
    {
        std::string text;
        if (!f) return text;
        std::rewind(f);
        char buf[65536];
        for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
        std::fclose(f);
        f = nullptr;
        return text;
    }
    std::FILE* files_[2] = {nullptr, nullptr};
    int saved_[2] = {-1, -1};
};

}  // namespace

int runBatch(const CommandArgs& args, const std::function<int(const std::string&, const CommandArgs&)>& runCommand)
{
    ArgParser p("batch", "Run the commands in --file (or on standard input), one per line, in this one process: LibTorch starts\n"
                         "once instead of once a command. A line is a command and its options,\n"
                         "as after 'latent-cli', split into words as sh splits them ('...', \"...\", backslashes; no $ or ~\n"
                         "expansion); blank lines and lines starting with # are skipped. Each command runs as it would alone.\n"
                         "Stops at the first command that fails and exits with its status (the line is named on stderr);\n"
                         "--keep-going runs every line and exits with the highest status. Ctrl-C while training stops the\n"
                         "batch once the model is saved (status 130).");
    p.option("file", "PATH", "the commands; - or none: standard input", "-")
        .flag("keep-going", "run every line, whatever fails")
        .flag("json", "instead of passing each command's output through, print one JSON object per command on stdout:\n"
                      "line, command, status, out, err");
    if (!cli::parseOrHelp(p, args)) return 0;
    const std::string file = p.str("file");
    std::ifstream named;
    if (file != "-") {
        named.open(file);
        if (!named) throw std::runtime_error("cannot read " + file);
    }
    std::istream& in = file == "-" ? std::cin : named;
    const bool json = p.isSet("json"), keepGoing = p.isSet("keep-going");

    int worst = 0, lineNumber = 0;
    for (std::string line; std::getline(in, line);) {
        ++lineNumber;
        const size_t first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#') continue;
        std::vector<std::string> words;
        int status = 0;
        std::string out, err, command;
        try {
            words = commandLineWords(line);
            command = words.front();
            if (command == "batch") throw UsageError("a batch cannot run a batch");
        } catch (const UsageError& e) {
            err = std::string("latent-cli batch: line ") + std::to_string(lineNumber) + ": " + e.what() + "\n";
            status = 2;
        }
        if (status == 0) {
            const CommandArgs rest(words.begin() + 1, words.end());
            if (json) {
                CapturedOutput captured;
                status = runCommand(command, rest);
                std::tie(out, err) = captured.finish();
            } else {
                status = runCommand(command, rest);
            }
        }
        if (json) {
            std::cout
                << JsonWriter().add("line", lineNumber).add("command", command).add("status", status).add("out", out).add("err", err).str()
                << std::endl;
        } else if (status != 0) {
            std::cerr << err << "latent-cli batch: line " << lineNumber << " (" << (command.empty() ? "?" : command) << ") exited with "
                      << status << "\n";
        }
        worst = std::max(worst, status);
        if (status == 130 || (status != 0 && !keepGoing)) return status;
    }
    return worst;
}
