#pragma once
#include "widgets/LatentMapState.h"

#include <QColor>
#include <QFont>
#include <QImage>
#include <QPolygonF>
#include <QRect>
#include <QStringList>

class QPainter;

// How the points lie over the grid (the latent panel's "Points" row). The defaults let the grid's
// digits read through the 10,000 test codes of MNIST in the default window.
struct LatentPointStyle {
    double size = 4.0;          // marker width in pixels
    double opacity = 0.5;       // of the points
    int limit = 2000;           // points drawn: -1 all, 0 none, N about N (each class its share)
    double gridOpacity = 0.85;  // of the decoded grid
    bool clusterLabels = true;  // each class's label at the median of its drawn points
};

// What is marked on the map besides the points (latent coordinates of the plotted dims).
struct LatentMapMarks {
    int selected = -1;  // a test digit's index
    QPolygonF path;     // an interpolation's points, A to B; fewer than 2: none
    bool hasMarker = false;
    QPointF marker;  // a user's digit's code, with the deviations of q(z|x) (empty: none)
    QSizeF markerSigma;
    bool hasCursor = false;
    QPointF cursor;  // the decoded point
};

// The card beside a hovered point: the real test digit it encodes and what the decoder draws at
// its code, side by side, with its index and label.
struct LatentHoverCard {
    int index = -1;  // -1: no card
    QImage real, decoded;
    QString caption;
};

// Paints a LatentMapState's layers in view coordinates: the decoded grid, the axes, the points by
// class with their labels, the legend. LatentView caches the grid, axes and points in images.
class LatentMapPainter {
public:
    LatentMapPainter(const LatentMapState& map, const LatentPointStyle& style, const QFont& font);

    // paper: the grid's image with dark ink on light paper.
    void paintGrid(QPainter& p, const QImage& paper) const;
    void paintAxes(QPainter& p) const;
    void paintScatter(QPainter& p) const;  // and the cluster labels, if asked for
    void paintLegend(QPainter& p, const QStringList& classNames) const;
    void paintMarks(QPainter& p, const LatentMapMarks& marks) const;  // not cached: they move
    void paintHoverCard(QPainter& p, const LatentHoverCard& card) const;
    void paintLinkedRing(QPainter& p, int index) const;          // the digit hovered in a linked map
    void paintLasso(QPainter& p, const QPolygonF& lasso) const;  // a selection being drawn (view pixels)
    // Where a card for the point at pointPos goes: beside it, inside the view.
    QRect hoverCardRect(const QPointF& pointPos) const;
    // The legend's column at the right edge (the fit leaves it free of points), in pixels.
    static int legendColumnWidth(bool named) { return (named ? 104 : 44) + 16; }

    // Where the legend entry of a label is in a view of the given width.
    static QRect legendRect(int label, int viewWidth, bool named);
    // Paul Tol's "muted" scheme (distinguishable with colour-blindness), black for the tenth class;
    // labels 5-9 are squares, 0-4 discs, so that no pair of classes relies on hue alone.
    static QColor labelColor(int label);
    static bool labelUsesSquare(int label) { return label >= 5; }
    static constexpr int kMarkerMargin = 5;  // the largest marker's margin in pixels (culling)

private:
    void paintClusterLabels(QPainter& p) const;

    const LatentMapState& map_;
    const LatentPointStyle& style_;
    QFont font_;
};
