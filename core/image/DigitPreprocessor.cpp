#include "image/DigitPreprocessor.h"

#include <algorithm>
#include <climits>
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

// Resamples one axis by area coverage onto `extent` output pixels (extent <= m, may be
// fractional): out[i] = mean over [i*s, (i+1)*s) of the input, s = n / extent, where the part past
// the input's end is background (0). extent == m is plain area averaging.
void resampleLine(const float* in, int n, int inStride, float* out, int m, int outStride, double extent)
{
    const double s = double(n) / extent;
    for (int i = 0; i < m; ++i) {
        const double a = i * s, b = std::min((i + 1) * s, double(n));
        double sum = 0;
        for (int k = int(std::floor(a)); k < int(std::ceil(b)) && k < n; ++k) {
            const double cover = std::min(b, double(k + 1)) - std::max(a, double(k));
            if (cover > 0) sum += cover * in[size_t(k) * size_t(inStride)];
        }
        // A whole output pixel averages s input pixels; the last one of a fractional extent less.
        out[size_t(i) * size_t(outStride)] = float(sum / s);
    }
}

// The image onto ew x eh output pixels (fractional extents allowed) in a ceil(ew) x ceil(eh) image.
GrayImage resampleOnto(const GrayImage& image, double ew, double eh)
{
    const int w = int(std::ceil(ew - 1e-9)), h = int(std::ceil(eh - 1e-9));
    if (image.empty() || w <= 0 || h <= 0) return {};
    GrayImage rows(w, image.height);
    for (int y = 0; y < image.height; ++y)
        resampleLine(&image.gray[size_t(y) * size_t(image.width)], image.width, 1, &rows.gray[size_t(y) * size_t(w)], w, 1, ew);
    GrayImage out(w, h);
    for (int x = 0; x < w; ++x) resampleLine(&rows.gray[size_t(x)], image.height, w, &out.gray[size_t(x)], h, w, eh);
    return out;
}

}  // namespace

GrayImage resampleArea(const GrayImage& image, int w, int h) { return resampleOnto(image, w, h); }

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
        for (size_t i = 0; i < n; ++i) gray.gray[i] = picture.alpha[i] * picture.gray[i] + (1.f - picture.alpha[i]) * paper;
        note = std::string("alpha composited on ") + (paper > 0.5f ? "white" : "black");
    } else {
        gray.gray = picture.gray;
    }
    return {"grayscale", note, gray};
}

// Otsu's threshold over a 256-bin histogram of values in [0, 1]: the level that best splits them
// into two classes (the largest between-class variance).
double otsuThreshold(const std::vector<float>& values)
{
    std::array<double, 256> hist{};
    for (float v : values) hist[size_t(std::clamp(int(v * 255.f + 0.5f), 0, 255))] += 1;
    const double total = double(values.size());
    double sumAll = 0;
    for (size_t i = 0; i < 256; ++i) sumAll += double(i) * hist[i];
    double weightBelow = 0, sumBelow = 0, bestVariance = -1;
    size_t best = 127;
    for (size_t i = 0; i < 255; ++i) {
        weightBelow += hist[i];
        sumBelow += double(i) * hist[i];
        const double weightAbove = total - weightBelow;
        if (weightBelow == 0 || weightAbove == 0) continue;
        const double meanBelow = sumBelow / weightBelow, meanAbove = (sumAll - sumBelow) / weightAbove;
        const double variance = weightBelow * weightAbove * (meanBelow - meanAbove) * (meanBelow - meanAbove);
        if (variance > bestVariance) bestVariance = variance, best = i;
    }
    return (double(best) + 0.5) / 255.0;
}

// Pixels of the four corner squares (an eighth of the short side, at least one pixel).
std::vector<std::pair<int, int>> cornerPixels(int w, int h)
{
    const int side = std::max(1, std::min(w, h) / 8);
    std::vector<std::pair<int, int>> out;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if ((x < side || x >= w - side) && (y < side || y >= h - side)) out.emplace_back(x, y);
    return out;
}

