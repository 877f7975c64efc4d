#include "CliSupport.h"
#include "Commands.h"

#include "ArgParser.h"
#include "JsonWriter.h"

#include "persistence/Checkpoint.h"
#include "persistence/KeptModels.h"
#include "image/DigitPreprocessor.h"
#include "image/DigitRestoration.h"
#include "ImageFile.h"
#include "image/PngWriter.h"

#include <QCoreApplication>
#include <QDir>

#include <chrono>
#include <clocale>
#include <iostream>

using namespace latent;
using cli::parseOrHelp;

namespace {

// Qt finds its JPEG and GIF plugins through the application object.
void ensureQtApplication()
{
    static int argc = 1;
    static char name[] = "latent-cli";
    static char* argv[] = {name, nullptr};
    static QCoreApplication* app = QCoreApplication::instance() ? nullptr : new QCoreApplication(argc, argv);
    (void)app;
    // The application object adopted the user's locale (setlocale(LC_ALL, "")): the figures this
    // program prints keep '.' decimals.
    std::setlocale(LC_NUMERIC, "C");
}

// seconds (if given): reading and decoding the picture, then preprocessing it.
PreprocessResult preprocessFile(const std::string& path, double* readSeconds = nullptr, double* preprocessSeconds = nullptr)
{
    ensureQtApplication();
    try {
        const auto start = std::chrono::steady_clock::now();
        const GrayImage picture = ImageFile::read(QString::fromStdString(path));
        const auto read = std::chrono::steady_clock::now();
        PreprocessResult r = preprocessDigit(picture);
        if (readSeconds) *readSeconds = std::chrono::duration<double>(read - start).count();
        if (preprocessSeconds) *preprocessSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - read).count();
        return r;
    } catch (const ImageFileError& e) {
        throw std::runtime_error(e.what());
    } catch (const PreprocessError& e) {
        throw std::runtime_error(path + ": " + e.what());
    }
}

void writePng(const std::string& path, const torch::Tensor& image01, int scale = 1)
{
    PngWriter::write(path, cli::toImage(image01.reshape({image01.size(-2), image01.size(-1)})), scale);
}

// --model, or the helper model kept in the data folder, or a message that says how to make it.
std::string modelFor(const ArgParser& p, KeptModels::Role role)
{
    if (p.has("model")) return p.str("model");
    if (!KeptModels::exists(role))
        throw std::runtime_error("no --model given and no " + KeptModels::describe(role) + " kept in " + KeptModels::directory() +
                                 ": make one with\n  " + KeptModels::howToMake(role) +
                                 "\n(or in the window: Your Digit > Train, one click)");
    std::cerr << "using the kept " << KeptModels::describe(role) << ": " << KeptModels::path(role) << "\n";
    return KeptModels::path(role);
}

}  // namespace

int cmdPreprocess(const std::vector<std::string>& args)
{
    ArgParser p("preprocess", "Turn a picture of a digit into an MNIST-style 28x28 digit (PNG).");
    p.required("in", "IMAGE", "picture in any format Qt reads (PNG, JPEG, BMP, GIF, ...)")
        .required("out", "FILE.png", "the 28x28 digit")
        .option("stages", "DIR", "also write every stage as DIR/<n>-<stage>.png")
        .option("scale", "N", "pixel scale of the output PNG", "1")
        .flag("json", "print one JSON object on stdout");
    if (!parseOrHelp(p, args)) return 0;
    double readSeconds = 0, preprocessSeconds = 0;
    const PreprocessResult r = preprocessFile(p.str("in"), &readSeconds, &preprocessSeconds);
    writePng(p.str("out"), toTensor(r.digit), p.integer("scale", 1, 64));
    if (p.has("stages")) {
        QDir().mkpath(QString::fromStdString(p.str("stages")));
        for (size_t i = 0; i < r.stages.size(); ++i) {
            std::string name = r.stages[i].name;
            for (char& c : name)
                if (c == ' ') c = '-';
            writePng(p.str("stages") + "/" + std::to_string(i + 1) + "-" + name + ".png", toTensor(r.stages[i].image));
        }
    }
    JsonWriter j;
    j.add("out", p.str("out"))
        .addBool("inverted", r.inverted)
        .add("read_seconds", readSeconds)
        .add("preprocess_seconds", preprocessSeconds);
    for (const PreprocessStage& s : r.stages) j.add("stage_" + s.name, s.note);
    if (p.isSet("json"))
        std::cout << j.str() << std::endl;
    else
        for (const PreprocessStage& s : r.stages) std::cerr << s.name << ": " << s.note << "\n";
    return 0;
}

