#pragma once
// Qt Gui only (no widgets, no torch): shared by latent-cli and the explorer window.
#include "image/GrayImage.h"

#include <QByteArray>
#include <QImage>
#include <QString>

#include <stdexcept>

// A file or a clipboard payload that is not a usable picture; what() names it and says why.
class ImageFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Reads pictures in any format Qt reads (PNG, JPEG, BMP, GIF's first frame, 8 or 16 bits, with or
// without alpha) into luminance + alpha for the core's preprocessing, and writes digits as PNG.
// The size a file claims is checked before anything is decoded.
class ImageFile {
public:
    static constexpr int kMaxSide = 16384;            // pixels per side
    static constexpr qint64 kMaxPixels = 50'000'000;  // width x height

    // Pictures larger than workingSide (0: the preprocessing's default, PreprocessOptions) are
    // decoded reduced to it; fileSize (if given) receives the size the file itself has.
    static latent::GrayImage read(const QString& path, QSize* fileSize = nullptr, int workingSide = 0);
    static latent::GrayImage readData(const QByteArray& bytes, const QString& what, QSize* fileSize = nullptr, int workingSide = 0);
    static latent::GrayImage fromImage(const QImage& image);  // alpha kept when the image has it
    static QImage toImage(const latent::GrayImage& image);    // Grayscale8, rounded
    // Through the core's safe writer (whole or not at all); ImageFileError says why not.
    static void writePng(const latent::GrayImage& image, const QString& path);
    static void writePng(const QImage& image, const QString& path);
};