// 2. Polarity: MNIST is light ink on dark paper. The picture splits into a dark and a light
//    class (Otsu); paper is the class that holds the corners, or else a border that is nearly all
//    one class, or else the larger class, or else most of the border. Ink that reaches the picture's edges (a tight crop, a digit drawn edge to
//    edge) still leaves the corners to the paper, where a border median would be fooled.
struct Polarity {
    double paperLevel = 0;   // the paper's median before inverting
    double threshold = 0.5;  // Otsu's split, after inverting
    bool inverted = false;
    bool borderIsPaper = true;  // at least 98% of the border is in the paper's class
};
PreprocessStage toLightInkOnDark(GrayImage gray, Polarity& polarity)
{
    const int w = gray.width, h = gray.height;
    const double t = otsuThreshold(gray.gray);
    auto darkShare = [&](const std::vector<std::pair<int, int>>& pixels) {
        size_t dark = 0;
        for (auto [x, y] : pixels) dark += gray.at(x, y) < t;
        return pixels.empty() ? 0.5 : double(dark) / double(pixels.size());
    };
    const auto border = borderPixels(w, h);
    const double cornersDark = darkShare(cornerPixels(w, h)), borderDark = darkShare(border);
    size_t darkCount = 0;
    for (float v : gray.gray) darkCount += v < t;
    const double allDark = double(darkCount) / double(gray.gray.size());
    bool paperLight;
    std::string why;
    if (std::abs(cornersDark - 0.5) >= 0.25) {
        paperLight = cornersDark < 0.5;
        why = "the corners";
    } else if (std::abs(borderDark - 0.5) >= 0.45) {
        paperLight = borderDark < 0.5;
        why = "the border";
    } else if (std::abs(allDark - 0.5) >= 0.1) {
        // Ink on much of the border (a squarish digit cropped tight): the paper still covers more.
        paperLight = allDark < 0.5;  // the larger class is the paper
        why = "the larger part of the picture";
    } else if (std::abs(borderDark - 0.5) >= 0.15) {
        paperLight = borderDark < 0.5;
        why = "the border";
    } else {
        paperLight = true;  // no cue decides: dark ink on light paper, as most pictures are
        why = "no clear cue: taken as light";
    }
    std::vector<float> paper;
    for (float v : gray.gray)
        if ((v >= t) == paperLight) paper.push_back(v);
    polarity.paperLevel = median(paper);
    polarity.inverted = paperLight;
    polarity.threshold = paperLight ? 1.0 - t : t;
    polarity.borderIsPaper = (paperLight ? 1.0 - borderDark : borderDark) >= 0.98;
    if (polarity.inverted)
        for (float& v : gray.gray) v = 1.f - v;
    const std::string level = "(" + why + ", level " + fmt(polarity.paperLevel) + ")";
    return {"light ink on dark",
            polarity.inverted ? "inverted: the paper " + level + " was light" : "kept: the paper " + level + " was dark", gray};
}

// Least-squares plane a + b x + c y through the given pixels' values (x, y in [-0.5, 0.5)); flat
// at `flat` when the fit is singular.
std::array<double, 3> fitPlane(const GrayImage& gray, const std::vector<std::pair<int, int>>& pixels, double flat)
{
    const int w = gray.width, h = gray.height;
    double sxx = 0, sxy = 0, syy = 0, sx = 0, sy = 0, s1 = 0, sv = 0, sxv = 0, syv = 0;
    for (auto [x, y] : pixels) {
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
    if (std::abs(d) > 1e-12 * std::max(1.0, s1 * s1 * s1)) {
        for (int k = 0; k < 3; ++k) {
            double mk[3][3];
            for (int i = 0; i < 3; ++i)
                for (int j = 0; j < 3; ++j) mk[i][j] = j == k ? r[i] : m[i][j];
            coef[size_t(k)] = det3(mk) / d;
        }
    }
    return coef;
}

// The paper's pixels to fit the lighting to: the border when it is all paper; otherwise every
// pixel of the paper's class that is not next to ink (anti-aliased stroke edges are neither).
std::vector<std::pair<int, int>> paperPixels(const GrayImage& gray, const Polarity& polarity)
{
    const int w = gray.width, h = gray.height;
    if (polarity.borderIsPaper) return borderPixels(w, h);
    const float t = float(polarity.threshold);
    std::vector<std::pair<int, int>> out;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            bool nearInk = false;
            for (int dy = -1; dy <= 1 && !nearInk; ++dy)
                for (int dx = -1; dx <= 1 && !nearInk; ++dx) {
                    const int qx = std::clamp(x + dx, 0, w - 1), qy = std::clamp(y + dy, 0, h - 1);
                    nearInk = gray.at(qx, qy) >= t;
                }
            if (!nearInk) out.emplace_back(x, y);
        }
    if (out.size() >= 8) return out;
    out.clear();  // ink almost everywhere (a thick 1 cropped tight): every paper-class pixel
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if (gray.at(x, y) < t) out.emplace_back(x, y);
    return out.size() >= 8 ? out : borderPixels(w, h);
}

