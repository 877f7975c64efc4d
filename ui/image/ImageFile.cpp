#include "ImageFile.h"

#include "image/DigitPreprocessor.h"
#include "io/SafeFile.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImageReader>

#include <algorithm>
#include <cmath>

namespace {

latent::GrayImage readFrom(QImageReader& reader, const QString& what, QSize* fileSize, int workingSide)
{
    const QByteArray format = reader.format();
    if (format.isEmpty() || !reader.canRead())
        throw ImageFileError(what.toStdString() + " is not an image Qt can read (" +
                             QImageReader::supportedImageFormats().join(", ").toStdString() + ")");
    const QSize size = reader.size();  // from the header, before decoding
    if (size.isValid() && (size.width() > ImageFile::kMaxSide || size.height() > ImageFile::kMaxSide ||
                           qint64(size.width()) * size.height() > ImageFile::kMaxPixels))
        throw ImageFileError(what.toStdString() + " claims " + std::to_string(size.width()) + "x" + std::to_string(size.height()) +
                             " pixels; the limit is " + std::to_string(ImageFile::kMaxSide) + " per side and " +
                             std::to_string(ImageFile::kMaxPixels / 1'000'000) + " megapixels");
    if (fileSize) *fileSize = size;
    // Decoded no larger than the preprocessing works at: JPEGs then decode at 1/2 to 1/8 scale
    // (libjpeg's DCT scaling), so a 24-megapixel photo never exists in memory.
    const int working = workingSide > 0 ? workingSide : latent::PreprocessOptions{}.workingSide;
    if (size.isValid() && std::max(size.width(), size.height()) > working)
        reader.setScaledSize(size.scaled(working, working, Qt::KeepAspectRatio));
    QImage image;
    if (!reader.read(&image) || image.isNull())
        throw ImageFileError(what.toStdString() + " could not be decoded as " + format.toStdString() + ": " +
                             reader.errorString().toStdString());
    return ImageFile::fromImage(image);
}

}  // namespace

latent::GrayImage ImageFile::read(const QString& path, QSize* fileSize, int workingSide)
{
    const QFileInfo info(path);
    if (!info.exists()) throw ImageFileError(path.toStdString() + " does not exist");
    if (!info.isFile()) throw ImageFileError(path.toStdString() + " is not a file");
    if (info.size() == 0) throw ImageFileError(path.toStdString() + " is empty (0 bytes)");
    QImageReader reader(path);
    reader.setDecideFormatFromContent(true);                             // a PNG named .jpg is still a PNG
    reader.setAllocationLimit(int(kMaxPixels * 8 / (1024 * 1024)) + 1);  // MB: 16-bit RGBA at the limit
    return readFrom(reader, path, fileSize, workingSide);
}

latent::GrayImage ImageFile::readData(const QByteArray& bytes, const QString& what, QSize* fileSize, int workingSide)
{
    if (bytes.isEmpty()) throw ImageFileError(what.toStdString() + " is empty");
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAllocationLimit(int(kMaxPixels * 8 / (1024 * 1024)) + 1);
    return readFrom(reader, what, fileSize, workingSide);
}

latent::GrayImage ImageFile::fromImage(const QImage& source)
{
    if (source.isNull()) throw ImageFileError("the image is empty");
    // 16 bits per channel keeps 16-bit files' precision; luminance by Rec. 601 weights.
    const QImage image = source.convertToFormat(QImage::Format_RGBA64);
    latent::GrayImage out(image.width(), image.height());
    const bool hasAlpha = source.hasAlphaChannel();
    if (hasAlpha) out.alpha.resize(out.gray.size());
    bool anyTransparent = false;
    for (int y = 0; y < image.height(); ++y) {
        const QRgba64* line = reinterpret_cast<const QRgba64*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const QRgba64 p = line[x].unpremultiplied();
            const size_t i = size_t(y) * size_t(image.width()) + size_t(x);
            out.gray[i] = float((0.299 * p.red() + 0.587 * p.green() + 0.114 * p.blue()) / 65535.0);
            if (hasAlpha) {
                out.alpha[i] = float(p.alpha() / 65535.0);
                anyTransparent = anyTransparent || out.alpha[i] < 0.999f;
            }
        }
    }
    if (!anyTransparent) out.alpha.clear();
    return out;
}

QImage ImageFile::toImage(const latent::GrayImage& g)
{
    QImage out(g.width, g.height, QImage::Format_Grayscale8);
    for (int y = 0; y < g.height; ++y) {
        uchar* line = out.scanLine(y);
        for (int x = 0; x < g.width; ++x) line[x] = uchar(std::lround(std::clamp(g.at(x, y), 0.f, 1.f) * 255.f));
    }
    return out;
}

void ImageFile::writePng(const latent::GrayImage& image, const QString& path) { writePng(toImage(image), path); }

void ImageFile::writePng(const QImage& image, const QString& path)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    if (!buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG"))
        throw ImageFileError("cannot write " + path.toStdString() + ": the picture could not be encoded as PNG");
    try {
        latent::writeFileSafely(path.toStdString(), std::string_view(bytes.constData(), size_t(bytes.size())), "PNG");
    } catch (const latent::FileWriteError& e) {
        throw ImageFileError(e.what());
    }
}
