#pragma once
#include "widgets/LatentView.h"

#include <QPolygonF>

#include <memory>
#include <vector>

// The explorer's map: a LatentView that also shows a card beside the hovered digit (the window
// fills it in answer to pointHovered), selects digits with a lasso (Shift+drag; Ctrl+Shift+drag
// adds; Shift+click or Esc clears), rings the digit hovered in a linked second map, and replays
// how the map formed (frames in place of the live codes; hover, clicks and lassos wait meanwhile).
// The PCA panel keeps a plain LatentView.
class ExplorerView : public LatentView {
    Q_OBJECT
public:
    explicit ExplorerView(QWidget* parent = nullptr);

    // The drawn digit under the mouse (-1: none) and its card (one for another index is dropped).
    int hoveredPoint() const { return hoveredPoint_; }
    void setHoverCard(const LatentHoverCard& card);
    const LatentHoverCard& hoverCard() const { return hoverCard_; }

    // The digit hovered in a linked view (another model's map of the same digits); -1: none.
    void setLinkedPoint(int index);
    int linkedPoint() const { return linked_; }

    // The selection (LatentMapState::setSelection): digits by index, sorted.
    const std::vector<int>& selection() const { return state().selection(); }
    void setSelection(std::vector<int> indices);
    void selectInside(const QPolygonF& widgetPolygon, bool add = false);

    // The replay (MapReplay's frames; LatentMapState::beginReplay): endReplay() brings back the
    // live codes, grid, selection and fit.
    void showReplayFrame(std::shared_ptr<const LatentCodes> frame, const QRectF& area);
    void endReplay();
    bool isReplaying() const { return state().isReplaying(); }

Q_SIGNALS:
    void pointHovered(int index);  // -1: the mouse left the digit
    void selectionChanged();

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void leaveEvent(QEvent*) override;
    void keyPressEvent(QKeyEvent*) override;
    QString toolTipAt(const QPoint& pos) const override;
    void codesChanged() override;
    bool outlinesCells() const override;

private:
    void setHoveredPoint(int index);
    QRect hoverCardArea() const;
    QRect ringArea(int index) const;

    int hoveredPoint_ = -1;
    LatentHoverCard hoverCard_;
    int linked_ = -1;
    bool lassoing_ = false;
    QPolygonF lasso_;
};