// The paper's noise (a robust sigma). A clean border gives it directly; inside a picture whose
// ink reaches the border, the paper-class pixels include the soft halos around strokes, so the
// noise comes from the differences of neighbouring paper-class pixels, which a smooth halo
// hardly changes (the median absolute difference / sqrt(2)).
double paperNoise(const GrayImage& level, const GrayImage& gray, const std::vector<std::pair<int, int>>& paper, const Polarity& polarity)
{
    std::vector<float> values;
    if (polarity.borderIsPaper) {
        for (auto [x, y] : paper) values.push_back(std::abs(level.at(x, y)));
        return median(values) * 1.4826;
    }
    const float t = float(polarity.threshold);
    for (int y = 0; y < gray.height; ++y)
        for (int x = 0; x + 1 < gray.width; ++x)
            if (gray.at(x, y) < t && gray.at(x + 1, y) < t) values.push_back(std::abs(gray.at(x + 1, y) - gray.at(x, y)));
    return values.empty() ? 0.0 : median(values) * 1.4826 / std::sqrt(2.0);
}

// Ruled lines (lined or squared paper): bands of rows (or columns) where candidate ink spans
// most of the picture, thin (at most 3% of the picture and 4 px), at least three of them. Each
// band's pixels are replaced by the lower of the values just outside it, which keeps a stroke
// that crosses the line. Returns how many lines were removed.
int removeRuledLines(GrayImage& level, double inkLevel, bool columns)
{
    const int w = level.width, h = level.height;
    const int along = columns ? w : h, across = columns ? h : w;
    auto at = [&](int line, int pos) -> float& { return columns ? level.at(line, pos) : level.at(pos, line); };
    std::vector<char> covered(size_t(along), 0);
    for (int i = 0; i < along; ++i) {
        int inked = 0;
        for (int j = 0; j < across; ++j) inked += at(i, j) > inkLevel;
        covered[size_t(i)] = inked >= 0.7 * across;
    }
    const int maxThickness = std::max(1, std::min(4, int(std::ceil(0.03 * along))));
    std::vector<std::pair<int, int>> bands;  // [first, last]
    for (int i = 0; i < along;) {
        if (!covered[size_t(i)]) {
            ++i;
            continue;
        }
        int j = i;
        while (j + 1 < along && covered[size_t(j + 1)]) ++j;
        if (j - i + 1 <= maxThickness) bands.emplace_back(i, j);
        i = j + 1;
    }
    if (bands.size() < 3) return 0;  // two could be the sides of a tall thin 0, cropped tight
    for (auto [first, last] : bands) {
        const int before = first - 1, after = last + 1;
        for (int j = 0; j < across; ++j) {
            const float a = before >= 0 ? at(before, j) : 0.f, b = after < along ? at(after, j) : 0.f;
            const float fill = before < 0 ? b : after >= along ? a : std::min(a, b);
            for (int i = first; i <= last; ++i) at(i, j) = fill;
        }
    }
    return int(bands.size());
}

