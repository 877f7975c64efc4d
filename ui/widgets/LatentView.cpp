#include "widgets/LatentView.h"

#include <QApplication>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace {
// Paul Tol's "muted" scheme (designed to stay distinguishable with colour-blindness), with black
// for the tenth class. Labels 5-9 are drawn as squares, 0-4 as discs, so that no pair of classes
// relies on hue alone.
const QColor kPalette[10] = {QColor("#CC6677"), QColor("#332288"), QColor("#DDCC77"), QColor("#117733"), QColor("#88CCEE"),
                             QColor("#882255"), QColor("#44AA99"), QColor("#999933"), QColor("#AA4499"), QColor("#000000")};
constexpr int kMarker = 5;      // the largest marker's margin in pixels (hit tests, culling)
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

LatentView::LatentView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(240, 240);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setCursor(Qt::CrossCursor);
    setMouseTracking(true);  // the grid cell under the mouse is highlighted
}

void LatentView::setPointStyle(const PointStyle& style)
{
    const bool subsetChanged = style.limit != style_.limit;
    style_ = style;
    style_.size = std::clamp(style_.size, 1.0, 12.0);
    style_.opacity = std::clamp(style_.opacity, 0.05, 1.0);
    style_.gridOpacity = std::clamp(style_.gridOpacity, 0.0, 1.0);
    if (subsetChanged) updateSubset();
    invalidateLayer();
}

// A stratified subset: each class keeps its share of `limit`, spread evenly over the class's codes
// in dataset order (which is not sorted), so that thinning keeps every cluster's shape.
void LatentView::updateSubset()
{
    const int n = pointCount();
    inSubset_.assign(size_t(n), style_.limit < 0 ? 1 : 0);
    if (style_.limit <= 0 || n == 0) return;
    if (style_.limit >= n) {
        std::fill(inSubset_.begin(), inSubset_.end(), 1);
        return;
    }
    std::vector<std::vector<int>> byLabel(32);
    for (int i = 0; i < n; ++i) byLabel[size_t(std::clamp(codes_->labels[size_t(i)], 0, 31))].push_back(i);
    for (const std::vector<int>& members : byLabel) {
        const int64_t m = int64_t(members.size());
        const int64_t quota = std::max<int64_t>(m > 0 ? 1 : 0, (m * style_.limit + n / 2) / n);
        for (int64_t k = 0; k < quota; ++k) inSubset_[size_t(members[size_t(k * m / quota)])] = 1;
    }
}

bool LatentView::isPointDrawn(int index) const
{
    return codes_ && index >= 0 && index < codes_->count && size_t(index) < inSubset_.size() && inSubset_[size_t(index)] &&
           isLabelVisible(codes_->labels[size_t(index)]);
}

void LatentView::showOnlyLabel(int label)
{
    if (label < 0 || label >= 32) return;
    const uint32_t allButLabel = (classCount_ >= 32 ? ~0u : ((1u << classCount_) - 1)) & ~(1u << label);
    hiddenLabels_ = hiddenLabels_ == allButLabel ? 0 : allButLabel;
    invalidateLayer();
}

QColor LatentView::labelColor(int label) { return label >= 0 && label < 10 ? kPalette[label] : QColor(Qt::gray); }

bool LatentView::labelUsesSquare(int label) { return label >= 5; }

void LatentView::setCodes(std::shared_ptr<const LatentCodes> codes)
{
    codes_ = std::move(codes);
    classCount_ = 0;
    if (codes_)
        for (int l : codes_->labels) classCount_ = std::max(classCount_, std::min(l + 1, 32));
    // Empty codes (shown while the real ones are computed) have no dims to clamp to: keep the pair.
    if (codes_ && codes_->dim > 0 && (dimX_ >= codes_->dim || dimY_ >= codes_->dim)) {
        dimX_ = 0;
        dimY_ = codes_->dim > 1 ? 1 : 0;
    }
    if (selected_ >= pointCount()) selected_ = -1;
    updateSubset();
    // Follow the codes as they spread during training, until the user zooms or pans.
    if (followData_ && codes_ && codes_->count > 0) fitArea();
    invalidateLayer();
}

