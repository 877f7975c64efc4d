#pragma once
#include "session/InferenceSession.h"  // LatentCodes, DecodedGrid (no torch)

#include <QImage>
#include <QPolygonF>
#include <QStringList>
#include <QWidget>

#include <memory>

// The latent space as a map: encoded test digits as a scatter coloured by label, over the decoded
// manifold grid. Left-drag moves a cursor whose position the window decodes; a click on a digit
// selects it; wheel zooms about the mouse; right/middle-drag or Shift+drag pans; double-click
// fits. Grid and scatter are painted into a cached layer so that a cursor move repaints cheaply.
class LatentView : public QWidget {
    Q_OBJECT
public:
    // How the points lie over the grid (the latent panel's "Points" row). The defaults let the
    // grid's digits read through the 10,000 test codes of MNIST in the default window.
    struct PointStyle {
        double size = 4.0;          // marker width in pixels
        double opacity = 0.5;       // of the points
        int limit = 2000;           // points drawn: -1 all, 0 none, N about N (each class its share)
        double gridOpacity = 0.85;  // of the decoded grid
        bool clusterLabels = true;  // each class's label at the median of its drawn points
    };

    explicit LatentView(QWidget* parent = nullptr);

    void setPointStyle(const PointStyle& style);
    const PointStyle& pointStyle() const { return style_; }
    // Whether point `index` is drawn (and can be clicked): its class shown, within the subset.
    bool isPointDrawn(int index) const;
    // Shows label's class alone; asked again for the class shown alone, shows every class.
    void showOnlyLabel(int label);
    // Where each class's label is drawn (latent coordinates of the plotted dims); empty without
    // cluster labels. For tests and the tooltip.
    std::vector<std::pair<int, QPointF>> clusterLabelPoints() const;
    // The grid cell under the mouse (highlighted), as row * n + column; -1: none.
    int hoveredCell() const { return hoveredCell_; }

    void setCodes(std::shared_ptr<const LatentCodes> codes);
    std::shared_ptr<const LatentCodes> codes() const { return codes_; }
    void setDims(int dimX, int dimY);
    int dimX() const { return dimX_; }
    int dimY() const { return dimY_; }
    void setGrid(const DecodedGrid& grid);
    const DecodedGrid& grid() const { return grid_; }
    void setGridVisible(bool visible);
    void setClassNames(const QStringList& names);
    // How the axes are named in the title and tooltips: "z" from 0 (z0, z1: the latent dims) by
    // default; the PCA view says "PC" from 1.
    void setAxisNames(const QString& prefix, int firstNumber);
    QString axisName(int dim) const;  // legend text per label (digits when empty)
    // Shown in the middle when there is nothing to plot (no dataset, no model, no latent space).
    void setMessage(const QString& message);
    void clearModel();  // drops codes, grid, cursor and selection

    // Latent <-> widget coordinates (equal scale on both axes, y up).
    QPointF latentAt(const QPointF& widgetPos) const;
    QPointF widgetAt(const QPointF& latent) const;
    QRectF visibleArea() const;
    void setVisibleArea(const QRectF& area);
    void fitToData();  // and follow the codes again
    bool followsData() const { return followData_; }

    bool hasCursor() const { return hasCursor_; }
    QPointF cursorPoint() const { return cursor_; }
    void setCursorPoint(const QPointF& latent);  // moves the marker; emits nothing
    int selectedIndex() const { return selected_; }
    void setSelectedIndex(int index);

    // A user's digit: its code (mean) in the plotted dims and, for a VAE, the standard deviations
    // of q(z|x) drawn as 1- and 2-sigma ellipses.
    void setMarker(const QPointF& mean, const QSizeF& sigma);
    void clearMarker();
    bool hasMarker() const { return hasMarker_; }
    QPointF markerPoint() const { return marker_; }

    // A path through latent space (interpolation), in the plotted dims; empty: none.
    void setPath(const QPolygonF& path);
    const QPolygonF& pathPoints() const { return path_; }

    bool isLabelVisible(int label) const;
    void setLabelVisible(int label, bool visible);
    int pointCount() const { return codes_ ? codes_->count : 0; }
    int visiblePointCount() const;
    // Index of the visible point nearest to widgetPos within radius pixels, or -1.
    int pointAt(const QPointF& widgetPos, double radius = 6.0) const;
    QRect legendRect(int label) const;  // where the legend entry of a label is (for clicks, tests)

    static QColor labelColor(int label);
    static bool labelUsesSquare(int label);

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

private:
    QRect cursorArea() const;
    void moveCursor(const QPointF& latent);
    enum class Drag { None, PendingClick, Cursor, Pan };
    void invalidateLayer();  // everything: the points too
    void invalidateGrid();   // the grid and the axes
    void fitArea();
    void rebuildLayer();
    void paintGrid(QPainter& p) const;
    void paintAxes(QPainter& p) const;
    void paintScatter(QPainter& p) const;
    void paintLegend(QPainter& p) const;
    void paintClusterLabels(QPainter& p) const;
    // The grid's tile edges in latent units (halfway between neighbouring centres).
    std::vector<double> gridEdges(const std::vector<double>& centres) const;
    QRectF cellRect(int cell) const;  // in widget coordinates
    int cellAt(const QPointF& widgetPos) const;
    void setHoveredCell(int cell);
    void updateSubset();
    int legendCount() const;
    int legendHit(const QPoint& pos) const;
    void moveCursorTo(const QPointF& widgetPos);
    void zoomAbout(const QPointF& widgetPos, double factor);

    std::shared_ptr<const LatentCodes> codes_;
    int classCount_ = 0;  // labels 0..classCount_-1 appear in the legend
    DecodedGrid grid_;
    QImage gridPaper_;  // the grid inverted: dark ink on light paper, so colours read over it
    bool gridVisible_ = true;
    int dimX_ = 0, dimY_ = 1;
    QStringList classNames_;
    QString message_;
    uint32_t hiddenLabels_ = 0;
    PointStyle style_;
    std::vector<char> inSubset_;  // per code: drawn under style_.limit
    int hoveredCell_ = -1;

    QPointF centre_{0, 0};
    double scale_ = 40.0;     // pixels per latent unit
    bool followData_ = true;  // refit when the codes change, until the user zooms or pans
    QString axisPrefix_ = QStringLiteral("z");
    int axisFirstNumber_ = 0;

    bool hasCursor_ = false;
    QPointF cursor_;
    int selected_ = -1;
    QPolygonF path_;
    bool hasMarker_ = false;
    QPointF marker_;
    QSizeF markerSigma_;

    Drag drag_ = Drag::None;
    QPoint pressPos_, lastPos_;
    int pressIndex_ = -1;

    QImage layer_, scatterLayer_;
    bool layerDirty_ = true, scatterDirty_ = true;
};
