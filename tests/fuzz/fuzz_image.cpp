// libFuzzer target: a picture from bytes (any format Qt reads) and the core's preprocessing of it
// into an MNIST-style digit. A bad picture must end in ImageFileError or the preprocessor's
// std::invalid_argument/runtime_error with a message; a good one in 28x28 values in [0, 1].
// Pictures are read and preprocessed at a working side of 64 pixels instead of 1024: every branch
// runs as it does in the product (a larger picture takes the reduced decode and reduction it takes
// above 1024 px), and an input costs a 64-pixel picture's preprocessing, not a photo's (a 240 x 320
// seed took ~50 ms under ASan: 22 inputs a second).
#include "ImageFile.h"
#include "image/DigitPreprocessor.h"

#include <QGuiApplication>

#include <cmath>
#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    // Image format plugins (JPEG, GIF, ...) are found through the application object.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static QGuiApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        constexpr int kWorkingSide = 64;
        const latent::GrayImage picture =
            ImageFile::readData(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)), "input", nullptr, kWorkingSide);
        latent::PreprocessOptions options;
        options.workingSide = kWorkingSide;
        const latent::PreprocessResult r = latent::preprocessDigit(picture, options);
        if (r.digit.width != 28 || r.digit.height != 28) std::abort();
        for (float v : r.digit.gray)
            if (!(v >= 0.f && v <= 1.f)) std::abort();
    } catch (const std::exception& e) {
        if (std::string(e.what()).empty()) std::abort();
    }
    return 0;
}