void LatentView::setDims(int dimX, int dimY)
{
    if (dimX == dimX_ && dimY == dimY_) return;
    dimX_ = dimX;
    dimY_ = dimY;
    hasCursor_ = false;
    fitToData();
}

void LatentView::setGrid(const DecodedGrid& grid)
{
    grid_ = grid;
    gridPaper_ = grid.image;
    if (!gridPaper_.isNull()) gridPaper_.invertPixels();
    invalidateGrid();
}

void LatentView::setGridVisible(bool visible)
{
    gridVisible_ = visible;
    invalidateGrid();
}

void LatentView::setClassNames(const QStringList& names)
{
    classNames_ = names;
    update();
}

void LatentView::setMessage(const QString& message)
{
    message_ = message;
    update();
}

void LatentView::clearModel()
{
    codes_.reset();
    classCount_ = 0;
    grid_ = DecodedGrid();
    gridPaper_ = QImage();
    hasCursor_ = false;
    hasMarker_ = false;
    path_.clear();
    selected_ = -1;
    followData_ = true;
    invalidateLayer();
}

QPointF LatentView::latentAt(const QPointF& p) const
{
    return QPointF(centre_.x() + (p.x() - width() / 2.0) / scale_, centre_.y() - (p.y() - height() / 2.0) / scale_);
}

QPointF LatentView::widgetAt(const QPointF& z) const
{
    return QPointF(width() / 2.0 + (z.x() - centre_.x()) * scale_, height() / 2.0 - (z.y() - centre_.y()) * scale_);
}

QRectF LatentView::visibleArea() const
{
    const QPointF a = latentAt(QPointF(0, height())), b = latentAt(QPointF(width(), 0));
    return QRectF(a, b);
}

void LatentView::setVisibleArea(const QRectF& area)
{
    if (!area.isValid() || area.width() <= 0 || area.height() <= 0) return;
    centre_ = area.center();
    scale_ = std::min(width() / area.width(), height() / area.height());
    invalidateLayer();
    Q_EMIT visibleAreaChanged();
}

void LatentView::fitToData()
{
    followData_ = true;
    fitArea();
}

void LatentView::fitArea()
{
    QRectF area = codes_ ? codes_->bounds(dimX_, dimY_) : QRectF();
    if (area.isNull() && !grid_.isNull())
        area = QRectF(QPointF(grid_.xs.front(), grid_.ys.back()), QPointF(grid_.xs.back(), grid_.ys.front()));
    if (area.isNull() || area.width() <= 0 || area.height() <= 0) area = QRectF(-3, -3, 6, 6);
    const double mx = area.width() * 0.06, my = area.height() * 0.06;
    setVisibleArea(area.adjusted(-mx, -my, mx, my));
}

void LatentView::setCursorPoint(const QPointF& latent) { moveCursor(latent); }

// The cursor's glyph: a ring with four ticks, 12 px from its centre, and the pen around it.
QRect LatentView::cursorArea() const
{
    const QPointF w = widgetAt(cursor_);
    return QRectF(w - QPointF(14, 14), QSizeF(28, 28)).toAlignedRect();
}

// Only where the cursor was and where it is now are painted again: a whole repaint of a large
// view (and its trip to the window system) took 2-6 ms of each drag step.
void LatentView::moveCursor(const QPointF& latent)
{
    if (hasCursor_)
        update(cursorArea());
    else
        update();
    cursor_ = latent;
    hasCursor_ = true;
    update(cursorArea());
}

void LatentView::setMarker(const QPointF& mean, const QSizeF& sigma)
{
    hasMarker_ = true;
    marker_ = mean;
    markerSigma_ = sigma;
    update();
}

void LatentView::setPath(const QPolygonF& path)
{
    path_ = path;
    update();
}

void LatentView::clearMarker()
{
    hasMarker_ = false;
    update();
}

void LatentView::setSelectedIndex(int index)
{
    selected_ = index >= 0 && index < pointCount() ? index : -1;
    update();
}

bool LatentView::isLabelVisible(int label) const { return label < 0 || label >= 32 || !(hiddenLabels_ & (1u << label)); }

void LatentView::setLabelVisible(int label, bool visible)
{
    if (label < 0 || label >= 32) return;
    if (visible)
        hiddenLabels_ &= ~(1u << label);
    else
        hiddenLabels_ |= (1u << label);
    invalidateLayer();
}

