#pragma once
#include <string>
#include <vector>

namespace latent {

// A decoded picture as the preprocessing sees it: luminance and (optional) alpha in [0, 1],
// row-major. The GUI and the CLI decode files with Qt and hand them over in this form, so the
// core stays free of image libraries.
struct GrayImage {
    int width = 0, height = 0;
    std::vector<float> gray;   // width * height
    std::vector<float> alpha;  // empty when opaque

    GrayImage() = default;
    GrayImage(int w, int h, float fill = 0.f) : width(w), height(h), gray(size_t(w) * size_t(h), fill) {}
    bool empty() const { return width <= 0 || height <= 0; }
    float at(int x, int y) const { return gray[size_t(y) * size_t(width) + size_t(x)]; }
    float& at(int x, int y) { return gray[size_t(y) * size_t(width) + size_t(x)]; }
};

}  // namespace latent
