#include "image/DigitPreprocessor.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <sstream>

namespace latent {

namespace {

std::string fmt(double v, int digits = 2)
{
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(digits);
    s << v;
    return s.str();
}

// Pixels of the outer ring (a twentieth of the short side, at least one pixel): the paper.
std::vector<std::pair<int, int>> borderPixels(int w, int h)
{
    const int ring = std::max(1, std::min(w, h) / 20);
    std::vector<std::pair<int, int>> out;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if (x < ring || y < ring || x >= w - ring || y >= h - ring) out.emplace_back(x, y);
    return out;
}

double median(std::vector<float> v)
{
    if (v.empty()) return 0;
    const size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + ptrdiff_t(mid), v.end());
    return v[mid];
}

// Resamples one axis by area coverage: out[i] = mean of in over [i*s, (i+1)*s), s = n / m.
void resampleLine(const float* in, int n, int inStride, float* out, int m, int outStride)
{
    const double s = double(n) / m;
    for (int i = 0; i < m; ++i) {
        const double a = i * s, b = (i + 1) * s;
        double sum = 0, weight = 0;
        for (int k = int(std::floor(a)); k < int(std::ceil(b)) && k < n; ++k) {
            const double cover = std::min(b, double(k + 1)) - std::max(a, double(k));
            if (cover <= 0) continue;
            sum += cover * in[size_t(k) * size_t(inStride)];
            weight += cover;
        }
        out[size_t(i) * size_t(outStride)] = float(weight > 0 ? sum / weight : 0.0);
    }
}

}  // namespace

GrayImage resampleArea(const GrayImage& image, int w, int h)
{
    if (image.empty() || w <= 0 || h <= 0) return {};
    GrayImage rows(w, image.height);
    for (int y = 0; y < image.height; ++y)
        resampleLine(&image.gray[size_t(y) * size_t(image.width)], image.width, 1, &rows.gray[size_t(y) * size_t(w)], w, 1);
    GrayImage out(w, h);
    for (int x = 0; x < w; ++x) resampleLine(&rows.gray[size_t(x)], image.height, w, &out.gray[size_t(x)], h, w);
    return out;
}

namespace {

// The six stages, each a function of the previous stage's image.

// 1. Grayscale, alpha composited on the paper: transparent areas become the colour that contrasts
//    with what is drawn (white behind dark strokes, black behind light ones).
PreprocessStage toGrayscale(const GrayImage& picture)
{
    const size_t n = picture.gray.size();
    GrayImage gray(picture.width, picture.height);
    std::string note = "opaque";
    if (!picture.alpha.empty()) {
        double opaqueSum = 0;
        size_t opaque = 0;
        for (size_t i = 0; i < n; ++i)
            if (picture.alpha[i] > 0.5f) {
                opaqueSum += picture.gray[i];
                ++opaque;
            }
        const float paper = opaque > 0 && opaqueSum / double(opaque) > 0.5 ? 0.f : 1.f;
        for (size_t i = 0; i < n; ++i)
            gray.gray[i] = picture.alpha[i] * picture.gray[i] + (1.f - picture.alpha[i]) * paper;
        note = std::string("alpha composited on ") + (paper > 0.5f ? "white" : "black");
    } else {
        gray.gray = picture.gray;
    }
    return {"grayscale", note, gray};
}

// 2. Polarity: MNIST is light ink on dark paper. The border is paper.
struct Polarity {
    double paperLevel = 0;  // the border's median before inverting
    bool inverted = false;
};
PreprocessStage toLightInkOnDark(GrayImage gray, Polarity& polarity)
{
    std::vector<float> borderValues;
    for (auto [x, y] : borderPixels(gray.width, gray.height)) borderValues.push_back(gray.at(x, y));
    polarity.paperLevel = median(borderValues);
    polarity.inverted = polarity.paperLevel > 0.5;
    if (polarity.inverted)
        for (float& v : gray.gray) v = 1.f - v;
    const std::string level = "(border, median " + fmt(polarity.paperLevel) + ")";
    return {"light ink on dark", polarity.inverted ? "inverted: the paper " + level + " was light" : "kept: the paper " + level + " was dark",
            gray};
}

// Least-squares plane a + b x + c y through the border's values (x, y in [-0.5, 0.5)); flat at
// `flat` when the fit is singular.
std::array<double, 3> fitBorderPlane(const GrayImage& gray, double flat)
{
    const int w = gray.width, h = gray.height;
    double sxx = 0, sxy = 0, syy = 0, sx = 0, sy = 0, s1 = 0, sv = 0, sxv = 0, syv = 0;
    for (auto [x, y] : borderPixels(w, h)) {
        const double v = gray.at(x, y), fx = double(x) / w - 0.5, fy = double(y) / h - 0.5;
        sxx += fx * fx, sxy += fx * fy, syy += fy * fy, sx += fx, sy += fy, s1 += 1;
        sv += v, sxv += fx * v, syv += fy * v;
    }
    // Normal equations of the 3x3 least-squares system, solved by Cramer's rule.
    const double m[3][3] = {{s1, sx, sy}, {sx, sxx, sxy}, {sy, sxy, syy}};
    const double r[3] = {sv, sxv, syv};
    auto det3 = [](const double a[3][3]) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
               a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    };
    const double d = det3(m);
    std::array<double, 3> coef = {flat, 0, 0};
    if (std::abs(d) > 1e-12) {
        for (int k = 0; k < 3; ++k) {
            double mk[3][3];
            for (int i = 0; i < 3; ++i)
                for (int j = 0; j < 3; ++j) mk[i][j] = j == k ? r[i] : m[i][j];
            coef[size_t(k)] = det3(mk) / d;
        }
    }
    return coef;
}