int LatentView::visiblePointCount() const
{
    int n = 0;
    for (int i = 0; i < pointCount(); ++i) n += isPointDrawn(i);
    return n;
}

int LatentView::pointAt(const QPointF& pos, double radius) const
{
    if (!codes_ || dimX_ >= codes_->dim || dimY_ >= codes_->dim) return -1;
    // Compare in latent units: one multiply per point instead of a full mapping.
    const QPointF z = latentAt(pos);
    const double r2 = (radius / scale_) * (radius / scale_);
    int best = -1;
    double bestD = r2;
    for (int i = 0; i < codes_->count; ++i) {
        if (!isPointDrawn(i)) continue;
        const double dx = codes_->at(i, dimX_) - z.x(), dy = codes_->at(i, dimY_) - z.y();
        const double d = dx * dx + dy * dy;
        if (d <= bestD) {
            bestD = d;
            best = i;
        }
    }
    return best;
}

int LatentView::legendCount() const { return classCount_; }

QRect LatentView::legendRect(int label) const
{
    const int w = classNames_.isEmpty() ? 44 : 104;
    return QRect(width() - w - 8, 8 + label * kLegendRow, w, kLegendRow);
}

int LatentView::legendHit(const QPoint& pos) const
{
    for (int l = 0; l < legendCount(); ++l)
        if (legendRect(l).contains(pos)) return l;
    return -1;
}

void LatentView::invalidateLayer()
{
    layerDirty_ = scatterDirty_ = true;
    update();
}

// A new grid (each epoch while training, each change of the grid's settings) repaints only the
// grid and the axes: the 10,000 antialiased points are kept in their own layer, which took most
// of a grid refresh's ~15 ms of painting.
void LatentView::invalidateGrid()
{
    layerDirty_ = true;
    update();
}

void LatentView::rebuildLayer()
{
    const qreal dpr = devicePixelRatioF();
    if (layer_.size() != size() * dpr) {
        layer_ = QImage(size() * dpr, QImage::Format_ARGB32_Premultiplied);
        layer_.setDevicePixelRatio(dpr);
    }
    if (scatterDirty_ || scatterLayer_.size() != layer_.size()) {
        if (scatterLayer_.size() != layer_.size()) {
            scatterLayer_ = QImage(layer_.size(), QImage::Format_ARGB32_Premultiplied);
            scatterLayer_.setDevicePixelRatio(dpr);
        }
        scatterLayer_.fill(Qt::transparent);
        QPainter sp(&scatterLayer_);
        paintScatter(sp);
        scatterDirty_ = false;
    }
    layer_.fill(Qt::white);
    QPainter p(&layer_);
    if (gridVisible_) paintGrid(p);
    paintAxes(p);
    p.drawImage(QPointF(0, 0), scatterLayer_);
    layerDirty_ = false;
}

// Tile edges halfway between neighbouring centres (Gaussian-quantile tiles grow outwards).
std::vector<double> LatentView::gridEdges(const std::vector<double>& c) const
{
    const int n = int(c.size());
    std::vector<double> e(size_t(n) + 1);
    if (n == 0) return e;
    for (int i = 1; i < n; ++i) e[size_t(i)] = 0.5 * (c[size_t(i - 1)] + c[size_t(i)]);
    const double first = n > 1 ? c[1] - c[0] : 1.0, last = n > 1 ? c[size_t(n - 1)] - c[size_t(n - 2)] : 1.0;
    e[0] = c[0] - 0.5 * first;
    e[size_t(n)] = c[size_t(n - 1)] + 0.5 * last;
    return e;
}

int LatentView::cellAt(const QPointF& widgetPos) const
{
    if (grid_.isNull() || !gridVisible_ || grid_.n <= 0) return -1;
    const QPointF z = latentAt(widgetPos);
    auto index = [](const std::vector<double>& e, double v) {
        const bool up = e.back() >= e.front();
        for (size_t i = 0; i + 1 < e.size(); ++i)
            if (up ? (v >= e[i] && v < e[i + 1]) : (v <= e[i] && v > e[i + 1])) return int(i);
        return -1;
    };
    const int c = index(gridEdges(grid_.xs), z.x()), r = index(gridEdges(grid_.ys), z.y());
    return c < 0 || r < 0 ? -1 : r * grid_.n + c;
}

