// libFuzzer target: a picture from bytes (any format Qt reads) and the core's preprocessing of it
// into an MNIST-style digit. A bad picture must end in ImageFileError or the preprocessor's
// std::invalid_argument/runtime_error with a message; a good one in 28x28 values in [0, 1].
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
        const latent::GrayImage picture = ImageFile::readData(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)), "input");
        const latent::PreprocessResult r = latent::preprocessDigit(picture);
        if (r.digit.width != 28 || r.digit.height != 28) std::abort();
        for (float v : r.digit.gray)
            if (!(v >= 0.f && v <= 1.f)) std::abort();
    } catch (const std::exception& e) {
        if (std::string(e.what()).empty()) std::abort();
    }
    return 0;
}
