#include "DigitCorpus.h"

#include <QFont>
#include <QFontDatabase>
#include <QPainter>
#include <QPainterPathStroker>
#include <QTransform>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace {

double luminance(const QColor& c) { return (0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()) / 255.0; }
double luminance(QRgb c) { return (0.299 * qRed(c) + 0.587 * qGreen(c) + 0.114 * qBlue(c)) / 255.0; }

QImage canvas(int w, int h, const QColor& paper)
{
    QImage image(std::max(1, w), std::max(1, h), QImage::Format_RGB32);
    image.fill(paper);
    return image;
}

QColor gray(double level)
{
    const int v = std::clamp(int(std::lround(level * 255)), 0, 255);
    return QColor(v, v, v);
}

// Pen strokes of each digit in a unit box (y down), as people write them: one list of points per
// stroke; `smooth` strokes are drawn as curves through their points, the others as polylines.
struct Stroke {
    std::vector<QPointF> points;
    bool smooth = true;
};
std::vector<Stroke> digitStrokes(int label, bool variant)
{
    switch (label) {
    case 0: return {{{{0.5, 0.04}, {0.8, 0.2}, {0.86, 0.55}, {0.65, 0.94}, {0.35, 0.94}, {0.14, 0.6}, {0.2, 0.2}, {0.5, 0.04}}}};
    case 1:
        if (variant) return {{{{0.3, 0.22}, {0.56, 0.04}, {0.56, 0.96}}, false}};
        return {{{{0.55, 0.04}, {0.45, 0.96}}, false}};
    case 2: return {{{{0.18, 0.24}, {0.36, 0.06}, {0.64, 0.05}, {0.8, 0.25}, {0.7, 0.5}, {0.4, 0.74}, {0.14, 0.95}, {0.86, 0.93}}}};
    case 3:
        return {
            {{{0.2, 0.12}, {0.5, 0.03}, {0.78, 0.18}, {0.7, 0.4}, {0.45, 0.48}, {0.76, 0.58}, {0.82, 0.8}, {0.55, 0.96}, {0.18, 0.88}}}};
    case 4:
        if (variant) return {{{{0.62, 0.05}, {0.12, 0.66}, {0.88, 0.66}}, false}, {{{0.62, 0.05}, {0.62, 0.96}}, false}};
        return {{{{0.2, 0.05}, {0.15, 0.55}, {0.85, 0.55}}, false}, {{{0.7, 0.05}, {0.68, 0.96}}, false}};
    case 5:
        return {{{{0.8, 0.05}, {0.3, 0.06}, {0.25, 0.45}}, false},
                {{{0.25, 0.45}, {0.55, 0.38}, {0.8, 0.56}, {0.78, 0.85}, {0.5, 0.96}, {0.2, 0.88}}}};
    case 6: return {{{{0.72, 0.04}, {0.4, 0.25}, {0.2, 0.6}, {0.34, 0.93}, {0.66, 0.93}, {0.8, 0.7}, {0.6, 0.5}, {0.28, 0.6}}}};
    case 7:
        if (variant) return {{{{0.14, 0.07}, {0.86, 0.07}, {0.42, 0.96}}, false}, {{{0.35, 0.52}, {0.75, 0.52}}, false}};
        return {{{{0.14, 0.07}, {0.86, 0.07}, {0.42, 0.96}}, false}};
    case 8:
        return {{{{0.5, 0.5},
                  {0.74, 0.32},
                  {0.7, 0.1},
                  {0.5, 0.04},
                  {0.3, 0.1},
                  {0.26, 0.32},
                  {0.5, 0.5},
                  {0.78, 0.7},
                  {0.72, 0.92},
                  {0.5, 0.97},
                  {0.28, 0.92},
                  {0.22, 0.7},
                  {0.5, 0.5}}}};
    default:
        if (variant)
            return {{{{0.76, 0.28}, {0.55, 0.48}, {0.3, 0.44}, {0.22, 0.24}, {0.4, 0.05}, {0.66, 0.07}, {0.77, 0.28}, {0.66, 0.96}}}};
        return {{{{0.76, 0.3}, {0.5, 0.48}, {0.26, 0.36}, {0.3, 0.1}, {0.56, 0.04}, {0.76, 0.2}, {0.76, 0.5}, {0.74, 0.96}}, false}};
    }
}

