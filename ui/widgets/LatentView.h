#pragma once
#include "widgets/LatentMapPainter.h"
#include "widgets/LatentMapState.h"

#include <QImage>
#include <QPolygonF>
#include <QStringList>
#include <QWidget>

#include <memory>

// The latent space as a map: encoded test digits as a scatter coloured by label, over the decoded
// manifold grid. Left-drag moves a cursor whose position the window decodes; a click on a digit
// selects it; wheel zooms about the mouse; right/middle-drag or Shift+drag pans; double-click
// fits. Grid and scatter are painted into a cached layer so that a cursor move repaints cheaply.
// What is shown where (codes, subset, classes, viewport, hit tests) is its LatentMapState. The
// explorer's map (hover cards, the lasso, a linked second map, the replay) is ExplorerView.
class LatentView : public QWidget {
    Q_OBJECT
public:
    using PointStyle = LatentPointStyle;

    explicit LatentView(QWidget* parent = nullptr);

    void setPointStyle(const PointStyle& style);
    const PointStyle& pointStyle() const { return style_; }
    const LatentMapState& state() const { return map_; }
    bool isPointDrawn(int index) const { return map_.isPointDrawn(index); }
    void showOnlyLabel(int label);  // LatentMapState::showOnlyLabel
    // Where each class's label is drawn (the class medians); empty without cluster labels.
    std::vector<std::pair<int, QPointF>> clusterLabelPoints() const;
    // The grid cell under the mouse (highlighted), as row * n + column; -1: none.
    int hoveredCell() const { return hoveredCell_; }

    void setCodes(std::shared_ptr<const LatentCodes> codes);
    const std::shared_ptr<const LatentCodes>& codes() const { return map_.codes(); }
    void setDims(int dimX, int dimY);
    int dimX() const { return map_.dimX(); }
    int dimY() const { return map_.dimY(); }
    void setGrid(const DecodedGrid& grid);
    const DecodedGrid& grid() const { return map_.grid(); }
    void setGridVisible(bool visible);
    void setClassNames(const QStringList& names);
    // How the axes are named in the title and tooltips: "z" from 0 (z0, z1: the latent dims) by
    // default; the PCA view says "PC" from 1.
    void setAxisNames(const QString& prefix, int firstNumber);
    QString axisName(int dim) const;
    // Shown in the middle when there is nothing to plot (no dataset, no model, no latent space).
    void setMessage(const QString& message);
    void clearModel();  // drops codes, grid, cursor and selection

    // Latent <-> widget coordinates (equal scale on both axes, y up).
    QPointF latentAt(const QPointF& widgetPos) const { return map_.latentAt(widgetPos); }
    QPointF widgetAt(const QPointF& latent) const { return map_.viewAt(latent); }
    QRectF visibleArea() const { return map_.visibleArea(); }
    void setVisibleArea(const QRectF& area);
    void fitToData();  // and follow the codes again
    bool followsData() const { return map_.followsData(); }

    bool hasCursor() const { return marks_.hasCursor; }
    QPointF cursorPoint() const { return marks_.cursor; }
    void setCursorPoint(const QPointF& latent) { moveCursor(latent); }  // moves the marker; emits nothing
    int selectedIndex() const { return marks_.selected; }
    void setSelectedIndex(int index);
    void revealPoint(int index);  // pans the view (same zoom) so that the digit is inside it

    // A user's digit: its code (mean) in the plotted dims and, for a VAE, the standard deviations
    // of q(z|x) drawn as 1- and 2-sigma ellipses.
    void setMarker(const QPointF& mean, const QSizeF& sigma);
    void clearMarker();
    bool hasMarker() const { return marks_.hasMarker; }
    QPointF markerPoint() const { return marks_.marker; }

    // A path through latent space (interpolation), in the plotted dims; empty: none.
    void setPath(const QPolygonF& path);
    const QPolygonF& pathPoints() const { return marks_.path; }

    bool isLabelVisible(int label) const { return map_.isLabelVisible(label); }
    void setLabelVisible(int label, bool visible);
    int pointCount() const { return map_.pointCount(); }
    int visiblePointCount() const { return map_.visiblePointCount(); }
    // Index of the visible point nearest to widgetPos within radius pixels, or -1.
    int pointAt(const QPointF& widgetPos, double radius = 6.0) const { return map_.pointAt(widgetPos, radius); }
    QRect legendRect(int label) const;  // where the legend entry of a label is (for clicks, tests)

    static QColor labelColor(int label) { return LatentMapPainter::labelColor(label); }
    static bool labelUsesSquare(int label) { return LatentMapPainter::labelUsesSquare(label); }

Q_SIGNALS:
    void cursorMoved(const QPointF& latent);
    void pointClicked(int index);
    void visibleAreaChanged();

protected:
    void paintEvent(QPaintEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void mouseDoubleClickEvent(QMouseEvent*) override;
    void leaveEvent(QEvent*) override;
    void wheelEvent(QWheelEvent*) override;
    void keyPressEvent(QKeyEvent*) override;
    bool event(QEvent*) override;

    // For views that add to the map (ExplorerView).
    LatentMapState& mapState() { return map_; }
    LatentMapPainter painter() const { return LatentMapPainter(map_, style_, font()); }
    void invalidateLayer();  // everything: the points too
    void viewportChanged();  // repaint all and say so
    bool isDragging() const { return drag_ != Drag::None; }
    int legendHit(const QPoint& pos) const;
    void setHoveredCell(int cell);
    virtual QString toolTipAt(const QPoint& pos) const;
    virtual void codesChanged() {}                       // after setCodes
    virtual bool outlinesCells() const { return true; }  // the grid cell under the mouse (unless a view shows more)

private:
    QRect cursorArea() const;
    void moveCursor(const QPointF& latent);
    enum class Drag { None, PendingClick, Cursor, Pan };
    void invalidateGrid();  // the grid and the axes
    void rebuildLayer();
    void moveCursorTo(const QPointF& widgetPos);

    LatentMapState map_;
    QImage gridPaper_;  // the grid inverted: dark ink on light paper, so colours read over it
    QStringList classNames_;
    QString message_;
    PointStyle style_;
    int hoveredCell_ = -1;
    QString axisPrefix_ = QStringLiteral("z");
    int axisFirstNumber_ = 0;

    LatentMapMarks marks_;

    Drag drag_ = Drag::None;
    QPoint pressPos_, lastPos_;
    int pressIndex_ = -1;

    QImage layer_, scatterLayer_;
    bool layerDirty_ = true, scatterDirty_ = true;
};