int cmdDenoise(const std::vector<std::string>& args)
{
    ArgParser p("denoise", "Clean a picture of a digit with a denoising (or any 28x28) autoencoder.");
    p.option("model", "FILE.pt", "checkpoint (dae; ae and vae work too); default: the denoiser kept in the data folder")
        .required("in", "IMAGE", "picture of a digit")
        .option("noise", "STD", "Gaussian noise added to the preprocessed digit first (0 to 1)", "0")
        .option("seed", "N", "seed of that noise", "0")
        .required("out", "FILE.png", "the denoised digit")
        .option("noisy-out", "FILE.png", "also write the noisy input")
        .option("scale", "N", "pixel scale of the PNGs", "1")
        .flag("json", "print one JSON object on stdout (PSNR of noisy and denoised against the clean digit)");
    cli::addDeviceOption(p);
    if (!parseOrHelp(p, args)) return 0;
    ModelCheckpoint m = Checkpoint::load(modelFor(p, KeptModels::Denoiser));
    cli::moveToDevice(p, m);
    const PreprocessResult pre = preprocessFile(p.str("in"));
    const double noise = p.number("noise", 0.0, 1.0);
    const DenoiseResult r = denoiseDigit(*m.model, m.spec, pre.digit, noise, uint64_t(p.integer("seed", 0, 2147483647)));
    const int scale = p.integer("scale", 1, 64);
    writePng(p.str("out"), r.output, scale);
    if (p.has("noisy-out")) writePng(p.str("noisy-out"), r.noisy, scale);
    const std::string warning = otherDataWarning(m.spec);
    if (!warning.empty()) std::cerr << "latent-cli denoise: warning: " << warning << "\n";
    if (p.isSet("json")) {
        std::cout << JsonWriter()
                         .add("out", p.str("out"))
                         .add("model", m.spec.describe())
                         .add("noise", noise)
                         .add("psnr_noisy", r.psnrNoisy)
                         .add("psnr_denoised", r.psnrOutput)
                         .add("warning", warning)
                         .str()
                  << std::endl;
    } else {
        std::cerr << "PSNR against the clean digit: noisy " << r.psnrNoisy << " dB, denoised " << r.psnrOutput << " dB\n";
    }
    return 0;
}

int cmdUpscale(const std::vector<std::string>& args)
{
    ArgParser p("upscale", "Downsample a picture of a digit and restore it with a super-resolution model.");
    p.option("model", "FILE.pt", "checkpoint of an sr model; default: the one kept in the data folder")
        .required("in", "IMAGE", "picture of a digit")
        .required("out", "FILE.png", "the model's 28x28 output")
        .option("small-out", "FILE.png", "also write the small input (14x14 or 7x7)")
        .option("bilinear-out", "FILE.png", "also write the bilinear upscale, for comparison")
        .option("scale", "N", "pixel scale of the PNGs", "1")
        .flag("json", "print one JSON object on stdout (PSNR of the model, bilinear and bicubic)");
    cli::addDeviceOption(p);
    if (!parseOrHelp(p, args)) return 0;
    ModelCheckpoint m = Checkpoint::load(modelFor(p, KeptModels::Upscaler));
    cli::moveToDevice(p, m);
    const PreprocessResult pre = preprocessFile(p.str("in"));
    const UpscaleResult r = upscaleDigit(*m.model, m.spec, pre.digit);
    const int scale = p.integer("scale", 1, 64);
    writePng(p.str("out"), r.output, scale);
    if (p.has("small-out")) writePng(p.str("small-out"), r.small, scale);
    if (p.has("bilinear-out")) writePng(p.str("bilinear-out"), r.bilinear, scale);
    const std::string warning = otherDataWarning(m.spec);
    if (!warning.empty()) std::cerr << "latent-cli upscale: warning: " << warning << "\n";
    if (p.isSet("json")) {
        std::cout << JsonWriter()
                         .add("out", p.str("out"))
                         .add("model", m.spec.describe())
                         .add("psnr_sr", r.psnrOutput)
                         .add("psnr_bilinear", r.psnrBilinear)
                         .add("psnr_bicubic", r.psnrBicubic)
                         .add("warning", warning)
                         .str()
                  << std::endl;
    } else {
        std::cerr << "PSNR against the clean digit: sr " << r.psnrOutput << " dB, bilinear " << r.psnrBilinear << " dB, bicubic "
                  << r.psnrBicubic << " dB\n";
    }
    return 0;
}
