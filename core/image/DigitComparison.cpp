#include "image/DigitComparison.h"

#include "image/DigitPreprocessor.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace latent {

GrayImage naiveDigit(const GrayImage& picture, int side)
{
    if (picture.empty()) throw std::invalid_argument("naiveDigit: empty picture");
    GrayImage gray = picture;
    if (!picture.alpha.empty())
        for (size_t i = 0; i < gray.gray.size(); ++i) gray.gray[i] = picture.alpha[i] * picture.gray[i] + (1.f - picture.alpha[i]);
    gray.alpha.clear();
    double mean = 0;
    for (float v : gray.gray) mean += v;
    mean /= double(gray.gray.size());
    if (mean > 0.5)
        for (float& v : gray.gray) v = 1.f - v;
    GrayImage out = resampleArea(gray, side, side);
    const auto [lo, hi] = std::minmax_element(out.gray.begin(), out.gray.end());
    const float low = *lo, range = *hi - *lo;
    for (float& v : out.gray) v = range > 0 ? (v - low) / range : 0.f;
    return out;
}

double bestShiftedCorrelation(const GrayImage& a, const GrayImage& b, int maxShift)
{
    if (a.width != b.width || a.height != b.height || a.empty()) throw std::invalid_argument("bestShiftedCorrelation: sizes differ");
    const int w = a.width, h = a.height;
    double best = 0;
    for (int dy = -maxShift; dy <= maxShift; ++dy)
        for (int dx = -maxShift; dx <= maxShift; ++dx) {
            double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
            for (int y = 0; y < h; ++y)
                for (int x = 0; x < w; ++x) {
                    const int bx = x - dx, by = y - dy;
                    const double va = a.at(x, y), vb = bx >= 0 && by >= 0 && bx < w && by < h ? b.at(bx, by) : 0.0;
                    sa += va, sb += vb, saa += va * va, sbb += vb * vb, sab += va * vb;
                }
            const double n = double(w) * h;
            const double cov = sab - sa * sb / n, va = saa - sa * sa / n, vb = sbb - sb * sb / n;
            if (va > 1e-12 && vb > 1e-12) best = std::max(best, cov / std::sqrt(va * vb));
        }
    return best;
}

}  // namespace latent
