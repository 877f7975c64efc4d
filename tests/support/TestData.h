#pragma once
// Small synthetic datasets for tests: ten classes of 28x28 "digits" that are easy to tell apart
// (a bright bar at a class-specific position and angle) with per-image jitter and noise.
#include "data/IdxWriter.h"
#include "data/ImageDataset.h"
#include "models/ModelSpec.h"

#include "runtime/TorchHeaders.h"

#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace testdata {

// A spec of a kind for the tests: the MLP architecture and a 2-D code unless asked otherwise.
inline latent::ModelSpec specOf(latent::ModelKind kind, latent::Arch arch = latent::Arch::Mlp, int latentDim = 2)
{
    latent::ModelSpec s;
    s.kind = kind;
    s.arch = arch;
    s.latentDim = latentDim;
    return s;
}

// A program or file a test runs, from the environment CTest gives it (tests/*/CMakeLists.txt): no
// build folder's path is compiled into a test, so a clone in another folder hits ccache.
inline QString pathFromEnvironment(const char* name)
{
    const QByteArray value = qgetenv(name);
    if (value.isEmpty()) qFatal("%s is not set: run the tests through ctest", name);
    return QString::fromLocal8Bit(value);
}

// A program run to its end: exit code (-1: did not finish in time, -2: crashed), stdout, stderr.
struct ProcessRun {
    int code = -1;
    QByteArray out, err;
};
inline ProcessRun runProcess(const QString& program, const QStringList& args,
                             const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(), int timeoutMs = 300000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    ProcessRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// Sanitizer builds run several times slower (their test presets set LATENT_TEST_SLOWDOWN):
// response times are checked against that many times the usual bound.
inline int slowdown()
{
    const char* v = std::getenv("LATENT_TEST_SLOWDOWN");
    return v ? std::max(1, std::atoi(v)) : 1;
}

// The fuzzers' seed corpora are the files the tests make: with LATENT_SEED_DIR set (scripts/fuzz.sh
// sets it), a test keeps a copy of each such file in LATENT_SEED_DIR/<target>/ (named `name`, or as
// the file is).
inline void keepAsFuzzSeed(const char* target, const std::string& file, std::string name = {})
{
    const char* root = std::getenv("LATENT_SEED_DIR");
    if (!root || !*root) return;
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path dir = fs::path(root) / target;
    fs::create_directories(dir, ec);
    if (name.empty()) name = fs::path(file).filename().string();
    fs::copy_file(file, dir / name, fs::copy_options::overwrite_existing, ec);
}

inline latent::ImageDataset syntheticDigits(int64_t count, uint64_t seed)
{
    torch::manual_seed(seed);
    torch::Tensor images = torch::zeros({count, 28, 28}, torch::kFloat32);
    torch::Tensor labels = torch::arange(count, torch::kLong).remainder(10).to(torch::kUInt8);
    const torch::Tensor jitter = torch::randint(-2, 3, {count, 2}, torch::kLong);
    auto acc = images.accessor<float, 3>();
    for (int64_t i = 0; i < count; ++i) {
        const int c = labels[i].item<int>();
        const int dx = int(jitter[i][0].item<int64_t>()), dy = int(jitter[i][1].item<int64_t>());
        for (int t = 0; t < 16; ++t) {
            // Class c draws a 16-pixel stroke: horizontal, vertical or diagonal at an offset.
            int y, x;
            if (c < 4) {
                y = 6 + 5 * c + dy;
                x = 6 + t + dx;
            } else if (c < 8) {
                y = 6 + t + dy;
                x = 6 + 5 * (c - 4) + dx;
            } else if (c == 8) {
                y = 6 + t + dy;
                x = 6 + t + dx;
            } else {
                y = 6 + t + dy;
                x = 21 - t + dx;
            }
            for (int w = 0; w < 2; ++w) {
                const int yy = std::clamp(y + (c < 4 ? w : 0), 0, 27), xx = std::clamp(x + (c < 4 ? 0 : w), 0, 27);
                acc[i][yy][xx] = 1.0f;
            }
        }
    }
    images = (images + 0.05 * torch::rand_like(images)).clamp(0, 1);
    return {images.mul(255).round().to(torch::kUInt8), labels};
}

inline latent::DatasetSplits syntheticSplits(int64_t train, int64_t test)
{
    latent::DatasetSplits s;
    s.name = "synthetic";
    s.train = syntheticDigits(train, 1);
    s.test = syntheticDigits(test, 2);
    return s;
}

// Writes the four IDX files of a dataset folder; the test split gzip-compressed when asked.
inline void writeIdxFolder(const std::string& dir, const torch::Tensor& trainImages, const torch::Tensor& trainLabels,
                           const torch::Tensor& testImages, const torch::Tensor& testLabels, bool gzipTest = false)
{
    const std::string gz = gzipTest ? ".gz" : "";
    latent::IdxWriter::write(dir + "/train-images-idx3-ubyte", trainImages);
    latent::IdxWriter::write(dir + "/train-labels-idx1-ubyte", trainLabels);
    latent::IdxWriter::write(dir + "/t10k-images-idx3-ubyte" + gz, testImages);
    latent::IdxWriter::write(dir + "/t10k-labels-idx1-ubyte" + gz, testLabels);
}

inline void writeIdxFolder(const std::string& dir, const latent::DatasetSplits& s, bool gzipTest = false)
{
    writeIdxFolder(dir, s.train.images, s.train.labels, s.test.images, s.test.labels, gzipTest);
}

}  // namespace testdata