// 3. Level the background: subtract the plane fitted to the border (uneven lighting of a
//    photographed page), then stretch so the ink reaches 1 and the paper's noise 0.
PreprocessStage levelBackground(const GrayImage& gray, const Polarity& polarity)
{
    const int w = gray.width, h = gray.height;
    const std::array<double, 3> coef = fitBorderPlane(gray, polarity.inverted ? 1.0 - polarity.paperLevel : polarity.paperLevel);
    GrayImage level(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const double plane = coef[0] + coef[1] * (double(x) / w - 0.5) + coef[2] * (double(y) / h - 0.5);
            level.at(x, y) = float(gray.at(x, y) - plane);
        }
    std::vector<float> residual;
    for (auto [x, y] : borderPixels(w, h)) residual.push_back(std::abs(level.at(x, y)));
    const double noise = median(residual) * 1.4826;  // robust sigma of the paper
    const double floorLevel = 3.0 * noise + 0.03;
    std::vector<float> ink;
    for (float v : level.gray)
        if (v > floorLevel + 0.05) ink.push_back(v);
    if (ink.size() < 10)
        throw PreprocessError("no ink found: the image looks blank (no stroke stands out of the paper by more than " +
                              fmt(floorLevel + 0.05) + ")");
    std::sort(ink.begin(), ink.end());
    const double top = ink[size_t(double(ink.size() - 1) * 0.9)];  // strong ink, robust to hot pixels
    if (top - floorLevel < 0.08)
        throw PreprocessError("no ink found: the contrast between strokes and paper is only " + fmt(top - floorLevel));
    for (float& v : level.gray) v = float(std::clamp((v - floorLevel) / (top - floorLevel), 0.0, 1.0));
    return {"levelled", "paper noise " + fmt(noise, 3) + ", ink level " + fmt(top), level};
}

// 8-connected components of the pixels above threshold: each pixel's component (-1: none) and
// each component's size.
struct Components {
    std::vector<int> of;
    std::vector<size_t> sizes;
};
Components inkComponents(const GrayImage& image, float threshold)
{
    const int w = image.width, h = image.height;
    const size_t n = image.gray.size();
    Components c{std::vector<int>(n, -1), {}};
    std::vector<size_t> stack;
    for (size_t start = 0; start < n; ++start) {
        if (c.of[start] >= 0 || image.gray[start] <= threshold) continue;
        const int id = int(c.sizes.size());
        size_t count = 0;
        stack.push_back(start);
        c.of[start] = id;
        while (!stack.empty()) {
            const size_t p = stack.back();
            stack.pop_back();
            ++count;
            const int px = int(p % size_t(w)), py = int(p / size_t(w));
            for (int k = 0; k < 8; ++k) {
                static const int dx[8] = {1, -1, 0, 0, 1, 1, -1, -1}, dy[8] = {0, 0, 1, -1, 1, -1, 1, -1};
                const int qx = px + dx[k], qy = py + dy[k];
                if (qx < 0 || qy < 0 || qx >= w || qy >= h) continue;
                const size_t q = size_t(qy) * size_t(w) + size_t(qx);
                if (c.of[q] < 0 && image.gray[q] > threshold) {
                    c.of[q] = id;
                    stack.push_back(q);
                }
            }
        }
        c.sizes.push_back(count);
    }
    return c;
}

