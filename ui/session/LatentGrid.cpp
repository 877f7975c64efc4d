#include "session/LatentGrid.h"

#include <cmath>
#include <limits>

void LatentCodes::storeCentroid()
{
    storedCentroid.clear();
    storedCentroid = centroid();
}

std::vector<float> LatentCodes::centroid() const
{
    if (int(storedCentroid.size()) == dim && dim > 0) return storedCentroid;
    std::vector<double> sum(size_t(dim), 0.0);
    for (int i = 0; i < count; ++i)
        for (int d = 0; d < dim; ++d) sum[size_t(d)] += at(i, d);
    std::vector<float> out(size_t(dim), 0.f);
    for (int d = 0; d < dim && count > 0; ++d) out[size_t(d)] = float(sum[size_t(d)] / count);
    return out;
}

QRectF LatentCodes::bounds(int dx, int dy) const
{
    if (count == 0 || dx >= dim || dy >= dim) return {};
    float x0 = std::numeric_limits<float>::max(), y0 = x0, x1 = -x0, y1 = -x0;
    for (int i = 0; i < count; ++i) {
        const float x = at(i, dx), y = at(i, dy);
        if (!std::isfinite(x) || !std::isfinite(y)) continue;
        x0 = std::min(x0, x);
        x1 = std::max(x1, x);
        y0 = std::min(y0, y);
        y1 = std::max(y1, y);
    }
    if (x0 > x1) return {};
    return QRectF(QPointF(x0, y0), QPointF(x1, y1));
}

std::vector<float> GridSettings::heldValues(int latentDim, const LatentCodes* codes, const std::vector<float>& selectedCode) const
{
    std::vector<float> base(size_t(std::max(latentDim, 0)), 0.f);
    if (held == Held::Mean && codes && codes->dim == latentDim) base = codes->centroid();
    if (held == Held::Selected && int(selectedCode.size()) == latentDim) base = selectedCode;
    return base;
}

GridSpec GridSettings::spec(int latentDim, const LatentCodes* codes, const std::vector<float>& selectedCode) const
{
    GridSpec g;
    g.n = n;
    g.dimX = dimX;
    g.dimY = dimY;
    g.base = heldValues(latentDim, codes, selectedCode);
    switch (area) {
    case Area::Gaussian: g.gaussian = true; break;
    case Area::Range: g.area = QRectF(-range, -range, 2 * range, 2 * range); break;
    case Area::FitCodes: {
        // Cell centres span the codes' bounding box, outliers included: their digits are worth seeing.
        const QRectF b = codes ? codes->bounds(dimX, dimY) : QRectF();
        if (b.width() > 0 && b.height() > 0) g.area = b;
        break;
    }
    }
    return g;
}

std::vector<float> GridSettings::latentVector(const QPointF& xy, int latentDim, const LatentCodes* codes,
                                              const std::vector<float>& selectedCode) const
{
    std::vector<float> z = heldValues(latentDim, codes, selectedCode);
    if (dimX < int(z.size())) z[size_t(dimX)] = float(xy.x());
    if (dimY < int(z.size())) z[size_t(dimY)] = float(xy.y());
    return z;
}