QRectF LatentView::cellRect(int cell) const
{
    if (cell < 0 || grid_.isNull() || cell >= grid_.n * grid_.n) return {};
    const std::vector<double> ex = gridEdges(grid_.xs), ey = gridEdges(grid_.ys);
    const int r = cell / grid_.n, c = cell % grid_.n;
    return QRectF(widgetAt(QPointF(ex[size_t(c)], ey[size_t(r)])), widgetAt(QPointF(ex[size_t(c + 1)], ey[size_t(r + 1)]))).normalized();
}

void LatentView::setHoveredCell(int cell)
{
    if (cell == hoveredCell_) return;
    update(cellRect(hoveredCell_).toAlignedRect().adjusted(-3, -3, 3, 3));
    hoveredCell_ = cell;
    update(cellRect(hoveredCell_).toAlignedRect().adjusted(-3, -3, 3, 3));
}

void LatentView::leaveEvent(QEvent* e)
{
    setHoveredCell(-1);
    QWidget::leaveEvent(e);
}

void LatentView::paintGrid(QPainter& p) const
{
    if (grid_.isNull() || gridPaper_.isNull()) return;
    const int n = grid_.n;
    const std::vector<double> ex = gridEdges(grid_.xs), ey = gridEdges(grid_.ys);
    p.save();
    p.setOpacity(style_.gridOpacity);
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    bool uniform = true;
    const double dx = ex[1] - ex[0];
    for (int i = 1; i <= n && uniform; ++i) uniform = std::abs((ex[size_t(i)] - ex[size_t(i - 1)]) - dx) < 1e-6 * std::abs(dx) + 1e-12;
    if (uniform) {
        const QRectF target(widgetAt(QPointF(ex[0], ey[0])), widgetAt(QPointF(ex[size_t(n)], ey[size_t(n)])));
        p.drawImage(target, gridPaper_);
    } else {
        for (int r = 0; r < n; ++r)
            for (int c = 0; c < n; ++c) {
                const QRectF target(widgetAt(QPointF(ex[size_t(c)], ey[size_t(r)])),
                                    widgetAt(QPointF(ex[size_t(c + 1)], ey[size_t(r + 1)])));
                p.drawImage(target, gridPaper_, QRectF(c * 28, r * 28, 28, 28));
            }
    }
    p.restore();
}

void LatentView::paintAxes(QPainter& p) const
{
    const QRectF area = visibleArea();
    const double step = niceStep(std::max(area.width(), area.height()), 8);
    p.setPen(QPen(QColor(0, 0, 0, 40), 1));
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    p.setFont(f);
    for (double k = std::ceil(area.left() / step); k * step <= area.right(); ++k) {
        const double x = std::abs(k) < 0.5 ? 0.0 : k * step;
        const double wx = widgetAt(QPointF(x, 0)).x();
        p.setPen(QPen(QColor(0, 0, 0, x == 0.0 ? 110 : 35), 1));
        p.drawLine(QPointF(wx, 0), QPointF(wx, height()));
        p.setPen(QColor(90, 90, 90));
        p.drawText(QPointF(wx + 2, height() - 4), QString::number(x, 'g', 3));
    }
    for (double k = std::ceil(area.top() / step); k * step <= area.bottom(); ++k) {
        const double y = std::abs(k) < 0.5 ? 0.0 : k * step;
        const double wy = widgetAt(QPointF(0, y)).y();
        p.setPen(QPen(QColor(0, 0, 0, y == 0.0 ? 110 : 35), 1));
        p.drawLine(QPointF(0, wy), QPointF(width(), wy));
        p.setPen(QColor(90, 90, 90));
        p.drawText(QPointF(3, wy - 2), QString::number(y, 'g', 3));
    }
}

