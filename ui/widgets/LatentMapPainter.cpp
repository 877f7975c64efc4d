#include "widgets/LatentMapPainter.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace {
const QColor kPalette[10] = {QColor("#CC6677"), QColor("#332288"), QColor("#DDCC77"), QColor("#117733"), QColor("#88CCEE"),
                             QColor("#882255"), QColor("#44AA99"), QColor("#999933"), QColor("#AA4499"), QColor("#000000")};
constexpr int kLegendRow = 18;  // legend row height

double niceStep(double span, int targetTicks)
{
    const double raw = span / std::max(1, targetTicks);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * mag) return m * mag;
    return 10 * mag;
}
}  // namespace

LatentMapPainter::LatentMapPainter(const LatentMapState& map, const LatentPointStyle& style, const QFont& font)
    : map_(map), style_(style), font_(font)
{
}

QColor LatentMapPainter::labelColor(int label) { return label >= 0 && label < 10 ? kPalette[label] : QColor(Qt::gray); }

QRect LatentMapPainter::legendRect(int label, int viewWidth, bool named)
{
    const int w = legendColumnWidth(named) - 16;
    return QRect(viewWidth - w - 8, 8 + label * kLegendRow, w, kLegendRow);
}

void LatentMapPainter::paintGrid(QPainter& p, const QImage& paper) const
{
    const DecodedGrid& grid = map_.grid();
    if (grid.isNull() || paper.isNull()) return;
    const int n = grid.n;
    const std::vector<double> ex = LatentMapState::gridEdges(grid.xs), ey = LatentMapState::gridEdges(grid.ys);
    p.save();
    p.setOpacity(style_.gridOpacity);
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    bool uniform = true;
    const double dx = ex[1] - ex[0];
    for (int i = 1; i <= n && uniform; ++i) uniform = std::abs((ex[size_t(i)] - ex[size_t(i - 1)]) - dx) < 1e-6 * std::abs(dx) + 1e-12;
    if (uniform) {
        const QRectF target(map_.viewAt(QPointF(ex[0], ey[0])), map_.viewAt(QPointF(ex[size_t(n)], ey[size_t(n)])));
        p.drawImage(target, paper);
    } else {
        for (int r = 0; r < n; ++r)
            for (int c = 0; c < n; ++c) {
                const QRectF target(map_.viewAt(QPointF(ex[size_t(c)], ey[size_t(r)])),
                                    map_.viewAt(QPointF(ex[size_t(c + 1)], ey[size_t(r + 1)])));
                p.drawImage(target, paper, QRectF(c * 28, r * 28, 28, 28));
            }
    }
    p.restore();
}

void LatentMapPainter::paintAxes(QPainter& p) const
{
    const QRectF area = map_.visibleArea();
    const double step = niceStep(std::max(area.width(), area.height()), 8);
    p.setPen(QPen(QColor(0, 0, 0, 40), 1));
    QFont f = font_;
    f.setPointSizeF(f.pointSizeF() * 0.85);
    p.setFont(f);
    for (double k = std::ceil(area.left() / step); k * step <= area.right(); ++k) {
        const double x = std::abs(k) < 0.5 ? 0.0 : k * step;
        const double wx = map_.viewAt(QPointF(x, 0)).x();
        p.setPen(QPen(QColor(0, 0, 0, x == 0.0 ? 110 : 35), 1));
        p.drawLine(QPointF(wx, 0), QPointF(wx, map_.viewSize().height()));
        p.setPen(QColor(90, 90, 90));
        p.drawText(QPointF(wx + 2, map_.viewSize().height() - 4), QString::number(x, 'g', 3));
    }
    for (double k = std::ceil(area.top() / step); k * step <= area.bottom(); ++k) {
        const double y = std::abs(k) < 0.5 ? 0.0 : k * step;
        const double wy = map_.viewAt(QPointF(0, y)).y();
        p.setPen(QPen(QColor(0, 0, 0, y == 0.0 ? 110 : 35), 1));
        p.drawLine(QPointF(0, wy), QPointF(map_.viewSize().width(), wy));
        p.setPen(QColor(90, 90, 90));
        p.drawText(QPointF(3, wy - 2), QString::number(y, 'g', 3));
    }
}

