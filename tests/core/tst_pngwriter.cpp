// PNG pictures (image/PngWriter) read back pixel for pixel by a decoder written here from the PNG
// specification; a save that fails leaves the file that was there.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "image/PngWriter.h"

#include "runtime/TorchHeaders.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>
#endif

using namespace latent;

namespace {
uint32_t bigEndian(const uint8_t* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }

// An 8-bit grayscale PNG read back by a decoder written here from the PNG specification (chunks
// and their CRCs, IHDR, the IDATs inflated by zlib, the five row filters), independent of the
// writer; an undefined tensor with `why` set when the file is not such a PNG.
torch::Tensor readGrayPng(const QByteArray& file, QString& why)
{
    const auto* b = reinterpret_cast<const uint8_t*>(file.constData());
    if (!file.startsWith("\x89PNG\r\n\x1a\n")) return why = "no PNG signature", torch::Tensor();
    int64_t width = 0, height = 0, pos = 8;
    std::vector<uint8_t> compressed;
    bool ended = false;
    while (!ended && pos + 12 <= file.size()) {
        const uint32_t length = bigEndian(b + pos);
        const QByteArray type = file.mid(pos + 4, 4);
        if (pos + 12 + int64_t(length) > file.size()) return why = "a chunk runs past the end", torch::Tensor();
        if (crc32(0, b + pos + 4, length + 4) != bigEndian(b + pos + 8 + length)) return why = "bad CRC in " + type, torch::Tensor();
        const uint8_t* data = b + pos + 8;
        if (type == "IHDR") {
            width = bigEndian(data), height = bigEndian(data + 4);
            if (data[8] != 8 || data[9] != 0 || data[12] != 0) return why = "not 8-bit grayscale, non-interlaced", torch::Tensor();
        } else if (type == "IDAT") {
            compressed.insert(compressed.end(), data, data + length);
        } else if (type == "IEND") {
            ended = true;
        }
        pos += 12 + length;
    }
    if (!ended || width <= 0 || height <= 0) return why = "no IEND or no IHDR", torch::Tensor();
    std::vector<uint8_t> raw(size_t(height * (width + 1)));
    uLongf rawLength = uLongf(raw.size());
    if (uncompress(raw.data(), &rawLength, compressed.data(), uLong(compressed.size())) != Z_OK || rawLength != raw.size())
        return why = "IDAT does not inflate to height x (1 + width) bytes", torch::Tensor();
    torch::Tensor out = torch::empty({height, width}, torch::kUInt8);
    uint8_t* px = out.data_ptr<uint8_t>();
    for (int64_t y = 0; y < height; ++y) {
        const uint8_t filter = raw[size_t(y * (width + 1))];
        const uint8_t* in = raw.data() + y * (width + 1) + 1;
        for (int64_t x = 0; x < width; ++x) {
            const int a = x > 0 ? px[y * width + x - 1] : 0, up = y > 0 ? px[(y - 1) * width + x] : 0;
            const int c = x > 0 && y > 0 ? px[(y - 1) * width + x - 1] : 0;
            const int p = a + up - c, pa = std::abs(p - a), pb = std::abs(p - up), pc = std::abs(p - c);
            const int predictor[] = {0, a, up, (a + up) / 2, pa <= pb && pa <= pc ? a : pb <= pc ? up : c};
            if (filter > 4) return why = "unknown row filter", torch::Tensor();
            px[y * width + x] = uint8_t(in[x] + predictor[filter]);
        }
    }
    return out;
}

QByteArray fileBytes(const std::string& path)
{
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
}  // namespace

class TestPngWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The PNG read back pixel for pixel (by a decoder of the test's own), enlarged pixels exact; a
    // save that fails leaves the file that was there as it was.
    void pngWriterWritesTheImageItWasGiven()
    {
        QTemporaryDir dir;
        const std::string file = dir.filePath("g.png").toStdString();
        torch::manual_seed(4);
        const torch::Tensor img = torch::randint(0, 256, {6, 5}, torch::kLong).to(torch::kUInt8);
        PngWriter::write(file, img);
        QString why;
        const torch::Tensor back = readGrayPng(fileBytes(file), why);
        QVERIFY2(back.defined(), qPrintable(why));
        QCOMPARE(back.sizes(), img.sizes());
        QVERIFY(torch::equal(back, img));

        PngWriter::write(file, img, 3);
        const torch::Tensor big = readGrayPng(fileBytes(file), why);
        QVERIFY2(big.defined(), qPrintable(why));
        QCOMPARE(big.sizes(), (std::vector<int64_t>{18, 15}));
        for (int64_t y = 0; y < 18; ++y)
            for (int64_t x = 0; x < 15; ++x) QCOMPARE(big[y][x].item<int>(), img[y / 3][x / 3].item<int>());

        const QByteArray before = fileBytes(file);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PngWriter::write(file, torch::rand({6, 5})));  // not bytes
        QCOMPARE(fileBytes(file), before);
        const std::string missing = dir.filePath("no-such-folder/g.png").toStdString();
        QVERIFY_THROWS_EXCEPTION(std::exception, PngWriter::write(missing, img));
        QVERIFY(!QFile::exists(QString::fromStdString(missing)));
        QCOMPARE(fileBytes(file), before);
    }
};

QTEST_GUILESS_MAIN(TestPngWriter)
#include "tst_pngwriter.moc"
