#pragma once
#include "session/LatentGrid.h"  // LatentCodes, DecodedGrid (no torch)

#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QSizeF>

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

// What the latent map shows and where, without a window: the codes and the grid, the plotted
// dims, the stratified subset of points drawn and the classes shown, each class's median, the
// viewport (latent <-> view coordinates, fit, zoom, pan) and what lies under a view position.
// LatentView paints it and turns input into calls; tests drive it row by row (tst_latentmapstate).
class LatentMapState {
public:
    static constexpr int kMaxLabels = 32;  // labels 0..31 can be hidden one by one

    bool setCodes(std::shared_ptr<const LatentCodes> codes);  // refits while following the data: true then
    const std::shared_ptr<const LatentCodes>& codes() const { return codes_; }
    int pointCount() const { return codes_ ? codes_->count : 0; }
    int classCount() const { return classCount_; }  // labels 0..classCount()-1 occur
    // Returns whether the pair changed (then the view refits and follows the data again).
    bool setDims(int dimX, int dimY);
    int dimX() const { return dimX_; }
    int dimY() const { return dimY_; }
    bool plotsCodes() const { return codes_ && dimX_ < codes_->dim && dimY_ < codes_->dim; }
    QPointF codePoint(int index) const { return QPointF(codes_->at(index, dimX_), codes_->at(index, dimY_)); }
    void setGrid(const DecodedGrid& grid) { grid_ = grid; }
    const DecodedGrid& grid() const { return grid_; }
    void setGridVisible(bool visible);
    bool gridVisible() const { return gridVisible_; }
    void clear();  // no codes, no grid, following the data

    // Points drawn: -1 all, 0 none, N about N (each class its share, spread over its codes).
    void setPointLimit(int limit);
    int pointLimit() const { return limit_; }
    bool isLabelVisible(int label) const;
    void setLabelVisible(int label, bool visible);
    // Shows label's class alone; asked again for the class shown alone, shows every class.
    void showOnlyLabel(int label);
    // Whether point index is drawn (and can be hit): its class shown, within the subset.
    bool isPointDrawn(int index) const;
    int visiblePointCount() const;
    // The median of each shown class's drawn points (latent, plotted dims), by label.
    std::vector<std::pair<int, QPointF>> classMedians() const;

    // The viewport: equal scale on both axes, y up.
    bool setViewSize(const QSizeF& size);  // refits while following the data: true then
    // Pixels at the right edge that a fit leaves free of points (the class legend's column).
    void setLegendWidth(double pixels) { legendWidth_ = pixels; }
    double legendWidth() const { return legendWidth_; }
    QSizeF viewSize() const { return size_; }
    double scale() const { return scale_; }  // view pixels per latent unit
    QPointF latentAt(const QPointF& viewPos) const;
    QPointF viewAt(const QPointF& latent) const;
    QRectF visibleArea() const;
    bool setVisibleArea(const QRectF& area);  // false (nothing changes) for an empty area
    void fitToData();                         // and follow the codes again
    bool followsData() const { return followData_; }
    void zoomAbout(const QPointF& viewPos, double factor);  // the latent point under viewPos stays
    void panBy(const QPointF& viewDelta);                   // the map moves with the mouse

    // The drawn point nearest to viewPos within radius pixels, or -1.
    int pointAt(const QPointF& viewPos, double radius) const;
    // The grid cell at viewPos as row * n + column (row 0 at the top), -1 outside or without a
    // shown grid; and a cell's rectangle in view coordinates.
    int cellAt(const QPointF& viewPos) const;
    QRectF cellRect(int cell) const;
    // The selection: test digits by index, sorted. A lasso selects every code inside it whose
    // class is shown, drawn or not (the drawn subset only thins the picture), so the selection
    // survives a change of how many points are drawn or which class is alone; new codes of the
    // same digits (an epoch, another model of the same data) keep it.
    std::vector<int> codesInside(const QPolygonF& viewPolygon) const;
    void setSelection(std::vector<int> indices);  // sorted and made unique; indices outside dropped
    const std::vector<int>& selection() const { return selection_; }
    bool isSelected(int index) const;
    std::vector<int> selectionPerClass() const;  // counts by label 0..classCount()-1

    // The replay: frames of how the map formed (MapReplay) shown in place of the codes, over no
    // grid and without the selection, in a held area. Meanwhile setCodes, setGridVisible and
    // setSelection change what comes back at endReplay (which fits the live codes again).
    void beginReplay(const QRectF& area);
    void setReplayFrame(std::shared_ptr<const LatentCodes> frame);
    void endReplay();
    bool isReplaying() const { return replaying_; }

    // Tile edges halfway between neighbouring centres (Gaussian-quantile tiles grow outwards).
    static std::vector<double> gridEdges(const std::vector<double>& centres);

private:
    void fitArea();
    void updateSubset();

    std::shared_ptr<const LatentCodes> codes_;
    int classCount_ = 0;
    int dimX_ = 0, dimY_ = 1;
    DecodedGrid grid_;
    bool gridVisible_ = true;
    int limit_ = 2000;
    uint32_t hiddenLabels_ = 0;
    std::vector<char> inSubset_;  // per code: drawn under limit_
    std::vector<int> selection_;
    bool replaying_ = false;
    std::shared_ptr<const LatentCodes> liveCodes_;  // while replaying
    std::vector<int> liveSelection_;
    bool liveGrid_ = true;

    QSizeF size_{240, 240};
    QPointF centre_{0, 0};
    double scale_ = 40.0;
    double legendWidth_ = 0;
    bool followData_ = true;  // refit when the codes or the size change, until the user zooms or pans
};