// 4. Crop to the ink's bounding box, dropping specks (components under 2% of the largest).
PreprocessStage cropToInk(const GrayImage& level, float inkThreshold)
{
    const int w = level.width, h = level.height;
    const Components c = inkComponents(level, inkThreshold);
    if (c.sizes.empty()) throw PreprocessError("no ink found: nothing is darker than the paper");
    const size_t largest = *std::max_element(c.sizes.begin(), c.sizes.end());
    auto isSpeck = [&](size_t i) { return c.of[i] >= 0 && double(c.sizes[size_t(c.of[i])]) < 0.02 * double(largest); };
    int x0 = w, y0 = h, x1 = -1, y1 = -1;
    size_t dropped = 0;
    for (size_t i = 0; i < level.gray.size(); ++i) {
        if (c.of[i] < 0) continue;
        if (isSpeck(i)) {
            ++dropped;
            continue;
        }
        const int x = int(i % size_t(w)), y = int(i / size_t(w));
        x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
    }
    // Faint pixels next to kept ink (anti-aliased edges) stay; the dropped specks go.
    GrayImage cropped(x1 - x0 + 1, y1 - y0 + 1);
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const size_t i = size_t(y) * size_t(w) + size_t(x);
            cropped.at(x - x0, y - y0) = isSpeck(i) ? 0.f : level.gray[i];
        }
    return {"cropped",
            "ink box " + std::to_string(cropped.width) + "x" + std::to_string(cropped.height) + " at (" + std::to_string(x0) +
                ", " + std::to_string(y0) + ")" + (dropped ? ", " + std::to_string(dropped) + " speck pixels dropped" : std::string()),
            cropped};
}

// 5. Longest side to boxSize, aspect ratio kept, area averaging (MNIST's anti-aliasing).
PreprocessStage scaleToBox(const GrayImage& cropped, int boxSize)
{
    const int longest = std::max(cropped.width, cropped.height);
    const int sw = std::max(1, int(std::lround(double(cropped.width) * boxSize / longest)));
    const int sh = std::max(1, int(std::lround(double(cropped.height) * boxSize / longest)));
    return {"scaled", std::to_string(sw) + "x" + std::to_string(sh), resampleArea(cropped, sw, sh)};
}

// 6. Into the field by the centre of mass.
PreprocessStage centreInField(const GrayImage& scaled, int fieldSize)
{
    const int sw = scaled.width, sh = scaled.height;
    double mass = 0, mx = 0, my = 0;
    for (int y = 0; y < sh; ++y)
        for (int x = 0; x < sw; ++x) {
            const double v = scaled.at(x, y);
            mass += v, mx += v * (x + 0.5), my += v * (y + 0.5);
        }
    const double cx = mass > 0 ? mx / mass : sw / 2.0, cy = mass > 0 ? my / mass : sh / 2.0;
    const int left = std::clamp(int(std::lround(fieldSize / 2.0 - cx)), 0, fieldSize - sw);
    const int topRow = std::clamp(int(std::lround(fieldSize / 2.0 - cy)), 0, fieldSize - sh);
    GrayImage field(fieldSize, fieldSize);
    for (int y = 0; y < sh; ++y)
        for (int x = 0; x < sw; ++x) field.at(left + x, topRow + y) = scaled.at(x, y);
    return {"centred", "centre of mass (" + fmt(left + cx, 1) + ", " + fmt(topRow + cy, 1) + ")", field};
}

}  // namespace

PreprocessResult preprocessDigit(const GrayImage& picture, const PreprocessOptions& o)
{
    if (picture.empty() || picture.width < o.minSide || picture.height < o.minSide)
        throw PreprocessError("the image is " + std::to_string(std::max(picture.width, 0)) + "x" +
                              std::to_string(std::max(picture.height, 0)) + " pixels; a digit needs at least " +
                              std::to_string(o.minSide) + "x" + std::to_string(o.minSide));
    if (picture.gray.size() != size_t(picture.width) * size_t(picture.height) ||
        (!picture.alpha.empty() && picture.alpha.size() != picture.gray.size()))
        throw PreprocessError("the image data does not match its size");
    PreprocessResult result;
    Polarity polarity;
    auto& stages = result.stages;
    stages.push_back(toGrayscale(picture));
    stages.push_back(toLightInkOnDark(stages.back().image, polarity));
    stages.push_back(levelBackground(stages.back().image, polarity));
    stages.push_back(cropToInk(stages.back().image, o.inkThreshold));
    stages.push_back(scaleToBox(stages.back().image, o.boxSize));
    stages.push_back(centreInField(stages.back().image, o.fieldSize));
    result.inverted = polarity.inverted;
    result.digit = stages.back().image;
    return result;
}

}  // namespace latent