void LatentMapPainter::paintScatter(QPainter& p) const
{
    if (!map_.plotsCodes()) return;
    const LatentCodes& codes = *map_.codes();
    const int classes = std::max(map_.classCount(), 1);
    std::vector<QVector<QPointF>> byLabel(static_cast<size_t>(classes));
    const QRectF bounds = QRectF(QPointF(0, 0), map_.viewSize()).adjusted(-kMarkerMargin, -kMarkerMargin, kMarkerMargin, kMarkerMargin);
    for (int i = 0; i < codes.count; ++i) {
        const int l = codes.labels[size_t(i)];
        if (l < 0 || l >= classes || !map_.isPointDrawn(i)) continue;
        const QPointF w = map_.viewAt(map_.codePoint(i));
        if (bounds.contains(w)) byLabel[size_t(l)].append(w);
    }
    p.setRenderHint(QPainter::Antialiasing, true);
    for (int l = 0; l < classes; ++l) {
        QColor c = labelColor(l);
        c.setAlphaF(float(style_.opacity));
        p.setPen(QPen(c, style_.size, Qt::SolidLine, labelUsesSquare(l) ? Qt::SquareCap : Qt::RoundCap));
        p.drawPoints(byLabel[size_t(l)].constData(), int(byLabel[size_t(l)].size()));
    }
    // The selected ones among them full-coloured inside a dark ring (the selection holds the
    // undrawn digits inside the lasso too; the picture stays as thin as the points asked for).
    // One stamp per class (a colour disc in a dark ring), copied to each selected digit: drawing
    // the rings one by one took 40 ms for 8,000 selected digits, the copies a few.
    if (!map_.selection().empty()) {
        const double r = std::max(2.5, style_.size * 0.75);
        const qreal dpr = p.device() ? p.device()->devicePixelRatioF() : 1.0;
        const int side = int(std::ceil(2 * r + 4));
        std::vector<QImage> stamps;
        for (int l = 0; l < classes; ++l) {
            QImage stamp(QSize(side, side) * dpr, QImage::Format_ARGB32_Premultiplied);
            stamp.setDevicePixelRatio(dpr);
            stamp.fill(Qt::transparent);
            QPainter sp(&stamp);
            sp.setRenderHint(QPainter::Antialiasing, true);
            sp.setPen(QPen(QColor(20, 20, 20), 1.2));
            sp.setBrush(labelColor(l));
            sp.drawEllipse(QPointF(side / 2.0, side / 2.0), r, r);
            stamps.push_back(stamp);
        }
        for (const int i : map_.selection()) {
            const int l = codes.labels[size_t(i)];
            if (l < 0 || l >= classes || !map_.isPointDrawn(i)) continue;
            const QPointF w = map_.viewAt(map_.codePoint(i));
            if (bounds.contains(w)) p.drawImage(w - QPointF(side / 2.0, side / 2.0), stamps[size_t(l)]);
        }
    }
    p.setRenderHint(QPainter::Antialiasing, false);
    if (style_.clusterLabels) paintClusterLabels(p);
}

void LatentMapPainter::paintClusterLabels(QPainter& p) const
{
    QFont f = font_;
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    p.setFont(f);
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const auto& [label, z] : map_.classMedians()) {
        const QPointF w = map_.viewAt(z);
        const QRectF badge(w - QPointF(11, 11), QSizeF(22, 22));
        p.setPen(QPen(Qt::white, 2));
        p.setBrush(labelColor(label));
        if (labelUsesSquare(label))
            p.drawRoundedRect(badge, 3, 3);
        else
            p.drawEllipse(badge);
        p.setPen(label == 2 || label == 4 ? QColor(20, 20, 20) : Qt::white);  // the light colours take dark text
        p.drawText(badge, Qt::AlignCenter, QString::number(label));
    }
    p.setRenderHint(QPainter::Antialiasing, false);
}

