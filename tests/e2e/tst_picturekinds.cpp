// Pictures of one digit as people bring them (bench/corpus: typefaces, pen strokes, tight crops,
// low resolution, ruled paper, colours, marks, a second digit): each kind preprocesses to the
// digit it shows. The "MNIST" digits here are pen strokes drawn MNIST-style, so the test needs no
// dataset; the corpus benchmark (bench/digit_corpus.sh) scores the real MNIST test digits.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "DigitCorpus.h"
#include "ImageFile.h"
#include "image/DigitComparison.h"
#include "image/DigitPreprocessor.h"

#include <QPainter>
#include <QtTest>
#endif

using namespace latent;

namespace {

// Digits 0-9, four hands each, as MNIST has them: light ink on black, 20 px box in 28 x 28.
std::vector<DigitGlyph> mnistStyleDigits()
{
    DigitCorpus strokes({}, 7);
    std::vector<DigitGlyph> out;
    for (int i = 0; i < 40; ++i) {
        const DigitGlyph g = strokes.strokeGlyph(i % 10, 0.12);
        QImage digit(28, 28, QImage::Format_Grayscale8);
        digit.fill(Qt::black);
        {
            QPainter p(&digit);
            g.paint(p, QRectF(4, 4, 20, 20), Qt::white);
        }
        out.push_back(DigitCorpus::mnistGlyph(g.label, digit, "strokes in MNIST style"));
    }
    return out;
}

GrayImage toGray(const QImage& image) { return ImageFile::fromImage(image); }

struct KindResult {
    int refused = 0;
    std::vector<double> withClean, withOriginal;  // correlations, best of +-2 px shifts
    QStringList notes;
    std::vector<bool> inverted;
    std::vector<double> cropShare;  // the cropped ink box's width over the picture's
};

KindResult run(const QString& kind, int count, uint32_t seed = 3)
{
    DigitCorpus corpus(mnistStyleDigits(), seed);
    KindResult r;
    for (const CorpusPicture& pic : corpus.make(kind, count)) {
        try {
            const PreprocessResult got = preprocessDigit(toGray(pic.image));
            const GrayImage clean = preprocessDigit(toGray(pic.clean)).digit;
            r.withClean.push_back(bestShiftedCorrelation(clean, got.digit));
            if (!pic.original.isNull()) r.withOriginal.push_back(bestShiftedCorrelation(toGray(pic.original), got.digit));
            QString note;
            for (const PreprocessStage& s : got.stages) note += QString::fromStdString(s.name + ": " + s.note + "; ");
            r.notes << note;
            r.inverted.push_back(got.inverted);
            r.cropShare.push_back(double(got.stages[3].image.width) / pic.image.width());
        } catch (const PreprocessError& e) {
            ++r.refused;
            qWarning("%s refused: %s", qPrintable(kind), e.what());
        }
    }
    return r;
}

// The share of values at or above the threshold.
double shareAtLeast(const std::vector<double>& v, double threshold)
{
    return v.empty() ? 0.0 : double(std::count_if(v.begin(), v.end(), [&](double x) { return x >= threshold; })) / double(v.size());
}

}  // namespace

class TestPictureKinds : public QObject {
    Q_OBJECT

    // Every picture of the kind is taken, and at least `share` of them come out as the clean
    // drawing of the same digit does (correlation >= `threshold`).
    void expectLikeClean(const QString& kind, double threshold, double share, int count = 30)
    {
        const KindResult r = run(kind, count);
        QCOMPARE(r.refused, 0);
        if (qEnvironmentVariableIsSet("LATENT_TEST_VERBOSE"))
            for (double c : r.withClean) qInfo("%s %.3f", qPrintable(kind), c);
        const double got = shareAtLeast(r.withClean, threshold);
        QVERIFY2(got >= share, qPrintable(QString("%1: %2 of the pictures correlate >= %3 with the clean digit (want %4)")
                                              .arg(kind)
                                              .arg(got)
                                              .arg(threshold)
                                              .arg(share)));
    }

private Q_SLOTS:
    void photosStillPreprocess() { expectLikeClean("photo", 0.8, 0.9); }

    void printedDigitsCroppedToTheirInkKeepTheirShape() { expectLikeClean("font-tight", 0.9, 0.9); }

    void digitsDrawnEdgeToEdgeKeepTheirShape() { expectLikeClean("drawn-tight", 0.9, 0.9); }

    void tightMnistDigitsComeBackAsTheyWere()
    {
        const KindResult r = run("mnist-tight", 40);
        QCOMPARE(r.refused, 0);
        QCOMPARE(int(r.withOriginal.size()), 40);
        const double got = shareAtLeast(r.withOriginal, 0.9);
        QVERIFY2(got >= 0.9, qPrintable(QString("%1 of tight crops correlate >= 0.9 with their digit").arg(got)));
    }

    void lowResolutionDigitsScaledUpAreTaken() { expectLikeClean("low-res", 0.6, 0.8); }

    void ruledLinesAreNotTheDigit()
    {
        expectLikeClean("lined", 0.85, 0.9);
        // Lines run the whole width: any left in would widen the crop to the picture.
        const KindResult r = run("lined", 20);
        for (size_t i = 0; i < r.cropShare.size(); ++i) QVERIFY2(r.cropShare[i] < 0.8, qPrintable(r.notes[int(i)]));
        QVERIFY(std::count_if(r.notes.begin(), r.notes.end(), [](const QString& n) { return n.contains("ruled lines taken out"); }) >= 10);
    }

    void colouredInkOnColouredPaper() { expectLikeClean("colour", 0.9, 0.9); }

    void specksAndASmallMarkAreLeftOut()
    {
        // The digits are tilted up to 10 degrees here, which costs a thin 1 its correlation.
        expectLikeClean("marks", 0.6, 0.85);
        const KindResult r = run("marks", 10);
        QVERIFY2(std::count_if(r.notes.begin(), r.notes.end(), [](const QString& n) { return n.contains("left out"); }) >= 8,
                 qPrintable(r.notes.join('\n')));
    }

    void ofTwoDigitsTheLargestIsTakenAndTheNoteSaysSo()
    {
        expectLikeClean("two-digits", 0.9, 0.9);
        const KindResult r = run("two-digits", 10);
        QVERIFY2(std::all_of(r.notes.begin(), r.notes.end(), [](const QString& n) { return n.contains("several digits"); }),
                 qPrintable(r.notes.join('\n')));
    }

    void polarityOfATightCropFollowsThePaper()
    {
        // A thick 1 cropped to its ink is mostly ink: the corners still tell the paper.
        DigitCorpus corpus({}, 5);
        const DigitGlyph one = corpus.strokeGlyph(1, 0.2);
        for (const bool darkOnLight : {true, false}) {
            const QColor paper = darkOnLight ? Qt::white : Qt::black, ink = darkOnLight ? Qt::black : Qt::white;
            QImage image(200, 200, QImage::Format_RGB32);
            image.fill(paper);
            {
                QPainter p(&image);
                one.paint(p, QRectF(10, 10, 180, 180), ink);
            }
            const QImage tight = image.copy(DigitCorpus::inkBox(image, paper, ink));
            const PreprocessResult r = preprocessDigit(toGray(tight));
            QCOMPARE(r.inverted, darkOnLight);
        }
    }
};

QTEST_MAIN(TestPictureKinds)
#include "tst_picturekinds.moc"
