#pragma once
// Qt Gui only (QPainter on QImage): pictures of single digits of the kinds people bring to the
// Your Digit panel, made from sources other than the MNIST training images (installed
// typefaces, synthetic pen strokes, MNIST *test* digits), each with its label and a clean
// rendering of the same digit, so that the preprocessing can be scored against both.
#include <QImage>
#include <QPainterPath>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <random>
#include <vector>

// One digit's shape, independent of where and how it is drawn: a filled outline (typeface
// glyphs, pen strokes already widened by their pen) or a grey mask (an MNIST digit, light = ink).
struct DigitGlyph {
    int label = 0;
    QPainterPath outline;  // in its own coordinates; empty when mask is used
    QImage mask;           // Grayscale8, 255 = ink
    QString source;        // "DejaVu Sans Bold", "pen strokes 6%", "MNIST test #1234"

    QRectF bounds() const;
    // Paints the glyph as ink into target, aspect ratio kept, centred.
    void paint(class QPainter& painter, const QRectF& target, const QColor& ink) const;
};

struct CorpusPicture {
    QString kind;
    int label = 0;
    QImage image;     // what a user would open
    QImage clean;     // the same digit dark on white with a wide margin, nothing else
    QImage original;  // kinds made from an MNIST test digit: that 28x28 digit (else null)
    QString source;
    QString note;  // what was done ("ink touches all four edges", "lined paper, 5 lines", ...)
};

class DigitCorpus {
public:
    // photo, font-tight, drawn-tight, mnist-tight, low-res, lined, colour, marks, two-digits
    static QStringList kinds();
    static QString describe(const QString& kind);

    // `mnistTest`: 28x28 digits (light ink on black, Grayscale8) with their labels, for the kinds
    // made from MNIST test digits (mnist-tight, and half of low-res); may be empty for the others.
    explicit DigitCorpus(std::vector<DigitGlyph> mnistTest = {}, uint32_t seed = 1);

    // count pictures of one kind, labels cycling 0..9; the same seed gives the same pictures.
    std::vector<CorpusPicture> make(const QString& kind, int count);

    // Building blocks (public for the tests).
    static QStringList fontFamilies();  // the installed typefaces the corpus draws from
    static DigitGlyph fontGlyph(int label, const QString& family, int weight, bool italic);
    DigitGlyph strokeGlyph(int label, double penWidth);  // penWidth: a fraction of the height
    static DigitGlyph mnistGlyph(int label, const QImage& digit28, const QString& source);
    // The bounding box of the pixels nearer in luminance to `ink` than a third of the way from
    // `paper` (an empty rectangle when there are none).
    static QRect inkBox(const QImage& image, const QColor& paper, const QColor& ink);

private:
    DigitGlyph anyGlyph(int label, bool allowMnist);
    CorpusPicture picture(const QString& kind, int label);
    double uniform(double a, double b);
    int integer(int a, int b);
    bool chance(double p);

    std::vector<DigitGlyph> mnist_;
    std::mt19937 rng_;
    QStringList families_;
};
