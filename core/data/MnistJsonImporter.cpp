#include "data/MnistJsonImporter.h"

#include "data/IdxWriter.h"

#include <torch/torch.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>

namespace latent {
namespace {

template <typename T>
void fisherYates(std::vector<T>& v, std::mt19937_64& rng)
{
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng() % i]);
}

void makeDirs(const std::string& path)
{
    std::string cur;
    std::stringstream ss(path);
    std::string part;
    if (!path.empty() && path[0] == '/') cur = "/";
    while (std::getline(ss, part, '/')) {
        if (part.empty()) continue;
        cur += part + "/";
        ::mkdir(cur.c_str(), 0755);
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw std::runtime_error(path + ": cannot create folder");
}

}  // namespace

std::vector<uint8_t> MnistJsonImporter::readDigitFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot open");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto key = text.find("\"data\"");
    const auto open = key == std::string::npos ? key : text.find('[', key);
    if (open == std::string::npos) throw std::runtime_error(path + ": no \"data\" array");
    std::vector<uint8_t> out;
    out.reserve(text.size() / 3);
    const char* p = text.c_str() + open + 1;
    for (;;) {
        while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t' || *p == ',') ++p;
        if (*p == ']') break;
        char* end = nullptr;
        const double v = std::strtod(p, &end);
        if (end == p || !std::isfinite(v) || v < 0.0 || v > 1.0)
            throw std::runtime_error(path + ": bad pixel value at byte " + std::to_string(p - text.c_str()));
        out.push_back(static_cast<uint8_t>(std::lround(v * 255.0)));
        p = end;
    }
    if (out.empty() || out.size() % 784 != 0)
        throw std::runtime_error(path + ": " + std::to_string(out.size()) + " values is not a whole number of 28x28 images");
    return out;
}

MnistJsonImporter::Result MnistJsonImporter::import(const std::string& digitsDir, const std::string& outDir,
                                                    int64_t testCount, uint64_t seed)
{
    std::vector<std::vector<uint8_t>> pixels(10);
    Result r;
    int64_t total = 0;
    for (int d = 0; d < 10; ++d) {
        pixels[d] = readDigitFile(digitsDir + "/" + std::to_string(d) + ".json");
        r.perDigit.push_back(int64_t(pixels[d].size() / 784));
        total += r.perDigit.back();
    }
    if (testCount <= 0 || testCount >= total) throw std::invalid_argument("test count must be between 1 and the image count");

    // Largest remainder: floor shares, then hand the leftover to the largest fractional parts.
    std::vector<int64_t> testPer(10);
    std::vector<std::pair<double, int>> remainders;
    int64_t assigned = 0;
    for (int d = 0; d < 10; ++d) {
        const double exact = double(testCount) * double(r.perDigit[d]) / double(total);
        testPer[d] = int64_t(std::floor(exact));
        assigned += testPer[d];
        remainders.push_back({exact - std::floor(exact), d});
    }
    std::stable_sort(remainders.begin(), remainders.end(), [](auto a, auto b) { return a.first > b.first; });
    for (int i = 0; assigned < testCount; ++i, ++assigned) testPer[remainders[i % 10].second]++;

    std::mt19937_64 rng(seed);
    std::vector<std::pair<int, int64_t>> train, test;  // (digit, index within digit)
    for (int d = 0; d < 10; ++d) {
        std::vector<int64_t> order(r.perDigit[d]);
        for (int64_t i = 0; i < r.perDigit[d]; ++i) order[i] = i;
        fisherYates(order, rng);
        for (int64_t i = 0; i < r.perDigit[d]; ++i) (i < testPer[d] ? test : train).push_back({d, order[i]});
    }
    fisherYates(train, rng);
    fisherYates(test, rng);

    makeDirs(outDir);
    auto write = [&](const std::vector<std::pair<int, int64_t>>& items, const std::string& split) {
        const int64_t n = int64_t(items.size());
        torch::Tensor images = torch::empty({n, 28, 28}, torch::kUInt8);
        torch::Tensor labels = torch::empty({n}, torch::kUInt8);
        auto* ip = images.data_ptr<uint8_t>();
        auto* lp = labels.data_ptr<uint8_t>();
        for (int64_t i = 0; i < n; ++i) {
            const auto [d, k] = items[i];
            std::copy_n(pixels[d].data() + k * 784, 784, ip + i * 784);
            lp[i] = uint8_t(d);
        }
        IdxWriter::write(outDir + "/" + split + "-images-idx3-ubyte", images);
        IdxWriter::write(outDir + "/" + split + "-labels-idx1-ubyte", labels);
    };
    write(train, "train");
    write(test, "t10k");
    r.trainCount = int64_t(train.size());
    r.testCount = int64_t(test.size());
    return r;
}

}  // namespace latent