void LatentView::paintScatter(QPainter& p) const
{
    if (!codes_ || dimX_ >= codes_->dim || dimY_ >= codes_->dim) return;
    const int classes = std::max(legendCount(), 1);
    std::vector<QVector<QPointF>> byLabel(static_cast<size_t>(classes));
    const QRectF bounds = QRectF(rect()).adjusted(-kMarker, -kMarker, kMarker, kMarker);
    for (int i = 0; i < codes_->count; ++i) {
        const int l = codes_->labels[size_t(i)];
        if (l < 0 || l >= classes || !isPointDrawn(i)) continue;
        const QPointF w = widgetAt(QPointF(codes_->at(i, dimX_), codes_->at(i, dimY_)));
        if (bounds.contains(w)) byLabel[size_t(l)].append(w);
    }
    p.setRenderHint(QPainter::Antialiasing, true);
    for (int l = 0; l < classes; ++l) {
        QColor c = labelColor(l);
        c.setAlphaF(float(style_.opacity));
        p.setPen(QPen(c, style_.size, Qt::SolidLine, labelUsesSquare(l) ? Qt::SquareCap : Qt::RoundCap));
        p.drawPoints(byLabel[size_t(l)].constData(), int(byLabel[size_t(l)].size()));
    }
    p.setRenderHint(QPainter::Antialiasing, false);
    if (style_.clusterLabels) paintClusterLabels(p);
}

// The median of each shown class's drawn points: robust to the stray codes a class always has.
std::vector<std::pair<int, QPointF>> LatentView::clusterLabelPoints() const
{
    std::vector<std::pair<int, QPointF>> out;
    if (!style_.clusterLabels || !codes_ || dimX_ >= codes_->dim || dimY_ >= codes_->dim) return out;
    std::vector<std::vector<float>> xs(size_t(std::max(classCount_, 0))), ys(xs.size());
    for (int i = 0; i < codes_->count; ++i) {
        const int l = codes_->labels[size_t(i)];
        if (l < 0 || l >= classCount_ || !isPointDrawn(i)) continue;
        xs[size_t(l)].push_back(codes_->at(i, dimX_));
        ys[size_t(l)].push_back(codes_->at(i, dimY_));
    }
    auto median = [](std::vector<float>& v) {
        std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
        return double(v[v.size() / 2]);
    };
    for (int l = 0; l < classCount_; ++l)
        if (!xs[size_t(l)].empty()) out.emplace_back(l, QPointF(median(xs[size_t(l)]), median(ys[size_t(l)])));
    return out;
}

