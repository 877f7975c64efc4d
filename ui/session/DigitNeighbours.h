#pragma once
// No torch headers: widgets include this.
#include <vector>

class DigitDataset;
struct LatentCodes;

// A clicked test digit's nearest test digits, in the model's code space (every latent dim, not
// only the plotted two) and in pixel space, nearest first. Computed on a background job.
struct DigitNeighbours {
    int index = -1;  // the digit they are neighbours of
    std::vector<int> codeSpace, pixelSpace;

    // codes may be null (no model): then only the pixel-space list.
    static DigitNeighbours find(const DigitDataset& data, const LatentCodes* codes, int index, int k = 8);
};
