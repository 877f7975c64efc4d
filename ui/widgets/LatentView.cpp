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

LatentView::LatentView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(240, 240);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setCursor(Qt::CrossCursor);
    setMouseTracking(true);  // the grid cell under the mouse is highlighted
    map_.setLegendWidth(LatentMapPainter::legendColumnWidth(false));
    map_.setViewSize(size());
}

void LatentView::setPointStyle(const PointStyle& style)
{
    style_ = style;
    style_.size = std::clamp(style_.size, 1.0, 12.0);
    style_.opacity = std::clamp(style_.opacity, 0.05, 1.0);
    style_.gridOpacity = std::clamp(style_.gridOpacity, 0.0, 1.0);
    map_.setPointLimit(style_.limit);
    invalidateLayer();
}

void LatentView::showOnlyLabel(int label)
{
    map_.showOnlyLabel(label);
    invalidateLayer();
}

void LatentView::setCodes(std::shared_ptr<const LatentCodes> codes)
{
    const bool refitted = map_.setCodes(std::move(codes));
    if (marks_.selected >= pointCount()) marks_.selected = -1;
    if (refitted)
        viewportChanged();
    else
        invalidateLayer();
    codesChanged();
}

void LatentView::setDims(int dimX, int dimY)
{
    if (!map_.setDims(dimX, dimY)) return;
    marks_.hasCursor = false;
    viewportChanged();
}

void LatentView::setGrid(const DecodedGrid& grid)
{
    map_.setGrid(grid);
    gridPaper_ = grid.image;
    if (!gridPaper_.isNull()) gridPaper_.invertPixels();
    invalidateGrid();
}

void LatentView::setGridVisible(bool visible)
{
    map_.setGridVisible(visible);  // while replaying: for when it ends
    invalidateGrid();
}

void LatentView::setClassNames(const QStringList& names)
{
    classNames_ = names;
    map_.setLegendWidth(LatentMapPainter::legendColumnWidth(!names.isEmpty()));
    if (map_.followsData() && map_.setViewSize(size()))
        viewportChanged();
    else
        update();
}

void LatentView::setMessage(const QString& message)
{
    message_ = message;
    update();
}

void LatentView::clearModel()
{
    map_.clear();
    gridPaper_ = QImage();
    marks_.hasCursor = false;
    marks_.hasMarker = false;
    marks_.path.clear();
    marks_.selected = -1;
    invalidateLayer();
}

void LatentView::setVisibleArea(const QRectF& area)
{
    if (map_.setVisibleArea(area)) viewportChanged();
}

void LatentView::fitToData()
{
    map_.fitToData();
    viewportChanged();
}

void LatentView::viewportChanged()
{
    invalidateLayer();
    Q_EMIT visibleAreaChanged();
}

// The cursor's glyph: a ring with four ticks, 12 px from its centre, and the pen around it.
QRect LatentView::cursorArea() const
{
    const QPointF w = widgetAt(marks_.cursor);
    return QRectF(w - QPointF(14, 14), QSizeF(28, 28)).toAlignedRect();
}

// Only where the cursor was and where it is now are painted again: a whole repaint of a large
// view (and its trip to the window system) took 2-6 ms of each drag step.
void LatentView::moveCursor(const QPointF& latent)
{
    if (marks_.hasCursor)
        update(cursorArea());
    else
        update();
    marks_.cursor = latent;
    marks_.hasCursor = true;
    update(cursorArea());
}

void LatentView::setMarker(const QPointF& mean, const QSizeF& sigma)
{
    marks_.hasMarker = true;
    marks_.marker = mean;
    marks_.markerSigma = sigma;
    update();
}

void LatentView::setPath(const QPolygonF& path)
{
    marks_.path = path;
    update();
}

void LatentView::clearMarker()
{
    marks_.hasMarker = false;
    update();
}

void LatentView::setSelectedIndex(int index)
{
    marks_.selected = index >= 0 && index < pointCount() ? index : -1;
    update();
}

void LatentView::revealPoint(int index)
{
    if (index < 0 || index >= pointCount() || !map_.plotsCodes()) return;
    const QRectF area = visibleArea();
    const QPointF z = map_.codePoint(index);
    if (area.adjusted(area.width() * 0.05, area.height() * 0.05, -area.width() * 0.05, -area.height() * 0.05).contains(z)) return;
    map_.panBy(map_.viewAt(area.center()) - map_.viewAt(z));  // as a drag would: the view stops following the data
    viewportChanged();
}

void LatentView::setLabelVisible(int label, bool visible)
{
    map_.setLabelVisible(label, visible);
    invalidateLayer();
}

QRect LatentView::legendRect(int label) const { return LatentMapPainter::legendRect(label, width(), !classNames_.isEmpty()); }