// A curve through the points (Catmull-Rom as cubic Beziers).
QPainterPath curveThrough(const std::vector<QPointF>& p)
{
    QPainterPath path(p.front());
    for (size_t i = 0; i + 1 < p.size(); ++i) {
        const QPointF p0 = i > 0 ? p[i - 1] : p[i], p1 = p[i], p2 = p[i + 1], p3 = i + 2 < p.size() ? p[i + 2] : p[i + 1];
        path.cubicTo(p1 + (p2 - p0) / 6.0, p2 - (p3 - p1) / 6.0, p2);
    }
    return path;
}

// Adds Gaussian sensor noise to each channel.
void addNoise(QImage& image, double sigma, std::mt19937& rng)
{
    if (sigma <= 0) return;
    std::normal_distribution<double> n(0.0, sigma * 255.0);
    for (int y = 0; y < image.height(); ++y) {
        QRgb* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const QRgb c = line[x];
            auto ch = [&](int v) { return std::clamp(int(std::lround(v + n(rng))), 0, 255); };
            line[x] = qRgb(ch(qRed(c)), ch(qGreen(c)), ch(qBlue(c)));
        }
    }
}

// Uneven light: brightness falls linearly by `strength` across the picture in direction angle.
void addLighting(QImage& image, double strength, double angle)
{
    const double cx = std::cos(angle), cy = std::sin(angle);
    const double w = image.width(), h = image.height();
    for (int y = 0; y < image.height(); ++y) {
        QRgb* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const double t = ((x / w - 0.5) * cx + (y / h - 0.5) * cy) + 0.5;  // about 0..1
            const double f = 1.0 - strength * std::clamp(t, 0.0, 1.0);
            const QRgb c = line[x];
            line[x] = qRgb(int(qRed(c) * f), int(qGreen(c) * f), int(qBlue(c) * f));
        }
    }
}

QImage cleanRendering(const DigitGlyph& glyph)
{
    QImage image = canvas(100, 100, Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    glyph.paint(p, QRectF(20, 20, 60, 60), Qt::black);
    return image;
}

}  // namespace