// 3. Level the background: subtract a plane fitted to the paper (uneven lighting of a
//    photographed page), take out ruled lines, then stretch so the ink reaches 1 and the paper's
//    noise 0.
PreprocessStage levelBackground(const GrayImage& gray, const Polarity& polarity)
{
    const int w = gray.width, h = gray.height;
    const std::vector<std::pair<int, int>> paper = paperPixels(gray, polarity);
    const std::array<double, 3> coef = fitPlane(gray, paper, polarity.inverted ? 1.0 - polarity.paperLevel : polarity.paperLevel);
    GrayImage level(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const double plane = coef[0] + coef[1] * (double(x) / w - 0.5) + coef[2] * (double(y) / h - 0.5);
            level.at(x, y) = float(gray.at(x, y) - plane);
        }
    const double noise = paperNoise(level, gray, paper, polarity);
    // Ink is what stands out of the paper's noise; never above half of Otsu's split, which the
    // strong ink passes by definition (where little paper is left, its noise is poorly known).
    const double floorLevel = std::min(3.0 * noise + 0.03, 0.5 * (polarity.threshold - coef[0]));
    const int lines = removeRuledLines(level, floorLevel + 0.05, false) + removeRuledLines(level, floorLevel + 0.05, true);
    std::vector<float> ink;
    for (float v : level.gray)
        if (v > floorLevel + 0.05) ink.push_back(v);
    if (ink.size() < 10)
        throw PreprocessError("no ink found: the image looks blank (no stroke stands out of the paper by more than " +
                              fmt(floorLevel + 0.05) + ")");
    std::sort(ink.begin(), ink.end());
    const double top = ink[size_t(double(ink.size() - 1) * 0.9)];  // strong ink, robust to hot pixels
    // Strokes stand out by far more than the picture's pixel-to-pixel noise; a blank, noisy page
    // split in two by Otsu's threshold does not (its "ink" is the noise's upper tail). The noise
    // here is the whole picture's median neighbouring difference: flat paper and solid strokes
    // make most of any real picture, so edges and halos hardly move it.
    // Along rows and along columns, the smaller: a narrow crop of a 1 is all edges across, few along.
    std::vector<float> across, along;
    across.reserve(gray.gray.size());
    along.reserve(gray.gray.size());
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            if (x + 1 < w) across.push_back(std::abs(gray.at(x + 1, y) - gray.at(x, y)));
            if (y + 1 < h) along.push_back(std::abs(gray.at(x, y + 1) - gray.at(x, y)));
        }
    const double pictureNoise = std::min(median(across), median(along)) * 1.4826 / std::sqrt(2.0);
    if (top - floorLevel < std::max(0.08, 6.0 * pictureNoise))
        throw PreprocessError("no ink found: the contrast between strokes and paper is only " + fmt(top - floorLevel) +
                              (top - floorLevel >= 0.08 ? ", within the picture's noise (" + fmt(pictureNoise, 3) + ")" : std::string()));
    for (float& v : level.gray) v = float(std::clamp((v - floorLevel) / (top - floorLevel), 0.0, 1.0));
    std::string note = "paper noise " + fmt(noise, 3) + ", ink level " + fmt(top);
    if (!polarity.borderIsPaper) note += ", light fitted to the paper inside (ink reaches the border)";
    if (lines > 0) note += ", " + std::to_string(lines) + " ruled lines taken out";
    return {"levelled", note, level};
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

// 4. Crop to the digit: the largest ink component and the components near it (a 5's detached
//    bar, a broken pen stroke), grown until no other component comes within 15% of the box's
//    longer side (5% for pieces under a tenth of the largest). Specks (under 2% of the largest) and marks further away are left out; a
//    second digit beside the first is one of those: the largest is taken and the note says so.
PreprocessStage cropToInk(const GrayImage& level, float inkThreshold, bool& severalDigits)
{
    const int w = level.width;
    const Components c = inkComponents(level, inkThreshold);
    if (c.sizes.empty()) throw PreprocessError("no ink found: nothing is darker than the paper");
    struct Box {
        int x0 = INT_MAX, y0 = INT_MAX, x1 = -1, y1 = -1;
        void add(int x, int y) { x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y); }
    };
    std::vector<Box> boxes(c.sizes.size());
    for (size_t i = 0; i < level.gray.size(); ++i)
        if (c.of[i] >= 0) boxes[size_t(c.of[i])].add(int(i % size_t(w)), int(i / size_t(w)));
    const size_t largestId = size_t(std::max_element(c.sizes.begin(), c.sizes.end()) - c.sizes.begin());
    const double largest = double(c.sizes[largestId]);
    std::vector<char> kept(c.sizes.size(), 0);
    kept[largestId] = 1;
    Box box = boxes[largestId];
    for (bool grew = true; grew;) {
        grew = false;
        const int side = std::max(box.x1 - box.x0 + 1, box.y1 - box.y0 + 1);
        for (size_t id = 0; id < boxes.size(); ++id) {
            if (kept[id] || double(c.sizes[id]) < 0.02 * largest) continue;
            // A small piece joins only when it nearly touches (a dash or a dot near the digit is
            // more often a mark than part of it).
            const int margin = int(std::ceil((double(c.sizes[id]) >= 0.1 * largest ? 0.15 : 0.05) * side));
            const Box& b = boxes[id];
            if (b.x1 < box.x0 - margin || b.x0 > box.x1 + margin || b.y1 < box.y0 - margin || b.y0 > box.y1 + margin) continue;
            kept[id] = 1;
            box.add(b.x0, b.y0), box.add(b.x1, b.y1);
            grew = true;
        }
    }
    // What was left out: specks, marks, and pieces as tall as a third of the digit (digits).
    size_t speckPixels = 0, marks = 0, digitLike = 0;
    for (size_t id = 0; id < boxes.size(); ++id) {
        if (kept[id]) continue;
        if (double(c.sizes[id]) < 0.02 * largest) {
            speckPixels += c.sizes[id];
        } else {
            ++marks;
            digitLike += 3 * (boxes[id].y1 - boxes[id].y0 + 1) >= box.y1 - box.y0 + 1;
        }
    }
    // Faint pixels next to kept ink (anti-aliased edges) stay; what was left out goes.
    GrayImage cropped(box.x1 - box.x0 + 1, box.y1 - box.y0 + 1);
    for (int y = box.y0; y <= box.y1; ++y)
        for (int x = box.x0; x <= box.x1; ++x) {
            const size_t i = size_t(y) * size_t(w) + size_t(x);
            cropped.at(x - box.x0, y - box.y0) = c.of[i] >= 0 && !kept[size_t(c.of[i])] ? 0.f : level.gray[i];
        }
    std::string note = "ink box " + std::to_string(cropped.width) + "x" + std::to_string(cropped.height) + " at (" +
                       std::to_string(box.x0) + ", " + std::to_string(box.y0) + ")";
    severalDigits = digitLike > 0;
    if (digitLike)
        note += ", several digits or marks: the largest taken, " + std::to_string(marks) + " left out";
    else if (marks)
        note += ", " + std::to_string(marks) + (marks == 1 ? " mark" : " marks") + " away from the digit left out";
    if (speckPixels) note += ", " + std::to_string(speckPixels) + " speck pixels dropped";
    return {"cropped", note, cropped};
}

