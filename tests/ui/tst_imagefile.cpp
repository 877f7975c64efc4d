// ImageFile: the pictures people open or paste, read into luminance + alpha, and digits written
// as PNG. Qt Gui only: no torch, no window.
#ifndef Q_MOC_RUN  // moc reads the test class alone (its includes cost ~2 s a test)
#include "ImageFile.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#endif

class TestImageFile : public QObject {
    Q_OBJECT

    QTemporaryDir dir;

    QString write(const QString& name, const QByteArray& bytes)
    {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write a test file");
        f.write(bytes);
        return f.fileName();
    }
    static QByteArray pngBytes(const QImage& image)
    {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        return bytes;
    }
    // A PNG whose header claims width x height 8-bit gray pixels, followed by a token image chunk.
    static QByteArray pngClaiming(quint32 width, quint32 height)
    {
        QByteArray png("\x89PNG\r\n\x1a\n", 8);
        auto be32 = [](QByteArray& b, quint32 v) {
            for (int i = 3; i >= 0; --i) b.append(char((v >> (8 * i)) & 0xff));
        };
        auto chunk = [&](const QByteArray& typeAndData) {
            quint32 crc = 0xffffffffu;
            for (char c : typeAndData) {
                crc ^= quint8(c);
                for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
            }
            be32(png, quint32(typeAndData.size() - 4));
            png.append(typeAndData);
            be32(png, ~crc);
        };
        QByteArray ihdr("IHDR");
        be32(ihdr, width), be32(ihdr, height);
        ihdr.append(char(8)).append(char(0)).append(char(0)).append(char(0)).append(char(0));
        chunk(ihdr);
        chunk(QByteArray("IDAT") + QByteArray(16, '\0'));
        chunk(QByteArray("IEND"));
        return png;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir.isValid()); }

    // Each file is refused before anything is decoded, with the path and the reason.
    void filesThatAreNoPictureAreRefusedWithAReason_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing") << dir.filePath("missing.png") << "does not exist";
        QTest::newRow("folder") << dir.path() << "is not a file";
        QTest::newRow("empty") << write("empty.png", QByteArray()) << "is empty (0 bytes)";
        QTest::newRow("text") << write("notes.png", "these are my notes, not a picture\n") << "is not an image Qt can read";
        QTest::newRow("huge claim") << write("huge.png", pngClaiming(100000, 100000)) << "claims 100000x100000 pixels";
        QTest::newRow("wide claim") << write("wide.png", pngClaiming(20000, 2)) << "the limit is 16384 per side";
        QByteArray cut = pngBytes(QImage(40, 40, QImage::Format_Grayscale8));
        cut.truncate(cut.size() / 2);
        QTest::newRow("truncated") << write("cut.png", cut) << "could not be decoded as png";
    }
    void filesThatAreNoPictureAreRefusedWithAReason()
    {
        QFETCH(QString, path);
        QFETCH(QString, reason);
        try {
            (void)ImageFile::read(path);
            QFAIL("read");
        } catch (const ImageFileError& e) {
            const QString what = QString::fromStdString(e.what());
            QVERIFY2(what.contains(reason) && what.contains(QFileInfo(path).fileName()), e.what());
        }
    }

    // A pasted payload: the same checks, named by what the caller says it is.
    void pastedBytesAreCheckedAsFilesAre()
    {
        for (const QByteArray& bytes : {QByteArray(), QByteArray("plain text")}) {
            try {
                (void)ImageFile::readData(bytes, "the clipboard");
                QFAIL("read");
            } catch (const ImageFileError& e) {
                QVERIFY2(QString(e.what()).startsWith("the clipboard is "), e.what());
            }
        }
        QImage two(2, 1, QImage::Format_Grayscale8);
        two.setPixel(0, 0, qRgb(0, 0, 0)), two.setPixel(1, 0, qRgb(255, 255, 255));
        const latent::GrayImage g = ImageFile::readData(pngBytes(two), "the clipboard");
        QCOMPARE(g.width, 2);
        QCOMPARE(g.at(0, 0), 0.f);
        QCOMPARE(g.at(1, 0), 1.f);
    }

    // Luminance by Rec. 601 weights; alpha kept only when some pixel is transparent; 16-bit
    // files keep their precision.
    void colourAlphaAndSixteenBitsAreRead()
    {
        QImage rgba(3, 1, QImage::Format_ARGB32);
        rgba.setPixel(0, 0, qRgba(255, 0, 0, 255));
        rgba.setPixel(1, 0, qRgba(0, 255, 0, 255));
        rgba.setPixel(2, 0, qRgba(0, 0, 255, 0));
        const latent::GrayImage g = ImageFile::read(write("rgba.png", pngBytes(rgba)));
        QVERIFY(std::abs(g.at(0, 0) - 0.299f) < 1e-4f);
        QVERIFY(std::abs(g.at(1, 0) - 0.587f) < 1e-4f);
        QCOMPARE(g.alpha.size(), size_t(3));
        QCOMPARE(g.alpha[0], 1.f);
        QCOMPARE(g.alpha[2], 0.f);

        rgba.setPixel(2, 0, qRgba(0, 0, 255, 255));
        QVERIFY(ImageFile::read(write("opaque.png", pngBytes(rgba.convertToFormat(QImage::Format_ARGB32)))).alpha.empty());

        QImage deep(1, 1, QImage::Format_Grayscale16);
        reinterpret_cast<quint16*>(deep.scanLine(0))[0] = 1000;  // between two 8-bit levels (3 and 4)
        const latent::GrayImage d = ImageFile::read(write("deep.png", pngBytes(deep)));
        QVERIFY2(std::abs(d.at(0, 0) - 1000.f / 65535.f) < 1e-6f, qPrintable(QString::number(d.at(0, 0))));
    }

    // A large picture is decoded no larger than the working side; the caller learns its real size.
    void largePicturesAreDecodedReduced()
    {
        QImage big(300, 150, QImage::Format_Grayscale8);
        big.fill(200);
        QSize fileSize;
        const latent::GrayImage g = ImageFile::read(write("big.png", pngBytes(big)), &fileSize, 60);
        QCOMPARE(fileSize, QSize(300, 150));
        QCOMPARE(g.width, 60);
        QCOMPARE(g.height, 30);
        QVERIFY(std::abs(g.at(10, 10) - 200.f / 255.f) < 1e-3f);
    }

    // A digit written and read back is the same picture; a write that cannot happen says so and
    // leaves the file that was there.
    void writtenDigitsReadBackAndFailedWritesKeepTheFile()
    {
        latent::GrayImage digit(28, 28);
        for (int i = 0; i < 28; ++i) digit.at(i, i) = 1.f, digit.at(27 - i, i) = 0.5f;
        const QString path = dir.filePath("digit.png");
        ImageFile::writePng(digit, path);
        QCOMPARE(QImage(path), ImageFile::toImage(digit));
        const latent::GrayImage back = ImageFile::read(path);
        QCOMPARE(back.gray.size(), digit.gray.size());
        for (size_t i = 0; i < back.gray.size(); ++i)
            QVERIFY(std::abs(back.gray[i] - digit.gray[i]) <= 0.51f / 255.f);  // rounded to 8 bits

        QFile kept(path);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        const QByteArray bytes = kept.readAll();
        kept.close();
        // Into a "folder" that is the digit's own file: refused, naming the path, the file unchanged.
        try {
            ImageFile::writePng(latent::GrayImage(28, 28, 0.25f), path + "/other.png");
            QFAIL("wrote below a file");
        } catch (const ImageFileError& e) {
            QVERIFY2(QString(e.what()).contains("digit.png/other.png"), e.what());
        }
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), bytes);
    }
};

QTEST_GUILESS_MAIN(TestImageFile)
#include "tst_imagefile.moc"