void LatentView::paintClusterLabels(QPainter& p) const
{
    QFont f = font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    p.setFont(f);
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const auto& [label, z] : clusterLabelPoints()) {
        const QPointF w = widgetAt(z);
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

void LatentView::paintLegend(QPainter& p) const
{
    const int n = legendCount();
    if (n == 0) return;
    p.setRenderHint(QPainter::Antialiasing, true);
    const QRect all = legendRect(0).united(legendRect(n - 1)).adjusted(-4, -4, 4, 4);
    p.setPen(QColor(0, 0, 0, 60));
    p.setBrush(QColor(255, 255, 255, 225));
    p.drawRoundedRect(all, 4, 4);
    for (int l = 0; l < n; ++l) {
        const QRect r = legendRect(l);
        const bool on = isLabelVisible(l);
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
        const QString text = l < classNames_.size() ? QStringLiteral("%1 %2").arg(l).arg(classNames_[l]) : QString::number(l);
        p.drawText(r.adjusted(16, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
    }
}

void LatentView::paintEvent(QPaintEvent* e)
{
    if (layerDirty_ || layer_.size() != size() * devicePixelRatioF()) rebuildLayer();
    QPainter p(this);
    p.setClipRegion(e->region());
    p.drawImage(e->rect(), layer_,
                QRectF(QPointF(e->rect().topLeft()) * layer_.devicePixelRatio(), QSizeF(e->rect().size()) * layer_.devicePixelRatio()));
    if (hoveredCell_ >= 0 && drag_ != Drag::Cursor) {
        p.setPen(QPen(QColor(20, 20, 20, 200), 2));
        p.setBrush(Qt::NoBrush);
        p.drawRect(cellRect(hoveredCell_).adjusted(1, 1, -1, -1));
    }
    p.setRenderHint(QPainter::Antialiasing, true);
    if (selected_ >= 0 && codes_) {
        const QPointF w = widgetAt(QPointF(codes_->at(selected_, dimX_), codes_->at(selected_, dimY_)));
        p.setPen(QPen(Qt::black, 2));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(w, 7, 7);
        p.setPen(QPen(Qt::white, 1));
        p.drawEllipse(w, 9, 9);
    }
    if (path_.size() > 1) {
        QPolygonF w;
        for (const QPointF& z : path_) w << widgetAt(z);
        p.setPen(QPen(QColor(230, 120, 0), 2));
        p.setBrush(Qt::NoBrush);
        p.drawPolyline(w);
        p.setBrush(QColor(230, 120, 0));
        for (const QPointF& q : w) p.drawEllipse(q, 3, 3);
        p.setPen(QColor(120, 60, 0));
        p.drawText(w.first() + QPointF(6, -6), QStringLiteral("A"));
        p.drawText(w.last() + QPointF(6, -6), QStringLiteral("B"));
    }
    if (hasMarker_) {
        const QPointF w = widgetAt(marker_);
        p.setBrush(Qt::NoBrush);
        if (markerSigma_.width() > 0 && markerSigma_.height() > 0) {
            const double rx = markerSigma_.width() * scale_, ry = markerSigma_.height() * scale_;
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
    if (hasCursor_) {
        const QPointF w = widgetAt(cursor_);
        p.setPen(QPen(QColor(220, 40, 40), 2));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(w, 6, 6);
        p.drawLine(w - QPointF(12, 0), w - QPointF(7, 0));
        p.drawLine(w + QPointF(7, 0), w + QPointF(12, 0));
        p.drawLine(w - QPointF(0, 12), w - QPointF(0, 7));
        p.drawLine(w + QPointF(0, 7), w + QPointF(0, 12));
    }
    if (legendCount() > 0 && e->region().intersects(legendRect(0).united(legendRect(legendCount() - 1)).adjusted(-6, -6, 6, 6)))
        paintLegend(p);
    p.setPen(QColor(60, 60, 60));
    if (codes_ && codes_->dim > 0)
        p.drawText(rect().adjusted(0, 0, -8, -22), Qt::AlignRight | Qt::AlignBottom,
                   tr("%1 (x) vs %2 (y)").arg(axisName(dimX_), axisName(dimY_)));
    if (!message_.isEmpty()) {
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 1.1);
        p.setFont(f);
        const QRect box = rect().adjusted(width() / 8, height() / 3, -width() / 8, -height() / 3);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(255, 255, 255, 235));
        p.drawRoundedRect(box, 6, 6);
        p.setPen(QColor(40, 40, 40));
        p.drawText(box.adjusted(12, 8, -12, -8), Qt::AlignCenter | Qt::TextWordWrap, message_);
    }
}

void LatentView::resizeEvent(QResizeEvent*)
{
    // Until the user zooms or pans, the points fill the view whatever its size (a dock shown
    // later or resized would otherwise keep the scale it had when the codes came).
    if (followData_ && ((codes_ && codes_->count > 0) || !grid_.isNull())) fitArea();
    invalidateLayer();
}

void LatentView::setAxisNames(const QString& prefix, int firstNumber)
{
    axisPrefix_ = prefix;
    axisFirstNumber_ = firstNumber;
    update();
}

QString LatentView::axisName(int dim) const { return axisPrefix_ + QString::number(dim + axisFirstNumber_); }

void LatentView::moveCursorTo(const QPointF& widgetPos)
{
    moveCursor(latentAt(widgetPos));
    Q_EMIT cursorMoved(cursor_);
}

void LatentView::mousePressEvent(QMouseEvent* e)
{
    pressPos_ = lastPos_ = e->position().toPoint();
    if (e->button() == Qt::LeftButton && !(e->modifiers() & Qt::ShiftModifier)) {
        const int legend = legendHit(pressPos_);
        if (legend >= 0) {
            if (e->modifiers() & Qt::AltModifier)
                showOnlyLabel(legend);
            else
                setLabelVisible(legend, !isLabelVisible(legend));
            drag_ = Drag::None;
            return;
        }
        pressIndex_ = pointAt(e->position());
        if (pressIndex_ >= 0) {
            drag_ = Drag::PendingClick;  // a click selects the digit, a drag moves the cursor
        } else {
            drag_ = Drag::Cursor;
            moveCursorTo(e->position());
        }
    } else {
        drag_ = Drag::Pan;
        QWidget::setCursor(Qt::ClosedHandCursor);
    }
}

void LatentView::mouseMoveEvent(QMouseEvent* e)
{
    const QPoint pos = e->position().toPoint();
    switch (drag_) {
    case Drag::PendingClick:
        if ((pos - pressPos_).manhattanLength() < QApplication::startDragDistance()) break;
        drag_ = Drag::Cursor;
        moveCursorTo(e->position());
        break;
    case Drag::Cursor: moveCursorTo(e->position()); break;
    case Drag::Pan: {
        followData_ = false;
        const QPointF d = QPointF(pos - lastPos_) / scale_;
        centre_ += QPointF(-d.x(), d.y());
        invalidateLayer();
        Q_EMIT visibleAreaChanged();
        break;
    }
    case Drag::None: break;
    }
    setHoveredCell(drag_ == Drag::None && legendHit(pos) < 0 ? cellAt(e->position()) : -1);
    lastPos_ = pos;
}

void LatentView::mouseReleaseEvent(QMouseEvent*)
{
    if (drag_ == Drag::PendingClick && pressIndex_ >= 0) {
        selected_ = pressIndex_;
        update();
        Q_EMIT pointClicked(pressIndex_);
    }
    if (drag_ == Drag::Pan) QWidget::setCursor(Qt::CrossCursor);
    drag_ = Drag::None;
    pressIndex_ = -1;
}

void LatentView::mouseDoubleClickEvent(QMouseEvent* e)
{
    if (legendHit(e->position().toPoint()) >= 0) return;
    fitToData();
}

void LatentView::zoomAbout(const QPointF& widgetPos, double factor)
{
    followData_ = false;
    const QPointF before = latentAt(widgetPos);
    scale_ = std::clamp(scale_ * factor, 1e-3, 1e7);
    const QPointF after = latentAt(widgetPos);
    centre_ += before - after;
    invalidateLayer();
    Q_EMIT visibleAreaChanged();
}

void LatentView::wheelEvent(QWheelEvent* e)
{
    const double steps = e->angleDelta().y() / 120.0;
    if (steps != 0) zoomAbout(e->position(), std::pow(1.2, steps));
    e->accept();
}

void LatentView::keyPressEvent(QKeyEvent* e)
{
    const QPointF mid(width() / 2.0, height() / 2.0);
    switch (e->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomAbout(mid, 1.25); break;
    case Qt::Key_Minus: zoomAbout(mid, 0.8); break;
    case Qt::Key_0:
    case Qt::Key_Home: fitToData(); break;
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down: {
        // Arrow keys walk the cursor ten pixels at a time: the drag, without a mouse.
        const QPointF from = hasCursor_ ? widgetAt(cursor_) : mid;
        const QPointF step(e->key() == Qt::Key_Left    ? -10
                           : e->key() == Qt::Key_Right ? 10
                                                       : 0,
                           e->key() == Qt::Key_Up     ? -10
                           : e->key() == Qt::Key_Down ? 10
                                                      : 0);
        moveCursorTo(from + step);
        break;
    }
    default: QWidget::keyPressEvent(e);
    }
}

bool LatentView::event(QEvent* e)
{
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const QPointF z = latentAt(help->pos());
        const int legend = legendHit(help->pos());
        const int i = pointAt(help->pos());
        QString text;
        if (legend >= 0) {
            text = tr("Click to %1 class %2; Alt+click to see it alone (again: all)")
                       .arg(isLabelVisible(legend) ? tr("hide") : tr("show"))
                       .arg(legend);
        } else if (i >= 0) {
            const int l = codes_->labels[size_t(i)];
            text = tr("Test digit #%1, label %2%3\n%4 = %5, %6 = %7")
                       .arg(i)
                       .arg(l)
                       .arg(l < classNames_.size() ? QStringLiteral(" (%1)").arg(classNames_[l]) : QString())
                       .arg(axisName(dimX_))
                       .arg(codes_->at(i, dimX_), 0, 'f', 3)
                       .arg(axisName(dimY_))
                       .arg(codes_->at(i, dimY_), 0, 'f', 3);
        } else {
            text = tr("%1 = %2, %3 = %4").arg(axisName(dimX_)).arg(z.x(), 0, 'f', 3).arg(axisName(dimY_)).arg(z.y(), 0, 'f', 3);
        }
        QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(e);
}
