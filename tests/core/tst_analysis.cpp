// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "analysis/Analysis.h"
#include "analysis/Generation.h"
#include "data/DatasetLocator.h"
#include "data/IdxReader.h"
#include "models/MlpVae.h"
#include "data/MnistPackage.h"
#include "io/Sha256.h"
#include "image/PngWriter.h"
#include "TestData.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
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

class TestAnalysis : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pcaFindsKnownDirections()
    {
        // Points spread with std 5 along u, 2 along v, ~0 elsewhere, in 6 dims, offset by c.
        torch::manual_seed(0);
        const torch::Tensor u = torch::tensor({1.f, 1.f, 0.f, 0.f, 0.f, 0.f}) / std::sqrt(2.f);
        const torch::Tensor v = torch::tensor({0.f, 0.f, 0.f, 1.f, 0.f, 0.f});
        const torch::Tensor c = torch::tensor({3.f, -1.f, 2.f, 0.f, 5.f, 1.f});
        const int64_t n = 20000;
        const torch::Tensor data = torch::randn({n, 1}) * 5 * u + torch::randn({n, 1}) * 2 * v + c + 0.01 * torch::randn({n, 6});
        const Pca pca = Pca::fit(data, 2);
        QVERIFY(std::abs(pca.components()[0].dot(u).abs().item<double>() - 1) < 1e-3);
        QVERIFY(std::abs(pca.components()[1].dot(v).abs().item<double>() - 1) < 1e-3);
        QVERIFY(std::abs(pca.explainedVariance()[0].item<double>() - 25) < 1.0);
        QVERIFY(std::abs(pca.explainedVariance()[1].item<double>() - 4) < 0.2);
        QVERIFY((pca.mean() - c).abs().max().item<double>() < 0.1);
        // Two components reconstruct this data almost exactly; one does not.
        const double err2 = (pca.inverseTransform(pca.transform(data)) - data).square().mean().item<double>();
        const Pca one = Pca::fit(data, 1);
        const double err1 = (one.inverseTransform(one.transform(data)) - data).square().mean().item<double>();
        QVERIFY(err2 < 1e-3);
        QVERIFY(err1 > 0.5);
    }
    void knnOnSeparatedAndMixedClusters()
    {
        torch::manual_seed(0);
        const torch::Tensor centres = torch::tensor({{0.f, 0.f}, {10.f, 0.f}, {0.f, 10.f}});
        auto sample = [&](int64_t n) {
            const torch::Tensor y = torch::randint(0, 3, {n}, torch::kLong);
            return std::make_pair(centres.index_select(0, y) + torch::randn({n, 2}), y);
        };
        auto [trX, trY] = sample(600);
        auto [teX, teY] = sample(300);
        QCOMPARE(knnAccuracy(trX, trY, teX, teY, 5), 1.0);
        // Labels unrelated to position: near chance (1/3).
        const torch::Tensor shuffled = torch::randint(0, 3, {600}, torch::kLong);
        const double chance = knnAccuracy(trX, shuffled, teX, teY, 5);
        QVERIFY2(chance > 0.2 && chance < 0.47, qPrintable(QString::number(chance)));
    }
    void silhouetteOfSeparatedAndMixedClusters()
    {
        torch::manual_seed(0);
        const torch::Tensor labels = torch::arange(600).remainder(3);
        const torch::Tensor centres = torch::tensor({{0.f, 0.f}, {10.f, 0.f}, {0.f, 10.f}});
        const torch::Tensor tight = centres.index_select(0, labels) + 0.1 * torch::randn({600, 2});
        QVERIFY(latent::silhouetteScore(tight, labels) > 0.95);
        const torch::Tensor mixed = torch::randn({600, 2});
        QVERIFY(std::abs(latent::silhouetteScore(mixed, labels)) < 0.05);
        // Subsampling keeps the figure.
        QVERIFY(std::abs(latent::silhouetteScore(tight, labels, 150) - latent::silhouetteScore(tight, labels)) < 0.02);
    }

    void generationIsSeededAndInterpolationEndsAtTheEnds()
    {
        QVERIFY(torch::equal(latent::samplePrior(5, 3, 1), latent::samplePrior(5, 3, 1)));
        QVERIFY(!torch::equal(latent::samplePrior(5, 3, 1), latent::samplePrior(5, 3, 2)));
        const torch::Tensor z0 = torch::tensor({3.f, 0.f}), z1 = torch::tensor({0.f, 1.f});
        for (bool spherical : {false, true}) {
            const torch::Tensor path = latent::interpolatePath(z0, z1, 5, spherical);
            QCOMPARE(path.size(0), 5);
            QVERIFY(torch::allclose(path[0], z0, 1e-5, 1e-5));
            QVERIFY(torch::allclose(path[4], z1, 1e-5, 1e-5));
        }
        // Slerp moves along the arc: the midpoint's norm is the mean of the ends' (2), linear cuts inside.
        QVERIFY(std::abs(latent::interpolatePath(z0, z1, 3, true)[1].norm().item<double>() - 2.0) < 1e-4);
        QVERIFY(latent::interpolatePath(z0, z1, 3, false)[1].norm().item<double>() < 1.7);
        const torch::Tensor jitter = latent::jitterCode(z0, 1000, 0.5, 3);
        QVERIFY(std::abs(jitter.std(0)[0].item<double>() - 0.5) < 0.05);
        QVERIFY(torch::allclose(jitter.mean(0), z0, 0.05, 0.05));
        const torch::Tensor sheet = latent::imageSheet(torch::rand({5, 28, 28}), 2);
        QCOMPARE(sheet.size(0), 3 * 28 + 2 * 2);
        QCOMPARE(sheet.size(1), 2 * 28 + 2);
    }

    void psnrOfKnownError()
    {
        const torch::Tensor ref = torch::zeros({2, 4, 4});
        // MSE 0.01 -> 20 dB; an exact copy counts as 100 dB.
        QVERIFY(std::abs(psnr(torch::full({2, 4, 4}, 0.1), ref) - 20.0) < 1e-6);
        QCOMPARE(psnr(ref, ref), 100.0);
    }
    void gridCoordinatesPutLargestYOnTop()
    {
        GridOptions g;
        g.n = 3;
        g.range = 2;
        const std::vector<float> z = gridCoordinates(g, 2);
        QCOMPARE(int(z.size()), 18);
        QCOMPARE(z[0], -2.f);  // top-left: x = -2, y = +2
        QCOMPARE(z[1], 2.f);
        QCOMPARE(z[16], 2.f);  // bottom-right: x = +2, y = -2
        QCOMPARE(z[17], -2.f);
        g.gaussianQuantiles = true;
        const std::vector<float> q = gridCoordinates(g, 2);
        QVERIFY(std::abs(q[0] + 1.6449f) < 1e-3);  // Phi^-1(0.05)
        QVERIFY(std::abs(q[2]) < 1e-6);            // Phi^-1(0.5)
        // Higher latent sizes: chosen dims vary, the others hold their base values.
        g.gaussianQuantiles = false;
        g.dimX = 2;
        g.dimY = 0;
        g.base = {9.f, 7.f, 9.f};
        const std::vector<float> z3 = gridCoordinates(g, 3);
        QCOMPARE(z3[1], 7.f);
        QCOMPARE(z3[2], -2.f);
        QCOMPARE(z3[0], 2.f);
    }
    void decodedGridChangesWithThePoint()
    {
        torch::manual_seed(0);
        MlpVae m;
        GridOptions g;
        g.n = 4;
        const torch::Tensor grid = decodeGrid(*m, 2, g);
        QCOMPARE(grid.sizes().vec(), (std::vector<int64_t>{112, 112}));
        QCOMPARE(grid.scalar_type(), torch::kUInt8);
        // Cell (0,0) is exactly the decode of its coordinates, and differs from cell (3,3).
        const torch::Tensor cell = decodeImages(*m, torch::tensor({{-3.f, 3.f}}), noLabels())[0];
        const torch::Tensor expected = cell.mul(255).round().to(torch::kUInt8);
        QVERIFY(torch::equal(grid.narrow(0, 0, 28).narrow(1, 0, 28), expected));
        QVERIFY(!torch::equal(grid.narrow(0, 0, 28).narrow(1, 0, 28), grid.narrow(0, 84, 28).narrow(1, 84, 28)));
    }
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
    void sha256MatchesTheStandardVectors()
    {
        // FIPS 180-4 examples, and a million 'a's through many updates of odd sizes.
        QCOMPARE(Sha256::ofBytes(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(Sha256::ofBytes("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(Sha256::ofBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        Sha256 h;
        const std::string chunk(997, 'a');
        size_t left = 1000000;
        while (left > 0) {
            const size_t n = std::min(left, chunk.size());
            h.update(chunk.data(), n);
            left -= n;
        }
        QCOMPARE(Sha256::hex(h.finish()), std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

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

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
