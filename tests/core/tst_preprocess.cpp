// Bringing your own digit: each stage of the MNIST-style preprocessing, the bad pictures it must
// refuse, and the denoise/upscale helpers built on it.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "analysis/Analysis.h"
#include "image/DigitPreprocessor.h"
#include "image/DigitRestoration.h"
#include "models/ModelFactory.h"
#include "TestData.h"

#include <QtTest>

#include <cmath>
#include <random>
#endif

using namespace latent;

namespace {

// A "7" drawn with a thick pen on a large page: a horizontal bar and a slanted stem, rotated by
// angle, ink and paper levels given, with a lighting gradient and sensor noise.
GrayImage photo(int w, int h, float paper, float inkLevel, double angle, double gradient = 0.1, uint32_t seed = 1)
{
    GrayImage g(w, h);
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise(0.f, 0.02f);
    const double c = std::cos(angle), s = std::sin(angle);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            // Page coordinates rotated back into the glyph's frame, glyph in [0,1]^2.
            const double px = double(x) - w / 2.0, py = double(y) - h / 2.0;
            const double u = (c * px + s * py) / (0.5 * h) + 0.5, v = (-s * px + c * py) / (0.5 * h) + 0.5;
            const double pen = 0.07;
            const bool bar = v > 0.05 && v < 0.05 + pen && u > 0.2 && u < 0.8;
            const double stemU = 0.8 - 0.45 * (v - 0.05) / 0.9;
            const bool stem = v > 0.05 && v < 0.95 && std::abs(u - stemU) < pen / 2;
            const float base = paper - float(gradient * double(x) / w);
            g.at(x, y) = std::clamp((bar || stem ? inkLevel : base) + noise(rng), 0.f, 1.f);
        }
    return g;
}

QRect inkBox(const GrayImage& d, float t = 0.2f)
{
    int x0 = d.width, y0 = d.height, x1 = -1, y1 = -1;
    for (int y = 0; y < d.height; ++y)
        for (int x = 0; x < d.width; ++x)
            if (d.at(x, y) > t) x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
    return x1 < 0 ? QRect() : QRect(QPoint(x0, y0), QPoint(x1, y1));
}

QPointF centreOfMass(const GrayImage& d)
{
    double m = 0, mx = 0, my = 0;
    for (int y = 0; y < d.height; ++y)
        for (int x = 0; x < d.width; ++x) m += d.at(x, y), mx += d.at(x, y) * (x + 0.5), my += d.at(x, y) * (y + 0.5);
    return QPointF(mx / m, my / m);
}

}  // namespace

