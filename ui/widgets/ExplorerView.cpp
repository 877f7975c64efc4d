#include "widgets/ExplorerView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <utility>

ExplorerView::ExplorerView(QWidget* parent) : LatentView(parent) {}

void ExplorerView::setHoveredPoint(int index)
{
    if (index == hoveredPoint_) return;
    update(hoverCardArea());
    hoveredPoint_ = index;
    hoverCard_ = LatentHoverCard();
    Q_EMIT pointHovered(index);
}

void ExplorerView::setHoverCard(const LatentHoverCard& card)
{
    if (card.index != hoveredPoint_) return;  // the mouse has moved on
    update(hoverCardArea());
    hoverCard_ = card;
    update(hoverCardArea());
}

QRect ExplorerView::hoverCardArea() const
{
    if (hoveredPoint_ < 0 || !state().plotsCodes() || hoveredPoint_ >= pointCount()) return QRect();
    return painter().hoverCardRect(state().viewAt(state().codePoint(hoveredPoint_))).adjusted(-2, -2, 2, 2);
}

QRect ExplorerView::ringArea(int index) const
{
    if (index < 0 || index >= pointCount() || !state().plotsCodes()) return QRect();
    return QRectF(state().viewAt(state().codePoint(index)) - QPointF(13, 13), QSizeF(26, 26)).toAlignedRect();
}

void ExplorerView::setLinkedPoint(int index)
{
    if (index == linked_) return;
    update(ringArea(linked_));
    linked_ = index >= 0 && index < pointCount() ? index : -1;
    update(ringArea(linked_));
}

void ExplorerView::setSelection(std::vector<int> indices)
{
    mapState().setSelection(std::move(indices));
    invalidateLayer();
    Q_EMIT selectionChanged();
}

void ExplorerView::selectInside(const QPolygonF& widgetPolygon, bool add)
{
    std::vector<int> inside = state().codesInside(widgetPolygon);
    if (add) inside.insert(inside.end(), selection().begin(), selection().end());
    setSelection(std::move(inside));
}

void ExplorerView::showReplayFrame(std::shared_ptr<const LatentCodes> frame, const QRectF& area)
{
    if (!isReplaying()) {
        setHoveredPoint(-1);
        mapState().beginReplay(area);
    }
    mapState().setReplayFrame(std::move(frame));
    invalidateLayer();
}

void ExplorerView::endReplay()
{
    if (!isReplaying()) return;
    mapState().endReplay();
    viewportChanged();
}

// New codes (an epoch, another model): the hovered digit's card is asked for again.
void ExplorerView::codesChanged()
{
    const int hovered = hoveredPoint_;
    setHoveredPoint(-1);
    if (linked_ >= pointCount()) linked_ = -1;
    if (hovered >= 0 && hovered < pointCount() && isPointDrawn(hovered)) setHoveredPoint(hovered);
}

void ExplorerView::paintEvent(QPaintEvent* e)
{
    LatentView::paintEvent(e);
    QPainter p(this);
    const LatentMapPainter mapPainter = painter();
    mapPainter.paintLinkedRing(p, linked_);
    mapPainter.paintLasso(p, lasso_);
    if (!isDragging() && !lassoing_) mapPainter.paintHoverCard(p, hoverCard_);
}

void ExplorerView::mousePressEvent(QMouseEvent* e)
{
    if (isReplaying() && e->button() == Qt::LeftButton) return;  // the frames' points are not the live digits
    if (e->button() == Qt::LeftButton && (e->modifiers() & Qt::ShiftModifier)) {
        setHoveredPoint(-1);
        lassoing_ = true;
        lasso_ = QPolygonF({e->position()});
        return;
    }
    LatentView::mousePressEvent(e);
}

void ExplorerView::mouseMoveEvent(QMouseEvent* e)
{
    if (lassoing_) {
        if ((e->position() - lasso_.last()).manhattanLength() >= 3) {
            lasso_ << e->position();
            update(lasso_.boundingRect().toAlignedRect().adjusted(-3, -3, 3, 3));
        }
        return;
    }
    // The digit under the mouse first: with its card shown, the cell under it is not outlined.
    const bool free = !isDragging() && !isReplaying() && legendHit(e->position().toPoint()) < 0;
    setHoveredPoint(free ? pointAt(e->position()) : -1);
    LatentView::mouseMoveEvent(e);
}

bool ExplorerView::outlinesCells() const { return hoveredPoint_ < 0; }

void ExplorerView::mouseReleaseEvent(QMouseEvent* e)
{
    if (!lassoing_) {
        LatentView::mouseReleaseEvent(e);
        return;
    }
    lassoing_ = false;
    const QPolygonF lasso = std::exchange(lasso_, QPolygonF());
    update(lasso.boundingRect().toAlignedRect().adjusted(-3, -3, 3, 3));
    if (lasso.size() >= 3)
        selectInside(lasso, e->modifiers() & Qt::ControlModifier);
    else if (!selection().empty())
        setSelection({});  // Shift+click: none
}

void ExplorerView::leaveEvent(QEvent* e)
{
    setHoveredPoint(-1);
    LatentView::leaveEvent(e);
}

void ExplorerView::keyPressEvent(QKeyEvent* e)
{
    if (e->key() == Qt::Key_Escape && !selection().empty()) {
        setSelection({});
        return;
    }
    LatentView::keyPressEvent(e);
}

QString ExplorerView::toolTipAt(const QPoint& pos) const
{
    const int i = pointAt(pos);
    if (i >= 0 && i == hoverCard_.index) return QString();  // the card beside it says it
    return LatentView::toolTipAt(pos);
}
