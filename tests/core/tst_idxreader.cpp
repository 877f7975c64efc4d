// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "data/DatasetLocator.h"
#include "data/IdxReader.h"
#include "data/IdxWriter.h"
#include "TestData.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

#include <sys/resource.h>
#endif

using namespace latent;

class TestIdxReader : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    QString path(const QString& name) { return dir.filePath(name); }
    void writeBytes(const QString& name, const QByteArray& bytes)
    {
        QFile f(path(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        testdata::keepAsFuzzSeed("idx", path(name).toStdString());
    }
    void writeGzip(const QString& name, const QByteArray& bytes)
    {
        gzFile f = gzopen(path(name).toUtf8().constData(), "wb");
        QVERIFY(f);
        gzwrite(f, bytes.constData(), unsigned(bytes.size()));
        gzclose(f);
        testdata::keepAsFuzzSeed("idx", path(name).toStdString());
    }
    static QByteArray header(int type, std::vector<uint32_t> dims)
    {
        QByteArray h;
        h.append(char(0)).append(char(0)).append(char(type)).append(char(dims.size()));
        for (uint32_t d : dims)
            for (int s = 24; s >= 0; s -= 8) h.append(char((d >> s) & 0xFF));
        return h;
    }
    // Reading must fail, and the message must name the file and contain `what`.
    void expectError(const QString& name, const QString& what)
    {
        try {
            IdxReader::read(path(name).toStdString());
            QFAIL(qPrintable("no error for " + name));
        } catch (const IdxError& e) {
            const QString msg = QString::fromStdString(e.what());
            QVERIFY2(msg.contains(name), qPrintable(msg));
            QVERIFY2(msg.contains(what, Qt::CaseInsensitive), qPrintable(msg + " (expected: " + what + ")"));
        }
    }

private Q_SLOTS:
    void roundTripPlainAndGzip_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("plain") << "images-idx3-ubyte";
        QTest::newRow("gzip") << "images-idx3-ubyte.gz";
    }
    void roundTripPlainAndGzip()
    {
        QFETCH(QString, name);
        const torch::Tensor data = torch::randint(0, 256, {7, 28, 28}, torch::kLong).to(torch::kUInt8);
        IdxWriter::write(path(name).toStdString(), data);
        QVERIFY(!QFile::exists(path(name) + ".tmp"));
        const IdxArray back = IdxReader::read(path(name).toStdString());
        QCOMPARE(back.dims, (std::vector<int64_t>{7, 28, 28}));
        QVERIFY(torch::equal(back.data, data));
        if (name.endsWith(".gz")) {
            QFile f(path(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.read(2), QByteArray("\x1f\x8b"));  // really compressed
        }
    }
    void gzipDetectedByContentNotName()
    {
        writeGzip("labels-no-ext", header(0x08, {3}) + QByteArray("\x01\x02\x03", 3));
        const IdxArray a = IdxReader::read(path("labels-no-ext").toStdString());
        QCOMPARE(a.data[2].item<int>(), 3);
    }
    void rejectsMissingFile() { expectError("does-not-exist", "cannot open"); }
    void rejectsEmptyFile()
    {
        writeBytes("empty", {});
        expectError("empty", "too short");
    }
    void rejectsBadMagic()
    {
        writeBytes("png-like", QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(100, 'x'));
        expectError("png-like", "bad magic");
    }
    void rejectsUnsupportedElementType()
    {
        writeBytes("floats", header(0x0D, {2}) + QByteArray(8, 0));
        expectError("floats", "float");
        writeBytes("unknown-type", header(0x42, {2}) + QByteArray(2, 0));
        expectError("unknown-type", "unknown element type");
    }
    void rejectsTruncatedHeader()
    {
        writeBytes("short-header", header(0x08, {10, 28, 28}).left(9));
        expectError("short-header", "truncated header");
    }
    void rejectsTruncatedData()
    {
        writeBytes("cut", header(0x08, {10, 28, 28}) + QByteArray(28 * 28 * 9, 1));
        expectError("cut", "truncated");
        writeGzip("cut.gz", header(0x08, {10, 28, 28}) + QByteArray(28 * 28 * 9, 1));
        expectError("cut.gz", "truncated");
    }
    void rejectsTrailingBytes()
    {
        writeBytes("long", header(0x08, {2}) + QByteArray(5, 1));
        expectError("long", "unexpected bytes");
    }
    void rejectsHugeDimensionsBeforeAllocating()
    {
        writeBytes("huge", header(0x08, {0xFFFFFFFF, 0xFFFF, 28}) + QByteArray(16, 0));
        expectError("huge", "1 GiB");
    }
    void gzipClaimingAGigabyteIsRefusedWithoutAllocatingIt()
    {
        // 1000 x 1024 x 1024 bytes claimed, a few hundred bytes inflate: a bomb's header costs nothing.
        writeGzip("claims-1g.gz", header(0x08, {1000, 1024, 1024}) + QByteArray(300, 1));
        rusage before{}, after{};
        getrusage(RUSAGE_SELF, &before);
        expectError("claims-1g.gz", "truncated");
        getrusage(RUSAGE_SELF, &after);
#ifdef __SANITIZE_THREAD__
        // TSan maps shadow memory for what the reader touches (~90 MB here): still far from the gigabyte.
        const long limitKb = 256 * 1024;
#else
        const long limitKb = 64 * 1024;
#endif
        QVERIFY2(after.ru_maxrss - before.ru_maxrss < limitKb,
                 qPrintable(QString("peak memory grew by %1 kB").arg(after.ru_maxrss - before.ru_maxrss)));
    }
    void rejectsCorruptGzipStream()
    {
        writeGzip("bad.gz", header(0x08, {1000}) + QByteArray(1000, 7));
        QFile f(path("bad.gz"));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray bytes = f.readAll();
        for (int i = 12; i < bytes.size() - 8; ++i) bytes[i] = char(bytes[i] ^ 0x5A);
        f.seek(0);
        f.write(bytes);
        f.close();
        try {
            IdxReader::read(path("bad.gz").toStdString());
            QFAIL("corrupt gzip accepted");
        } catch (const IdxError& e) {
            QVERIFY(QString(e.what()).contains("bad.gz"));
        }
    }
    void datasetRejectsCountMismatch()
    {
        QTemporaryDir d;
        const std::string p = d.path().toStdString();
        testdata::writeIdxFolder(p, torch::zeros({5, 28, 28}, torch::kUInt8), torch::zeros({4}, torch::kUInt8),
                                 torch::zeros({2, 28, 28}, torch::kUInt8), torch::zeros({2}, torch::kUInt8), true);
        try {
            DatasetLocator::load(p);
            QFAIL("mismatched counts accepted");
        } catch (const IdxError& e) {
            QVERIFY2(QString(e.what()).contains("5 images but"), e.what());
        }
        IdxWriter::write(p + "/train-labels-idx1-ubyte", torch::arange(5).to(torch::kUInt8));
        const DatasetSplits s = DatasetLocator::load(p);  // mixed plain and .gz
        QCOMPARE(s.train.size(), int64_t(5));
        QCOMPARE(s.test.size(), int64_t(2));
        QCOMPARE(s.train.numClasses(), 5);
    }
    void datasetRejectsWrongImageSize()
    {
        QTemporaryDir d;
        const std::string p = d.path().toStdString();
        testdata::writeIdxFolder(p, torch::zeros({2, 32, 32}, torch::kUInt8), torch::zeros({2}, torch::kUInt8),
                                 torch::zeros({2, 28, 28}, torch::kUInt8), torch::zeros({2}, torch::kUInt8));
        QVERIFY_THROWS_EXCEPTION(IdxError, DatasetLocator::load(p));
    }
    void missingDatasetSaysWhereItLooked()
    {
        qputenv("LATENT_DATA_DIR", dir.filePath("nowhere").toUtf8());
        try {
            DatasetLocator::load("mnist");
            QFAIL("missing dataset accepted");
        } catch (const std::runtime_error& e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains(dir.filePath("nowhere/mnist")), qPrintable(msg));
            QVERIFY2(msg.contains("bootstrap"), qPrintable(msg));
        }
        qunsetenv("LATENT_DATA_DIR");
    }
};

QTEST_GUILESS_MAIN(TestIdxReader)
#include "tst_idxreader.moc"