class TestPreprocess : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void darkInkOnLightPaperBecomesAnMnistDigit()
    {
        const PreprocessResult r = preprocessDigit(photo(300, 400, 0.85f, 0.15f, 0.12));
        QVERIFY(r.inverted);
        QCOMPARE(r.digit.width, 28);
        QCOMPARE(r.digit.height, 28);
        QStringList names;
        for (const auto& s : r.stages) names << QString::fromStdString(s.name);
        QCOMPARE(names, QStringList({"grayscale", "light ink on dark", "levelled", "cropped", "scaled", "centred"}));
        // Levelled: paper at 0 (gradient and noise removed), strokes at 1.
        const GrayImage& level = r.stages[2].image;
        QVERIFY(level.at(5, 5) < 0.05f && level.at(290, 390) < 0.05f);
        float maxInk = 0;
        for (float v : level.gray) maxInk = std::max(maxInk, v);
        QCOMPARE(maxInk, 1.f);
        // Longest side of the ink 20 px, centre of mass at the middle.
        const QRect box = inkBox(r.digit);
        QVERIFY2(std::max(box.width(), box.height()) >= 19 && std::max(box.width(), box.height()) <= 20,
                 qPrintable(QString("%1x%2").arg(box.width()).arg(box.height())));
        const QPointF com = centreOfMass(r.digit);
        QVERIFY2(std::abs(com.x() - 14) <= 0.5 && std::abs(com.y() - 14) <= 0.5, qPrintable(QString("%1, %2").arg(com.x()).arg(com.y())));
    }

    void lightInkOnDarkIsKeptAndKeepsItsShape()
    {
        const ImageDataset digits = testdata::syntheticDigits(10, 3);
        GrayImage in(28, 28);
        for (int i = 0; i < 28 * 28; ++i) in.gray[size_t(i)] = digits.images[4].flatten()[i].item<uint8_t>() / 255.f;
        const PreprocessResult r = preprocessDigit(in);
        QVERIFY(!r.inverted);
        // Class 4 is a vertical stroke: it stays tall and thin after scaling to 20 px.
        const QRect box = inkBox(r.digit);
        QCOMPARE(box.height(), 20);
        QVERIFY(box.width() <= 5);
    }

    void alphaIsCompositedOnPaper()
    {
        // Dark strokes on a transparent background (a typical PNG export) equal the same strokes
        // on white paper.
        GrayImage onWhite = photo(120, 160, 1.0f, 0.0f, 0.0, 0.0);
        GrayImage transparent = onWhite;
        transparent.alpha.resize(transparent.gray.size());
        for (size_t i = 0; i < transparent.gray.size(); ++i) {
            const bool inkPixel = onWhite.gray[i] < 0.5f;
            transparent.alpha[i] = inkPixel ? 1.f : 0.f;
            transparent.gray[i] = inkPixel ? onWhite.gray[i] : 0.3f;  // colour under alpha 0 is arbitrary
        }
        const PreprocessResult a = preprocessDigit(onWhite), b = preprocessDigit(transparent);
        QVERIFY(b.stages[0].note.find("white") != std::string::npos);
        QVERIFY(b.inverted);
        double diff = 0;
        for (size_t i = 0; i < a.digit.gray.size(); ++i) diff = std::max(diff, double(std::abs(a.digit.gray[i] - b.digit.gray[i])));
        QVERIFY2(diff < 0.15, qPrintable(QString::number(diff)));
    }

    void specksDoNotStretchTheBox()
    {
        GrayImage clean = photo(200, 200, 0.9f, 0.1f, 0.0, 0.0);
        GrayImage specked = clean;
        for (int y = 190; y < 193; ++y)
            for (int x = 3; x < 6; ++x) specked.at(x, y) = 0.05f;  // a dark speck in a corner
        const PreprocessResult a = preprocessDigit(clean), b = preprocessDigit(specked);
        QCOMPARE(b.stages[3].image.width, a.stages[3].image.width);
        QCOMPARE(b.stages[3].image.height, a.stages[3].image.height);
        QVERIFY(b.stages[3].note.find("speck") != std::string::npos);
    }

    void aSquarishZeroCroppedTightKeepsItsSides()
    {
        // A 0 with nearly straight sides cropped to its ink: ink on most of the border, and its two
        // sides look like ruled lines to a test of two thin bands. The paper is still the larger
        // part, and two bands are not lined paper.
        const int w = 60, h = 200;
        GrayImage g(w, h, 1.f);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const double u = (x + 0.5 - w / 2.0) / (w / 2.0), v = (y + 0.5 - h / 2.0) / (h / 2.0);
                if (std::abs(std::pow(std::abs(u), 8) + std::pow(std::abs(v), 8) - 1.0) < 0.35) g.at(x, y) = 0.f;
            }
        const PreprocessResult r = preprocessDigit(g);
        QVERIFY(r.inverted);
        int bothSides = 0;
        for (int y = 0; y < 28; ++y) {
            bool left = false, right = false;
            for (int x = 0; x < 28; ++x) (x < 14 ? left : right) = (x < 14 ? left : right) || r.digit.at(x, y) > 0.15f;
            bothSides += left && right;
        }
        QVERIFY2(bothSides >= 12, qPrintable(QString("%1 rows with both sides").arg(bothSides)));
    }

    void blankAndTinyPicturesAreRefused()
    {
        GrayImage blank(64, 64, 0.8f);
        std::mt19937 rng(2);
        std::normal_distribution<float> noise(0.f, 0.02f);
        for (float& v : blank.gray) v += noise(rng);
        try {
            preprocessDigit(blank);
            QFAIL("a blank page was accepted");
        } catch (const PreprocessError& e) {
            QVERIFY2(QString(e.what()).contains("no ink"), e.what());
        }
        // However noisy: Otsu's threshold splits any page in two, but noise is not ink.
        for (const float sigma : {0.04f, 0.08f, 0.15f}) {
            GrayImage noisy(120, 90);
            std::normal_distribution<float> n(0.f, sigma);
            for (int y = 0; y < noisy.height; ++y)
                for (int x = 0; x < noisy.width; ++x) noisy.at(x, y) = std::clamp(0.7f - 0.1f * float(x) / noisy.width + n(rng), 0.f, 1.f);
            QVERIFY_THROWS_EXCEPTION(PreprocessError, preprocessDigit(noisy));
        }
        try {
            preprocessDigit(GrayImage(1, 1, 0.f));
            QFAIL("a 1x1 image was accepted");
        } catch (const PreprocessError& e) {
            QVERIFY2(QString(e.what()).contains("1x1"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(PreprocessError, preprocessDigit(GrayImage()));
    }

    // A phone-sized photo is reduced to the working side first and gives the digit the same photo
    // gives when reduced by the user beforehand.
    void largePhotosAreReducedFirstToTheSameDigit()
    {
        const GrayImage big = photo(4000, 3000, 0.85f, 0.15f, 0.12);
        const PreprocessResult r = preprocessDigit(big);
        QCOMPARE(r.stages[0].image.width, 1024);
        QCOMPARE(r.stages[0].image.height, 768);
        QVERIFY2(r.stages[0].note.find("reduced from 4000x3000") != std::string::npos, r.stages[0].note.c_str());
        const PreprocessResult small = preprocessDigit(resampleArea(big, 800, 600));
        double sab = 0, saa = 0, sbb = 0, ma = 0, mb = 0;
        for (size_t i = 0; i < 28 * 28; ++i) ma += r.digit.gray[i], mb += small.digit.gray[i];
        ma /= 28 * 28, mb /= 28 * 28;
        for (size_t i = 0; i < 28 * 28; ++i) {
            const double a = r.digit.gray[i] - ma, b = small.digit.gray[i] - mb;
            sab += a * b, saa += a * a, sbb += b * b;
        }
        const double corr = sab / std::sqrt(saa * sbb);
        QVERIFY2(corr >= 0.95, qPrintable(QString::number(corr)));
        // Options can keep the whole picture.
        PreprocessOptions whole;
        whole.workingSide = 0;
        QCOMPARE(preprocessDigit(photo(1500, 1200, 0.85f, 0.15f, 0.1), whole).stages[0].image.width, 1500);
    }

    void areaResamplingKeepsTheMean()
    {
        GrayImage g(97, 61);
        std::mt19937 rng(4);
        std::uniform_real_distribution<float> u(0.f, 1.f);
        for (float& v : g.gray) v = u(rng);
        const GrayImage s = resampleArea(g, 20, 13);
        auto mean = [](const GrayImage& i) { return std::accumulate(i.gray.begin(), i.gray.end(), 0.0) / double(i.gray.size()); };
        QVERIFY(std::abs(mean(s) - mean(g)) < 1e-4);
    }

    void denoiseIsSeededAndScoredAgainstTheCleanDigit()
    {
        ModelSpec spec;
        spec.kind = ModelKind::Dae;
        spec.arch = Arch::Conv;
        spec.latentDim = 0;
        torch::manual_seed(0);
        Autoencoder model = makeModel(spec);
        const GrayImage digit = preprocessDigit(photo(120, 160, 0.9f, 0.1f, 0.05)).digit;
        const DenoiseResult a = denoiseDigit(*model, spec, digit, 0.5, 7), b = denoiseDigit(*model, spec, digit, 0.5, 7),
                            c = denoiseDigit(*model, spec, digit, 0.5, 8);
        QVERIFY(torch::equal(a.noisy, b.noisy));
        // The output is exactly the model's reconstruction of the noisy digit (images, not logits).
        QVERIFY(torch::allclose(a.output, model->reconstructMean(a.noisy.reshape({1, 1, 28, 28}), noLabels())[0][0]));
        QVERIFY(!torch::equal(a.noisy, c.noisy));
        QCOMPARE(a.psnrNoisy, psnr(a.noisy.unsqueeze(0), toTensor(digit).unsqueeze(0)));
        QVERIFY(a.psnrNoisy < 15);  // std 0.5 noise is heavy
        const DenoiseResult none = denoiseDigit(*model, spec, digit, 0.0, 7);
        QVERIFY(torch::equal(none.noisy, none.clean));
        ModelSpec sr;
        sr.kind = ModelKind::Sr;
        sr.arch = Arch::Conv;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, denoiseDigit(*makeModel(sr), sr, digit, 0.5, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, upscaleDigit(*model, spec, digit));
        const UpscaleResult up = upscaleDigit(*makeModel(sr), sr, digit);
        QCOMPARE(up.small.size(0), 14);
        QCOMPARE(up.output.size(0), 28);
        QVERIFY(up.psnrBicubic > 10);
    }
};

QTEST_APPLESS_MAIN(TestPreprocess)
#include "tst_preprocess.moc"
