#include "widgets/LatentMapState.h"

#include <algorithm>

bool LatentMapState::setCodes(std::shared_ptr<const LatentCodes> codes)
{
    if (replaying_) {  // shown when the replay ends
        liveCodes_ = std::move(codes);
        return false;
    }
    codes_ = std::move(codes);
    classCount_ = 0;
    if (codes_)
        for (int l : codes_->labels) classCount_ = std::max(classCount_, std::min(l + 1, kMaxLabels));
    // Empty codes (shown while the real ones are computed) have no dims to clamp to: keep the pair.
    if (codes_ && codes_->dim > 0 && (dimX_ >= codes_->dim || dimY_ >= codes_->dim)) {
        dimX_ = 0;
        dimY_ = codes_->dim > 1 ? 1 : 0;
    }
    updateSubset();
    // Another set of digits (not merely their new codes): the selection no longer names them.
    if (codes_ && codes_->count > 0 && !selection_.empty() && selection_.back() >= codes_->count) selection_.clear();
    // Follow the codes as they spread during training, until the user zooms or pans.
    if (!followData_ || !codes_ || codes_->count == 0) return false;
    fitArea();
    return true;
}

bool LatentMapState::setDims(int dimX, int dimY)
{
    if (dimX == dimX_ && dimY == dimY_) return false;
    dimX_ = dimX;
    dimY_ = dimY;
    fitToData();
    return true;
}

void LatentMapState::clear()
{
    if (replaying_) {  // the replay ends with the codes it replaced
        replaying_ = false;
        gridVisible_ = liveGrid_;
        selection_ = std::move(liveSelection_);
        liveCodes_.reset();
    }
    codes_.reset();
    classCount_ = 0;
    grid_ = DecodedGrid();
    inSubset_.clear();
    followData_ = true;
}

void LatentMapState::setPointLimit(int limit)
{
    if (limit == limit_) return;
    limit_ = limit;
    updateSubset();
}

// A stratified subset: each class keeps its share of the limit, spread evenly over the class's
// codes in dataset order (which is not sorted), so that thinning keeps every cluster's shape.
void LatentMapState::updateSubset()
{
    const int n = pointCount();
    inSubset_.assign(size_t(n), limit_ < 0 ? 1 : 0);
    if (limit_ <= 0 || n == 0) return;
    if (limit_ >= n) {
        std::fill(inSubset_.begin(), inSubset_.end(), 1);
        return;
    }
    std::vector<std::vector<int>> byLabel(kMaxLabels);
    for (int i = 0; i < n; ++i) byLabel[size_t(std::clamp(codes_->labels[size_t(i)], 0, kMaxLabels - 1))].push_back(i);
    for (const std::vector<int>& members : byLabel) {
        const int64_t m = int64_t(members.size());
        const int64_t quota = std::max<int64_t>(m > 0 ? 1 : 0, (m * limit_ + n / 2) / n);
        for (int64_t k = 0; k < quota; ++k) inSubset_[size_t(members[size_t(k * m / quota)])] = 1;
    }
}

bool LatentMapState::isLabelVisible(int label) const { return label < 0 || label >= kMaxLabels || !(hiddenLabels_ & (1u << label)); }

void LatentMapState::setLabelVisible(int label, bool visible)
{
    if (label < 0 || label >= kMaxLabels) return;
    if (visible)
        hiddenLabels_ &= ~(1u << label);
    else
        hiddenLabels_ |= (1u << label);
}

void LatentMapState::showOnlyLabel(int label)
{
    if (label < 0 || label >= kMaxLabels) return;
    const uint32_t allButLabel = (classCount_ >= kMaxLabels ? ~0u : ((1u << classCount_) - 1)) & ~(1u << label);
    hiddenLabels_ = hiddenLabels_ == allButLabel ? 0 : allButLabel;
}

