#pragma once
#include "image/GrayImage.h"

namespace latent {

// What a user would get without the preprocessing, as a baseline for it: the whole picture in
// grayscale (alpha composited on white), inverted when it is mostly light, resized to
// side x side by area averaging (aspect ratio not kept) and stretched to [0, 1].
GrayImage naiveDigit(const GrayImage& picture, int side = 28);

// Pearson correlation of two images of the same size, the best over shifts of b by up to
// maxShift pixels each way (pixels shifted in are 0). 0 when either image is flat.
double bestShiftedCorrelation(const GrayImage& a, const GrayImage& b, int maxShift = 2);

}  // namespace latent