void LatentMapPainter::paintLegend(QPainter& p, const QStringList& classNames) const
{
    const int n = map_.classCount();
    if (n == 0) return;
    const int width = int(map_.viewSize().width());
    const bool named = !classNames.isEmpty();
    p.setRenderHint(QPainter::Antialiasing, true);
    const QRect all = legendRect(0, width, named).united(legendRect(n - 1, width, named)).adjusted(-4, -4, 4, 4);
    p.setPen(QColor(0, 0, 0, 60));
    p.setBrush(QColor(255, 255, 255, 225));
    p.drawRoundedRect(all, 4, 4);
    for (int l = 0; l < n; ++l) {
        const QRect r = legendRect(l, width, named);
        const bool on = map_.isLabelVisible(l);
        QColor c = labelColor(l);
        if (!on) c.setAlpha(50);
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        const QRectF mark(r.left() + 2, r.center().y() - 4, 9, 9);
        if (labelUsesSquare(l))
            p.drawRect(mark);
        else
            p.drawEllipse(mark);
        p.setPen(on ? QColor(20, 20, 20) : QColor(160, 160, 160));
        const QString text = l < classNames.size() ? QStringLiteral("%1 %2").arg(l).arg(classNames[l]) : QString::number(l);
        p.drawText(r.adjusted(16, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
    }
}

void LatentMapPainter::paintMarks(QPainter& p, const LatentMapMarks& marks) const
{
    p.setRenderHint(QPainter::Antialiasing, true);
    if (marks.selected >= 0 && map_.plotsCodes()) {
        const QPointF w = map_.viewAt(map_.codePoint(marks.selected));
        p.setPen(QPen(Qt::black, 2));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(w, 7, 7);
        p.setPen(QPen(Qt::white, 1));
        p.drawEllipse(w, 9, 9);
    }
    if (marks.path.size() > 1) {
        QPolygonF w;
        for (const QPointF& z : marks.path) w << map_.viewAt(z);
        p.setPen(QPen(QColor(230, 120, 0), 2));
        p.setBrush(Qt::NoBrush);
        p.drawPolyline(w);
        p.setBrush(QColor(230, 120, 0));
        for (const QPointF& q : w) p.drawEllipse(q, 3, 3);
        p.setPen(QColor(120, 60, 0));
        p.drawText(w.first() + QPointF(6, -6), QStringLiteral("A"));
        p.drawText(w.last() + QPointF(6, -6), QStringLiteral("B"));
    }
    if (marks.hasMarker) {
        const QPointF w = map_.viewAt(marks.marker);
        p.setBrush(Qt::NoBrush);
        if (marks.markerSigma.width() > 0 && marks.markerSigma.height() > 0) {
            const double rx = marks.markerSigma.width() * map_.scale(), ry = marks.markerSigma.height() * map_.scale();
            p.setPen(QPen(QColor(0, 90, 200), 2));
            p.drawEllipse(w, rx, ry);
            p.setPen(QPen(QColor(0, 90, 200), 1, Qt::DashLine));
            p.drawEllipse(w, 2 * rx, 2 * ry);
        }
        // A diamond: distinct from the data markers (discs and squares) and from the cursor.
        const QPointF d[4] = {w + QPointF(0, -9), w + QPointF(9, 0), w + QPointF(0, 9), w + QPointF(-9, 0)};
        p.setPen(QPen(Qt::white, 2));
        p.setBrush(QColor(0, 90, 200));
        p.drawPolygon(d, 4);
    }
    if (marks.hasCursor) {
        const QPointF w = map_.viewAt(marks.cursor);
        p.setPen(QPen(QColor(220, 40, 40), 2));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(w, 6, 6);
        p.drawLine(w - QPointF(12, 0), w - QPointF(7, 0));
        p.drawLine(w + QPointF(7, 0), w + QPointF(12, 0));
        p.drawLine(w - QPointF(0, 12), w - QPointF(0, 7));
        p.drawLine(w + QPointF(0, 7), w + QPointF(0, 12));
    }
}

namespace {
constexpr int kThumb = 56;  // a 28-pixel digit at 2x
constexpr int kCardPad = 6;
}  // namespace

QRect LatentMapPainter::hoverCardRect(const QPointF& pointPos) const
{
    const QFontMetrics fm(font_);
    const QSize size(2 * kThumb + 3 * kCardPad, kThumb + 2 * fm.height() + 3 * kCardPad);
    const QSizeF view = map_.viewSize();
    // Right of and below the point; flipped to the other side where the view ends.
    QPoint at(int(pointPos.x()) + 14, int(pointPos.y()) + 14);
    if (at.x() + size.width() > view.width()) at.setX(int(pointPos.x()) - 14 - size.width());
    if (at.y() + size.height() > view.height()) at.setY(int(pointPos.y()) - 14 - size.height());
    at.setX(std::clamp(at.x(), 0, std::max(0, int(view.width()) - size.width())));
    at.setY(std::clamp(at.y(), 0, std::max(0, int(view.height()) - size.height())));
    return QRect(at, size);
}

void LatentMapPainter::paintHoverCard(QPainter& p, const LatentHoverCard& card) const
{
    if (card.index < 0 || !map_.plotsCodes() || card.index >= map_.pointCount()) return;
    const QRect box = hoverCardRect(map_.viewAt(map_.codePoint(card.index)));
    const QFontMetrics fm(font_);
    p.save();
    p.setFont(font_);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QColor(0, 0, 0, 90));
    p.setBrush(QColor(255, 255, 255, 240));
    p.drawRoundedRect(box, 5, 5);
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    const int top = box.top() + kCardPad + fm.height();
    const QRect realRect(box.left() + kCardPad, top, kThumb, kThumb), decodedRect(realRect.right() + 1 + kCardPad, top, kThumb, kThumb);
    p.setPen(QColor(60, 60, 60));
    p.drawText(QRect(realRect.left(), box.top() + kCardPad / 2, kThumb, fm.height()), Qt::AlignCenter,
               QCoreApplication::translate("LatentView", "real"));
    p.drawText(QRect(decodedRect.left(), box.top() + kCardPad / 2, kThumb, fm.height()), Qt::AlignCenter,
               QCoreApplication::translate("LatentView", "decoded"));
    for (const auto& [rect, image] : {std::pair{realRect, &card.real}, std::pair{decodedRect, &card.decoded}}) {
        if (image->isNull()) {
            p.fillRect(rect, QColor(230, 230, 230));
            continue;
        }
        p.drawImage(rect, *image);
        p.setPen(QColor(0, 0, 0, 60));
        p.setBrush(Qt::NoBrush);
        p.drawRect(rect.adjusted(0, 0, -1, -1));
    }
    p.setPen(QColor(20, 20, 20));
    p.drawText(QRect(box.left() + kCardPad, realRect.bottom() + kCardPad / 2, box.width() - 2 * kCardPad, fm.height() + kCardPad),
               Qt::AlignCenter, card.caption);
    p.restore();
}

void LatentMapPainter::paintLinkedRing(QPainter& p, int index) const
{
    if (index < 0 || !map_.plotsCodes() || index >= map_.pointCount()) return;
    // Orange (not the cursor's red, not the selection's black): the same digit in the other map.
    const QPointF w = map_.viewAt(map_.codePoint(index));
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(Qt::white, 5));
    p.drawEllipse(w, 9, 9);
    p.setPen(QPen(QColor(230, 120, 0), 3));
    p.drawEllipse(w, 9, 9);
}

void LatentMapPainter::paintLasso(QPainter& p, const QPolygonF& lasso) const
{
    if (lasso.size() < 2) return;
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(QColor(20, 20, 20), 1.5, Qt::DashLine));
    p.setBrush(QColor(255, 255, 255, 40));
    p.drawPolygon(lasso);
}