// 5. Longest side to boxSize, aspect ratio kept, area averaging (MNIST's anti-aliasing).
PreprocessStage scaleToBox(const GrayImage& cropped, int boxSize)
{
    // The shorter side keeps its fractional length (13.45 px is 13 whole columns and a 0.45
    // coverage one), as MNIST's anti-aliased normalisation did: rounding it to 13 or 14 columns
    // changed the digit with a pixel of the photo's size.
    const int longest = std::max(cropped.width, cropped.height);
    const double ew = std::max(1.0, double(cropped.width) * boxSize / longest);
    const double eh = std::max(1.0, double(cropped.height) * boxSize / longest);
    const GrayImage scaled = resampleOnto(cropped, ew, eh);
    return {"scaled", fmt(ew, 1) + "x" + fmt(eh, 1), scaled};
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

// Gray and alpha each area-averaged to w x h.
GrayImage reduced(const GrayImage& picture, int w, int h)
{
    GrayImage out = resampleArea(picture, w, h);
    if (!picture.alpha.empty()) {
        GrayImage alpha(picture.width, picture.height);
        alpha.gray = picture.alpha;
        out.alpha = resampleArea(alpha, w, h).gray;
    }
    return out;
}

}  // namespace

PreprocessResult preprocessDigit(const GrayImage& picture, const PreprocessOptions& o)
{
    // A tight crop of a 1 is narrow: the longer side decides, the shorter needs two pixels.
    if (picture.empty() || std::max(picture.width, picture.height) < o.minSide || std::min(picture.width, picture.height) < 2)
        throw PreprocessError("the image is " + std::to_string(std::max(picture.width, 0)) + "x" +
                              std::to_string(std::max(picture.height, 0)) + " pixels; a digit needs at least " + std::to_string(o.minSide) +
                              " pixels along its longer side and 2 across");
    if (picture.gray.size() != size_t(picture.width) * size_t(picture.height) ||
        (!picture.alpha.empty() && picture.alpha.size() != picture.gray.size()))
        throw PreprocessError("the image data does not match its size");
    PreprocessResult result;
    Polarity polarity;
    auto& stages = result.stages;
    const int longer = std::max(picture.width, picture.height);
    if (o.workingSide > 0 && longer > o.workingSide) {
        const int w = std::max(1, int(std::lround(double(picture.width) * o.workingSide / longer)));
        const int h = std::max(1, int(std::lround(double(picture.height) * o.workingSide / longer)));
        stages.push_back(toGrayscale(reduced(picture, w, h)));
        stages.back().note += ", reduced from " + std::to_string(picture.width) + "x" + std::to_string(picture.height);
    } else {
        stages.push_back(toGrayscale(picture));
    }
    stages.push_back(toLightInkOnDark(stages.back().image, polarity));
    stages.push_back(levelBackground(stages.back().image, polarity));
    stages.push_back(cropToInk(stages.back().image, o.inkThreshold, result.severalDigits));
    stages.push_back(scaleToBox(stages.back().image, o.boxSize));
    stages.push_back(centreInField(stages.back().image, o.fieldSize));
    result.inverted = polarity.inverted;
    result.digit = stages.back().image;
    return result;
}

}  // namespace latent
