// The installer of the standard MNIST (data/MnistPackage), on a generated package whose pins are
// its own files'.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "data/DatasetLocator.h"
#include "data/IdxReader.h"
#include "data/MnistPackage.h"
#include "io/Sha256.h"
#include "TestData.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#endif

using namespace latent;

class TestMnistPackage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The installer of the standard MNIST, on a generated package whose pins are its own files'.
    void mnistPackageInstallsOnlyWhatMatchesItsPins()
    {
        QTemporaryDir dir;
        const std::string package = dir.filePath("package/data").toStdString(), out = dir.filePath("mnist").toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(package)));
        testdata::writeIdxFolder(package, testdata::syntheticSplits(60, 10));
        std::vector<PinnedFile> pins;
        for (const char* name :
             {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            const std::string path = package + "/" + name;
            pins.push_back({name, uint64_t(QFileInfo(QString::fromStdString(path)).size()), Sha256::ofFile(path)});
        }
        const MnistPackage::Installed r = MnistPackage::install(package, out, pins);
        QCOMPARE(r.trainCount, int64_t(60));
        QCOMPARE(r.testCount, int64_t(10));
        QCOMPARE(DatasetLocator::load(out).train.size(), int64_t(60));
        QCOMPARE(MnistPackage::installedSource(out), std::string(MnistPackage::kPackage));

        // One byte changed: refused, the file named, the installed dataset untouched.
        QFile f(QString::fromStdString(package + "/t10k-images-idx3-ubyte"));
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(500);
        const char byte = f.peek(1)[0];
        f.write(QByteArray(1, char(byte ^ 0x40)));
        f.close();
        const std::string before = Sha256::ofFile(out + "/train-images-idx3-ubyte");
        try {
            MnistPackage::install(package, out, pins);
            QFAIL("installed a changed file");
        } catch (const DownloadError& e) {
            QVERIFY2(QString(e.what()).contains("t10k-images-idx3-ubyte") && QString(e.what()).contains("SHA-256"), e.what());
        }
        QCOMPARE(Sha256::ofFile(out + "/train-images-idx3-ubyte"), before);
        // A missing or truncated file is named too; the real pins refuse a generated package.
        QVERIFY(QFile::resize(QString::fromStdString(package + "/train-labels-idx1-ubyte"), 10));
        try {
            MnistPackage::verify(package, pins);
            QFAIL("accepted a truncated file");
        } catch (const DownloadError& e) {
            QVERIFY2(QString(e.what()).contains("train-labels-idx1-ubyte") && QString(e.what()).contains("bytes"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(DownloadError, MnistPackage::verify(package));
        QVERIFY_THROWS_EXCEPTION(DownloadError, MnistPackage::verify(dir.filePath("nowhere").toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestMnistPackage)
#include "tst_mnistpackage.moc"