int LatentView::legendHit(const QPoint& pos) const
{
    for (int l = 0; l < map_.classCount(); ++l)
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
        LatentMapPainter(map_, style_, font()).paintScatter(sp);
        scatterDirty_ = false;
    }
    layer_.fill(Qt::white);
    QPainter p(&layer_);
    const LatentMapPainter painter(map_, style_, font());
    if (map_.gridVisible()) painter.paintGrid(p, gridPaper_);
    painter.paintAxes(p);
    p.drawImage(QPointF(0, 0), scatterLayer_);
    layerDirty_ = false;
}

void LatentView::setHoveredCell(int cell)
{
    if (cell == hoveredCell_) return;
    update(map_.cellRect(hoveredCell_).toAlignedRect().adjusted(-3, -3, 3, 3));
    hoveredCell_ = cell;
    update(map_.cellRect(hoveredCell_).toAlignedRect().adjusted(-3, -3, 3, 3));
}

void LatentView::leaveEvent(QEvent* e)
{
    setHoveredCell(-1);
    QWidget::leaveEvent(e);
}

std::vector<std::pair<int, QPointF>> LatentView::clusterLabelPoints() const
{
    return style_.clusterLabels ? map_.classMedians() : std::vector<std::pair<int, QPointF>>();
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
        p.drawRect(map_.cellRect(hoveredCell_).adjusted(1, 1, -1, -1));
    }
    const LatentMapPainter painter(map_, style_, font());
    painter.paintMarks(p, marks_);
    if (map_.classCount() > 0 && e->region().intersects(legendRect(0).united(legendRect(map_.classCount() - 1)).adjusted(-6, -6, 6, 6)))
        painter.paintLegend(p, classNames_);
    p.setPen(QColor(60, 60, 60));
    if (codes() && codes()->dim > 0)
        p.drawText(rect().adjusted(0, 0, -8, -22), Qt::AlignRight | Qt::AlignBottom,
                   tr("%1 (x) vs %2 (y)").arg(axisName(dimX()), axisName(dimY())));
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
    if (map_.setViewSize(size()))
        viewportChanged();
    else
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
    Q_EMIT cursorMoved(marks_.cursor);
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
    case Drag::Pan:
        map_.panBy(QPointF(pos - lastPos_));
        viewportChanged();
        break;
    case Drag::None: break;
    }
    setHoveredCell(drag_ == Drag::None && legendHit(pos) < 0 && outlinesCells() ? map_.cellAt(e->position()) : -1);
    lastPos_ = pos;
}

void LatentView::mouseReleaseEvent(QMouseEvent*)
{
    if (drag_ == Drag::PendingClick && pressIndex_ >= 0) {
        marks_.selected = pressIndex_;
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

void LatentView::wheelEvent(QWheelEvent* e)
{
    const double steps = e->angleDelta().y() / 120.0;
    if (steps != 0) {
        map_.zoomAbout(e->position(), std::pow(1.2, steps));
        viewportChanged();
    }
    e->accept();
}

void LatentView::keyPressEvent(QKeyEvent* e)
{
    const QPointF mid(width() / 2.0, height() / 2.0);
    switch (e->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        map_.zoomAbout(mid, 1.25);
        viewportChanged();
        break;
    case Qt::Key_Minus:
        map_.zoomAbout(mid, 0.8);
        viewportChanged();
        break;
    case Qt::Key_0:
    case Qt::Key_Home: fitToData(); break;
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down: {
        // Arrow keys walk the cursor ten pixels at a time: the drag, without a mouse.
        const QPointF from = marks_.hasCursor ? widgetAt(marks_.cursor) : mid;
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

QString LatentView::toolTipAt(const QPoint& pos) const
{
    const int legend = legendHit(pos);
    if (legend >= 0)
        return tr("Click to %1 class %2; Alt+click to see it alone (again: all)")
            .arg(isLabelVisible(legend) ? tr("hide") : tr("show"))
            .arg(legend);
    const int i = pointAt(pos);
    if (i < 0) {
        const QPointF z = latentAt(pos);
        return tr("%1 = %2, %3 = %4").arg(axisName(dimX())).arg(z.x(), 0, 'f', 3).arg(axisName(dimY())).arg(z.y(), 0, 'f', 3);
    }
    const int l = codes()->labels[size_t(i)];
    const QPointF z = map_.codePoint(i);
    return tr("Test digit #%1, label %2%3\n%4 = %5, %6 = %7")
        .arg(i)
        .arg(l)
        .arg(l < classNames_.size() ? QStringLiteral(" (%1)").arg(classNames_[l]) : QString())
        .arg(axisName(dimX()))
        .arg(z.x(), 0, 'f', 3)
        .arg(axisName(dimY()))
        .arg(z.y(), 0, 'f', 3);
}

bool LatentView::event(QEvent* e)
{
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        QToolTip::showText(help->globalPos(), toolTipAt(help->pos()), this);
        return true;
    }
    return QWidget::event(e);
}