bool LatentMapState::isPointDrawn(int index) const
{
    return codes_ && index >= 0 && index < codes_->count && size_t(index) < inSubset_.size() && inSubset_[size_t(index)] &&
           isLabelVisible(codes_->labels[size_t(index)]);
}

int LatentMapState::visiblePointCount() const
{
    int n = 0;
    for (int i = 0; i < pointCount(); ++i) n += isPointDrawn(i);
    return n;
}

// Medians: robust to the stray codes a class always has.
std::vector<std::pair<int, QPointF>> LatentMapState::classMedians() const
{
    std::vector<std::pair<int, QPointF>> out;
    if (!plotsCodes()) return out;
    std::vector<std::vector<float>> xs(static_cast<size_t>(classCount_)), ys(xs.size());
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

bool LatentMapState::setViewSize(const QSizeF& size)
{
    size_ = size;
    // Until the user zooms or pans, the points fill the view whatever its size.
    if (!followData_ || ((!codes_ || codes_->count == 0) && grid_.isNull())) return false;
    fitArea();
    return true;
}

QPointF LatentMapState::latentAt(const QPointF& p) const
{
    return QPointF(centre_.x() + (p.x() - size_.width() / 2.0) / scale_, centre_.y() - (p.y() - size_.height() / 2.0) / scale_);
}

QPointF LatentMapState::viewAt(const QPointF& z) const
{
    return QPointF(size_.width() / 2.0 + (z.x() - centre_.x()) * scale_, size_.height() / 2.0 - (z.y() - centre_.y()) * scale_);
}

QRectF LatentMapState::visibleArea() const { return QRectF(latentAt(QPointF(0, size_.height())), latentAt(QPointF(size_.width(), 0))); }

bool LatentMapState::setVisibleArea(const QRectF& area)
{
    if (!area.isValid() || area.width() <= 0 || area.height() <= 0) return false;
    centre_ = area.center();
    scale_ = std::min(size_.width() / area.width(), size_.height() / area.height());
    return true;
}

void LatentMapState::fitToData()
{
    followData_ = true;
    fitArea();
}

// The codes' box (else the grid's, else [-3, 3]^2) with a 6 % margin.
void LatentMapState::fitArea()
{
    QRectF area = codes_ ? codes_->bounds(dimX_, dimY_) : QRectF();
    if (area.isNull() && !grid_.isNull())
        area = QRectF(QPointF(grid_.xs.front(), grid_.ys.back()), QPointF(grid_.xs.back(), grid_.ys.front()));
    if (area.isNull() || area.width() <= 0 || area.height() <= 0) area = QRectF(-3, -3, 6, 6);
    const double mx = area.width() * 0.06, my = area.height() * 0.06;
    area.adjust(-mx, -my, mx, my);
    // Fitted left of the legend's column (never narrower than half the view).
    const double usable = std::max(size_.width() - legendWidth_, size_.width() / 2);
    scale_ = std::min(usable / area.width(), size_.height() / area.height());
    centre_ = area.center() + QPointF((size_.width() - usable) / 2 / scale_, 0);
}

void LatentMapState::zoomAbout(const QPointF& viewPos, double factor)
{
    followData_ = false;
    const QPointF before = latentAt(viewPos);
    scale_ = std::clamp(scale_ * factor, 1e-3, 1e7);
    centre_ += before - latentAt(viewPos);
}

void LatentMapState::panBy(const QPointF& viewDelta)
{
    followData_ = false;
    centre_ += QPointF(-viewDelta.x(), viewDelta.y()) / scale_;
}

int LatentMapState::pointAt(const QPointF& viewPos, double radius) const
{
    if (!plotsCodes()) return -1;
    // Compare in latent units: one multiply per point instead of a full mapping.
    const QPointF z = latentAt(viewPos);
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

std::vector<double> LatentMapState::gridEdges(const std::vector<double>& c)
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

int LatentMapState::cellAt(const QPointF& viewPos) const
{
    if (grid_.isNull() || !gridVisible_ || grid_.n <= 0) return -1;
    const QPointF z = latentAt(viewPos);
    auto index = [](const std::vector<double>& e, double v) {
        const bool up = e.back() >= e.front();
        for (size_t i = 0; i + 1 < e.size(); ++i)
            if (up ? (v >= e[i] && v < e[i + 1]) : (v <= e[i] && v > e[i + 1])) return int(i);
        return -1;
    };
    const int c = index(gridEdges(grid_.xs), z.x()), r = index(gridEdges(grid_.ys), z.y());
    return c < 0 || r < 0 ? -1 : r * grid_.n + c;
}

QRectF LatentMapState::cellRect(int cell) const
{
    if (cell < 0 || grid_.isNull() || cell >= grid_.n * grid_.n) return {};
    const std::vector<double> ex = gridEdges(grid_.xs), ey = gridEdges(grid_.ys);
    const int r = cell / grid_.n, c = cell % grid_.n;
    return QRectF(viewAt(QPointF(ex[size_t(c)], ey[size_t(r)])), viewAt(QPointF(ex[size_t(c + 1)], ey[size_t(r + 1)]))).normalized();
}

std::vector<int> LatentMapState::codesInside(const QPolygonF& viewPolygon) const
{
    std::vector<int> out;
    if (!plotsCodes() || viewPolygon.size() < 3) return out;
    // In latent coordinates: one transform of the polygon instead of one per code.
    QPolygonF polygon;
    for (const QPointF& p : viewPolygon) polygon << latentAt(p);
    const QRectF box = polygon.boundingRect();
    for (int i = 0; i < codes_->count; ++i) {
        if (!isLabelVisible(codes_->labels[size_t(i)])) continue;
        const QPointF z = codePoint(i);
        if (box.contains(z) && polygon.containsPoint(z, Qt::OddEvenFill)) out.push_back(i);
    }
    return out;
}

void LatentMapState::setSelection(std::vector<int> indices)
{
    const int count = replaying_ ? (liveCodes_ ? liveCodes_->count : 0) : pointCount();
    indices.erase(std::remove_if(indices.begin(), indices.end(), [count](int i) { return i < 0 || i >= count; }), indices.end());
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    (replaying_ ? liveSelection_ : selection_) = std::move(indices);
}

void LatentMapState::setGridVisible(bool visible) { (replaying_ ? liveGrid_ : gridVisible_) = visible; }

void LatentMapState::beginReplay(const QRectF& area)
{
    if (replaying_) return;
    liveCodes_ = codes_;
    liveSelection_ = std::move(selection_);
    selection_.clear();
    liveGrid_ = gridVisible_;
    gridVisible_ = false;
    replaying_ = true;
    setVisibleArea(area.adjusted(-area.width() * 0.06, -area.height() * 0.06, area.width() * 0.06, area.height() * 0.06));
    followData_ = false;  // held: the frames move inside it
}

void LatentMapState::setReplayFrame(std::shared_ptr<const LatentCodes> frame)
{
    if (!replaying_) return;
    codes_ = std::move(frame);
    classCount_ = 0;
    if (codes_)
        for (int l : codes_->labels) classCount_ = std::max(classCount_, std::min(l + 1, kMaxLabels));
    updateSubset();
}

void LatentMapState::endReplay()
{
    if (!replaying_) return;
    replaying_ = false;
    gridVisible_ = liveGrid_;
    setCodes(std::move(liveCodes_));
    selection_ = std::move(liveSelection_);
    liveSelection_.clear();
    fitToData();
}

bool LatentMapState::isSelected(int index) const { return std::binary_search(selection_.begin(), selection_.end(), index); }

std::vector<int> LatentMapState::selectionPerClass() const
{
    std::vector<int> counts(size_t(classCount_), 0);
    for (const int i : selection_) {
        const int l = codes_->labels[size_t(i)];
        if (l >= 0 && l < classCount_) ++counts[size_t(l)];
    }
    return counts;
}
