#pragma once
#include "image/GrayImage.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace latent {

// An image that cannot become a digit (blank, too small); what() says why in words for users.
class PreprocessError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct PreprocessOptions {
    int fieldSize = 28;          // output side (MNIST: 28)
    int boxSize = 20;            // the ink's longest side is scaled to this (MNIST: 20)
    int minSide = 8;             // pictures whose longer side is shorter are refused
    float inkThreshold = 0.25f;  // after levelling, what counts as ink for the bounding box
    // Pictures with a longer side above this are first reduced to it by area averaging: a digit
    // needs no 24 megapixels, and a phone photo at full size took seconds and a gigabyte.
    int workingSide = 1024;
};

// One step of the pipeline, kept so that the GUI can show each and the user can save any.
struct PreprocessStage {
    std::string name;  // "grayscale", "light ink on dark", "levelled", "cropped", "scaled", "centred"
    std::string note;  // what was decided ("inverted: the paper was light", ...)
    GrayImage image;
};

struct PreprocessResult {
    std::vector<PreprocessStage> stages;
    GrayImage digit;  // fieldSize x fieldSize, light ink on black, in [0, 1]
    bool inverted = false;
    bool severalDigits = false;  // another digit (or a mark as tall as a third of it) was left out
};

// Turns any picture of one digit into an MNIST-style digit the way MNIST was made: grayscale with
// alpha composited on the paper, dark-ink-on-light-paper detected (from the border) and inverted,
// background levelled (a smooth estimate of the paper subtracted, contrast stretched), cropped to
// the ink's bounding box, the longest side scaled to 20 px with area averaging keeping the aspect
// ratio (the shorter side at its fractional length, its last column partly covered, so that the
// digit does not jump with a pixel of the picture's size), and placed in 28 x 28 so that the
// centre of mass is at the centre.
// A picture larger than workingSide is reduced first (the first stage's note says from what size).
// Throws PreprocessError for a picture smaller than minSide or with no ink.
PreprocessResult preprocessDigit(const GrayImage& picture, const PreprocessOptions& options = {});

// Area-averaging resample to w x h (each output pixel is the mean of the input it covers).
GrayImage resampleArea(const GrayImage& image, int w, int h);

}  // namespace latent