QRectF DigitGlyph::bounds() const
{
    if (!outline.isEmpty()) return outline.boundingRect();
    int x0 = mask.width(), y0 = mask.height(), x1 = -1, y1 = -1;
    for (int y = 0; y < mask.height(); ++y)
        for (int x = 0; x < mask.width(); ++x)
            if (qGray(mask.pixel(x, y)) > 25) x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
    return x1 < 0 ? QRectF(0, 0, mask.width(), mask.height()) : QRectF(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
}

void DigitGlyph::paint(QPainter& painter, const QRectF& target, const QColor& ink) const
{
    const QRectF b = bounds();
    const double scale = std::min(target.width() / b.width(), target.height() / b.height());
    const QSizeF size = b.size() * scale;
    const QRectF placed(target.center() - QPointF(size.width() / 2, size.height() / 2), size);
    painter.save();
    if (!outline.isEmpty()) {
        QTransform t;
        t.translate(placed.left(), placed.top());
        t.scale(scale, scale);
        t.translate(-b.left(), -b.top());
        painter.setRenderHint(QPainter::Antialiasing);
        painter.fillPath(t.map(outline), ink);
    } else {
        // The mask as the alpha of an ink-coloured image, scaled smoothly (a photo of a print).
        QImage coloured(mask.size(), QImage::Format_ARGB32);
        for (int y = 0; y < mask.height(); ++y)
            for (int x = 0; x < mask.width(); ++x)
                coloured.setPixel(x, y, qRgba(ink.red(), ink.green(), ink.blue(), qGray(mask.pixel(x, y))));
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(placed, coloured, b);
    }
    painter.restore();
}

QStringList DigitCorpus::kinds()
{
    return {"photo", "font-tight", "drawn-tight", "mnist-tight", "low-res", "lined", "colour", "marks", "two-digits"};
}

QString DigitCorpus::describe(const QString& kind)
{
    if (kind == "photo") return "dark ink on light paper with a margin, uneven light, sensor noise, tilted";
    if (kind == "font-tight") return "a printed digit cropped to its ink (ink on all four edges), either polarity";
    if (kind == "drawn-tight") return "pen strokes drawn edge to edge, thin pen to thick marker";
    if (kind == "mnist-tight") return "an MNIST test digit enlarged and cropped to its ink, either polarity";
    if (kind == "low-res") return "an 8x8 or 12x12 digit scaled up (blurred or pixelated)";
    if (kind == "lined") return "on lined or squared paper";
    if (kind == "colour") return "coloured ink on coloured paper";
    if (kind == "marks") return "specks and a small second mark beside the digit";
    if (kind == "two-digits") return "the digit and a smaller second digit beside it (the label is the larger)";
    return {};
}

DigitCorpus::DigitCorpus(std::vector<DigitGlyph> mnistTest, uint32_t seed)
    : mnist_(std::move(mnistTest)), rng_(seed), families_(fontFamilies())
{
}

QStringList DigitCorpus::fontFamilies()
{
    // Typefaces of different builds: sans, serif, monospace, geometric, narrow, and a script.
    static const QStringList wanted = {
        "DejaVu Sans",        "DejaVu Serif", "DejaVu Sans Mono", "Nimbus Sans", "Nimbus Roman", "Nimbus Mono PS",
        "Nimbus Sans Narrow", "URW Gothic",   "URW Bookman",      "C059",        "P052",         "Z003",
        "Noto Sans Mono"};
    const QStringList installed = QFontDatabase::families();
    QStringList out;
    // Families come as "Nimbus Sans [urw]" where several foundries have one.
    for (const QString& f : wanted)
        if (std::any_of(installed.begin(), installed.end(), [&](const QString& i) { return i == f || i.startsWith(f + " ["); })) out << f;
    if (out.isEmpty() && !installed.isEmpty()) out << installed.first();
    return out;
}

DigitGlyph DigitCorpus::fontGlyph(int label, const QString& family, int weight, bool italic)
{
    QFont font(family);
    font.setPixelSize(200);
    font.setWeight(QFont::Weight(weight));
    font.setItalic(italic);
    DigitGlyph g;
    g.label = label;
    g.outline.addText(0, 0, font, QString::number(label));
    g.source = family + (weight >= 600 ? " Bold" : weight <= 300 ? " Light" : "") + (italic ? " Italic" : "");
    return g;
}

DigitGlyph DigitCorpus::strokeGlyph(int label, double penWidth)
{
    // A hand: points moved a little, a slant, a narrower or wider build, a small turn.
    std::normal_distribution<double> jitter(0.0, 0.022);
    const double slant = uniform(-0.3, 0.15), widthScale = uniform(0.6, 1.05), turn = uniform(-0.12, 0.12);
    QTransform hand;
    hand.rotateRadians(turn);
    hand.shear(slant, 0);
    hand.scale(widthScale, 1.0);
    QPainterPath path;
    for (Stroke s : digitStrokes(label, chance(0.5))) {
        for (QPointF& p : s.points) p = hand.map(p + QPointF(jitter(rng_), jitter(rng_)));
        if (s.smooth) {
            path.addPath(curveThrough(s.points));
        } else {
            path.moveTo(s.points.front());
            for (size_t i = 1; i < s.points.size(); ++i) path.lineTo(s.points[i]);
        }
    }
    QPainterPathStroker pen;
    pen.setWidth(penWidth);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    DigitGlyph g;
    g.label = label;
    g.outline = pen.createStroke(path);
    g.outline.setFillRule(Qt::WindingFill);
    g.source = QString("pen strokes, pen %1% of the height").arg(int(std::lround(penWidth * 100)));
    return g;
}

DigitGlyph DigitCorpus::mnistGlyph(int label, const QImage& digit28, const QString& source)
{
    DigitGlyph g;
    g.label = label;
    g.mask = digit28.convertToFormat(QImage::Format_Grayscale8);
    g.source = source;
    return g;
}

QRect DigitCorpus::inkBox(const QImage& image, const QColor& paper, const QColor& ink)
{
    const double p = luminance(paper), i = luminance(ink);
    int x0 = image.width(), y0 = image.height(), x1 = -1, y1 = -1;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (std::abs(luminance(image.pixel(x, y)) - p) > std::abs(i - p) / 3.0)
                x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
    return x1 < 0 ? QRect() : QRect(QPoint(x0, y0), QPoint(x1, y1));
}

double DigitCorpus::uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng_); }
int DigitCorpus::integer(int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng_); }
bool DigitCorpus::chance(double p) { return uniform(0, 1) < p; }

DigitGlyph DigitCorpus::anyGlyph(int label, bool allowMnist)
{
    std::vector<const DigitGlyph*> ofLabel;
    if (allowMnist)
        for (const DigitGlyph& g : mnist_)
            if (g.label == label) ofLabel.push_back(&g);
    const int choice = integer(0, ofLabel.empty() ? 1 : 2);
    if (choice == 2) return *ofLabel[size_t(integer(0, int(ofLabel.size()) - 1))];
    if (choice == 1 || families_.isEmpty()) return strokeGlyph(label, uniform(0.04, 0.14));
    static const std::array<int, 4> weights = {300, 400, 400, 700};
    return fontGlyph(label, families_[integer(0, int(families_.size()) - 1)], weights[size_t(integer(0, 3))], chance(0.2));
}

std::vector<CorpusPicture> DigitCorpus::make(const QString& kind, int count)
{
    std::vector<CorpusPicture> out;
    for (int i = 0; i < count; ++i) out.push_back(picture(kind, i % 10));
    return out;
}

CorpusPicture DigitCorpus::picture(const QString& kind, int label)
{
    CorpusPicture pic;
    pic.kind = kind;
    pic.label = label;
    const bool darkOnLight = chance(0.7);
    const QColor paper = darkOnLight ? gray(uniform(0.8, 1.0)) : gray(uniform(0.0, 0.2));
    const QColor ink = darkOnLight ? gray(uniform(0.0, 0.25)) : gray(uniform(0.8, 1.0));

    // Draws the glyph into a canvas with a margin and crops it to its ink.
    auto tightCrop = [&](const DigitGlyph& g, int height, const QColor& paperColour, const QColor& inkColour) {
        const QRectF b = g.bounds();
        const int width = std::max(4, int(std::lround(height * b.width() / b.height())));
        QImage image = canvas(width + 20, height + 20, paperColour);
        {
            QPainter p(&image);
            g.paint(p, QRectF(10, 10, width, height), inkColour);
        }
        const QRect box = inkBox(image, paperColour, inkColour);
        return box.isEmpty() ? image : image.copy(box);
    };

    if (kind == "photo" || kind == "marks") {
        const DigitGlyph g = anyGlyph(label, false);
        const int h = integer(120, 260), w = int(h * uniform(0.9, 1.4));
        const QColor paperColour = gray(uniform(0.75, 0.97)), inkColour = gray(uniform(0.03, 0.3));
        QImage image = canvas(w, h, paperColour);
        const double digitHeight = h * uniform(0.45, 0.7);
        const QPointF centre(w * uniform(0.4, 0.6), h * uniform(0.42, 0.58));
        {
            QPainter p(&image);
            p.translate(centre);
            p.rotate(uniform(-10, 10));
            g.paint(p, QRectF(-digitHeight / 2, -digitHeight / 2, digitHeight, digitHeight), inkColour);
            if (kind == "marks") {
                p.resetTransform();
                p.setRenderHint(QPainter::Antialiasing);
                p.setPen(Qt::NoPen);
                p.setBrush(inkColour);
                const int specks = integer(8, 30);
                for (int s = 0; s < specks; ++s) p.drawEllipse(QPointF(uniform(0, w), uniform(0, h)), uniform(0.5, 1.8), uniform(0.5, 1.8));
                // A second mark in a corner, away from the digit: a dot or a short dash.
                const QPointF corner(chance(0.5) ? w * 0.1 : w * 0.9, chance(0.5) ? h * 0.12 : h * 0.88);
                if (chance(0.5)) {
                    p.drawEllipse(corner, h * 0.03, h * 0.03);
                } else {
                    p.setPen(QPen(inkColour, h * 0.025, Qt::SolidLine, Qt::RoundCap));
                    p.drawLine(corner - QPointF(h * 0.05, 0), corner + QPointF(h * 0.05, h * 0.01));
                }
            }
        }
        addLighting(image, uniform(0.0, 0.25), uniform(0, 6.283));
        addNoise(image, uniform(0.01, 0.04), rng_);
        pic.image = image;
        pic.clean = cleanRendering(g);
        pic.source = g.source;
        pic.note = kind == "marks" ? "specks and a second mark" : "margin, light and noise";
    } else if (kind == "font-tight" || kind == "drawn-tight") {
        const DigitGlyph g = kind == "font-tight" && !families_.isEmpty()
                                 ? fontGlyph(label, families_[integer(0, int(families_.size()) - 1)],
                                             std::array<int, 3>{300, 400, 700}[size_t(integer(0, 2))], chance(0.2))
                                 : strokeGlyph(label, uniform(0.03, 0.16));
        const QColor paperColour = kind == "drawn-tight" ? QColor(Qt::white) : paper;
        const QColor inkColour = kind == "drawn-tight" ? QColor(Qt::black) : ink;
        pic.image = tightCrop(g, integer(40, 180), paperColour, inkColour);
        if (kind == "font-tight") addNoise(pic.image, uniform(0.0, 0.02), rng_);
        pic.clean = cleanRendering(g);
        pic.source = g.source;
        pic.note = "ink on all four edges";
    } else if (kind == "mnist-tight") {
        if (mnist_.empty()) throw std::invalid_argument("mnist-tight needs MNIST test digits");
        const DigitGlyph& g = *[&] {
            for (int tries = 0;; ++tries) {
                const DigitGlyph& c = mnist_[size_t(integer(0, int(mnist_.size()) - 1))];
                if (c.label == label || tries > 10000) return &c;
            }
        }();
        pic.label = g.label;
        const int height = int(std::lround(g.bounds().height() * uniform(2.0, 6.0)));
        pic.image = tightCrop(g, height, paper, ink);
        pic.clean = cleanRendering(g);
        pic.original = g.mask;
        pic.source = g.source;
        pic.note = "ink on all four edges";
    } else if (kind == "low-res") {
        const DigitGlyph g = anyGlyph(label, true);
        const int small = chance(0.5) ? 8 : 12;
        QImage tiny = canvas(small, small, paper);
        {
            QPainter p(&tiny);
            const double margin = chance(0.5) ? 0.5 : 1.0;
            g.paint(p, QRectF(margin, margin, small - 2 * margin, small - 2 * margin), ink);
        }
        const int side = integer(48, 160);
        const bool smooth = chance(0.6);
        pic.image = tiny.scaled(side, side, Qt::IgnoreAspectRatio, smooth ? Qt::SmoothTransformation : Qt::FastTransformation);
        pic.clean = cleanRendering(g);
        if (!g.mask.isNull()) pic.original = g.mask;
        pic.source = g.source;
        pic.note = QString("%1x%1 scaled to %2 px, %3").arg(small).arg(side).arg(smooth ? "blurred" : "pixelated");
    } else if (kind == "lined") {
        const DigitGlyph g = anyGlyph(label, false);
        const int h = integer(120, 240), w = int(h * uniform(1.0, 1.5));
        const QColor paperColour = chance(0.5) ? QColor(252, 252, 250) : QColor(248, 242, 222);
        const QColor lineColour = chance(0.6) ? QColor(integer(120, 170), integer(160, 200), integer(210, 240)) : gray(uniform(0.55, 0.75));
        const QColor inkColour = chance(0.5) ? QColor(20, 30, integer(60, 140)) : gray(uniform(0.05, 0.2));
        QImage image = canvas(w, h, paperColour);
        const bool squared = chance(0.3);
        const double spacing = h / uniform(3.5, 6.0), thickness = uniform(0.8, 2.5);
        {
            QPainter p(&image);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(QPen(lineColour, thickness));
            const double offset = uniform(0, spacing);
            for (double y = offset; y < h; y += spacing) p.drawLine(QPointF(0, y), QPointF(w, y));
            if (squared)
                for (double x = offset; x < w; x += spacing) p.drawLine(QPointF(x, 0), QPointF(x, h));
            else if (chance(0.4))
                p.setPen(QPen(QColor(220, 80, 80), thickness)), p.drawLine(QPointF(w * 0.12, 0), QPointF(w * 0.12, h));
            const double digitHeight = h * uniform(0.45, 0.7);
            g.paint(p, QRectF(w / 2.0 - digitHeight / 2, h / 2.0 - digitHeight / 2, digitHeight, digitHeight), inkColour);
        }
        addNoise(image, uniform(0.0, 0.02), rng_);
        pic.image = image;
        pic.clean = cleanRendering(g);
        pic.source = g.source;
        pic.note = QString(squared ? "squared paper, %1 px squares" : "lined paper, lines %1 px apart").arg(int(spacing));
    } else if (kind == "colour") {
        // Ink and paper as people have them: pens, markers, chalk on a board, coloured paper.
        static const std::array<std::pair<QColor, QColor>, 8> pairs = {{{QColor(20, 40, 160), QColor(255, 255, 255)},
                                                                        {QColor(190, 20, 30), QColor(250, 240, 210)},
                                                                        {QColor(20, 120, 40), QColor(250, 235, 120)},
                                                                        {QColor(235, 235, 230), QColor(40, 80, 60)},
                                                                        {QColor(240, 220, 60), QColor(20, 30, 80)},
                                                                        {QColor(110, 40, 140), QColor(250, 210, 220)},
                                                                        {QColor(230, 120, 20), QColor(10, 10, 10)},
                                                                        {QColor(30, 30, 30), QColor(170, 200, 230)}}};
        const auto& [inkColour, paperColour] = pairs[size_t(integer(0, int(pairs.size()) - 1))];
        const DigitGlyph g = anyGlyph(label, false);
        if (chance(0.5)) {
            pic.image = tightCrop(g, integer(40, 160), paperColour, inkColour);
            pic.note = "ink on all four edges";
        } else {
            const int h = integer(100, 220);
            pic.image = canvas(int(h * uniform(0.9, 1.3)), h, paperColour);
            QPainter p(&pic.image);
            const double d = h * uniform(0.5, 0.75);
            g.paint(p, QRectF(pic.image.width() / 2.0 - d / 2, h / 2.0 - d / 2, d, d), inkColour);
            pic.note = "with a margin";
        }
        addNoise(pic.image, uniform(0.0, 0.02), rng_);
        pic.clean = cleanRendering(g);
        pic.source = g.source + QString(", ink %1 on %2").arg(inkColour.name(), paperColour.name());
    } else if (kind == "two-digits") {
        const DigitGlyph big = anyGlyph(label, false);
        const DigitGlyph other = anyGlyph((label + integer(1, 9)) % 10, false);
        const int h = integer(120, 220), w = int(h * uniform(1.4, 1.8));
        QImage image = canvas(w, h, paper);
        {
            QPainter p(&image);
            const double d = h * uniform(0.55, 0.7), small = d * uniform(0.35, 0.55);
            const bool bigLeft = chance(0.5);
            const double bigX = bigLeft ? w * 0.33 : w * 0.67, otherX = bigLeft ? w * 0.8 : w * 0.2;
            big.paint(p, QRectF(bigX - d / 2, h / 2.0 - d / 2, d, d), ink);
            other.paint(p, QRectF(otherX - small / 2, h * uniform(0.45, 0.6) - small / 2, small, small), ink);
        }
        addNoise(image, uniform(0.0, 0.02), rng_);
        pic.image = image;
        pic.clean = cleanRendering(big);
        pic.source = big.source + " beside a smaller " + QString::number(other.label);
        pic.note = "two digits";
    } else {
        throw std::invalid_argument("unknown corpus kind: " + kind.toStdString());
    }
    return pic;
}
