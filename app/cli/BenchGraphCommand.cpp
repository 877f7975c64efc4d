#include "CliSupport.h"
#include "Commands.h"
#include "JsonWriter.h"
#include "analysis/NeighbourGraph.h"
#include "data/DatasetLocator.h"

#include "runtime/TorchHeaders.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>

using namespace latent;
using namespace cli;

namespace {

double secondsSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

double peakMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

// `count` uint8 images made from the training digits: digit i % N shifted by up to 3 pixels each
// way and its ink scaled by 0.5-1, so that a million of them are (nearly all) different images
// with neighbours like real digits have.
torch::Tensor generatedImages(const ImageDataset& digits, int64_t count, uint64_t seed)
{
    torch::manual_seed(seed);
    const int64_t side = digits.images.size(1);
    torch::Tensor out = torch::empty({count, side, side}, torch::kUInt8);
    constexpr int64_t kChunk = 50000;
    for (int64_t first = 0; first < count; first += kChunk) {
        const int64_t len = std::min(kChunk, count - first);
        const torch::Tensor source = digits.images.index_select(0, torch::arange(first, first + len).remainder(digits.size()));
        const torch::Tensor padded = torch::constant_pad_nd(source, {3, 3, 3, 3});
        const torch::Tensor shift = torch::randint(0, 7, {len, 2}, torch::kLong);
        const torch::Tensor ink = torch::rand({len, 1, 1}) * 0.5 + 0.5;
        // Gather each image's window: row r, column c of the output reads padded[r + dy][c + dx].
        const torch::Tensor r = torch::arange(side).view({1, side, 1}) + shift.select(1, 0).view({len, 1, 1});
        const torch::Tensor c = torch::arange(side).view({1, 1, side}) + shift.select(1, 1).view({len, 1, 1});
        const torch::Tensor flat = (r * (side + 6) + c).view({len, -1});
        const torch::Tensor window = padded.view({len, -1}).gather(1, flat).view({len, side, side});
        out.narrow(0, first, len).copy_((window.to(torch::kFloat32) * ink).round().to(torch::kUInt8));
    }
    return out;
}

// The share of the true k neighbours (every pixel distance of `sample` rows) the graph found.
double recallOnSample(const torch::Tensor& images, const NeighbourList& graph, int64_t sample, uint64_t seed)
{
    torch::manual_seed(seed + 1);
    const int64_t n = images.size(0), k = graph.indices.size(1);
    const torch::Tensor rows = torch::randperm(n).narrow(0, 0, std::min(sample, n));
    const torch::Tensor queries = images.index_select(0, rows).reshape({rows.size(0), -1}).to(torch::kFloat32).div(255.0);
    const torch::Tensor qn = queries.square().sum(1, true);
    torch::Tensor bestD = torch::full({rows.size(0), k + 1}, INFINITY), bestI = torch::zeros({rows.size(0), k + 1}, torch::kLong);
    constexpr int64_t kChunk = 32768;
    for (int64_t first = 0; first < n; first += kChunk) {
        const int64_t len = std::min(kChunk, n - first);
        const torch::Tensor x = images.narrow(0, first, len).reshape({len, -1}).to(torch::kFloat32).div(255.0);
        const torch::Tensor d = torch::addmm(x.square().sum(1).unsqueeze(0), queries, x.t(), 1.0, -2.0) + qn;
        auto [v, i] = torch::cat({bestD, d}, 1).topk(k + 1, 1, false);
        bestI = torch::cat({bestI, torch::arange(first, first + len).expand({rows.size(0), len})}, 1).gather(1, i);
        bestD = v;
    }
    int64_t hits = 0;
    const torch::Tensor found = graph.indices.index_select(0, rows);
    for (int64_t q = 0; q < rows.size(0); ++q) {
        const int64_t self = rows[q].item<int64_t>();
        const torch::Tensor truth = bestI[q].masked_select(bestI[q] != self).narrow(0, 0, k);
        hits += torch::isin(truth, found[q]).sum().item<int64_t>();
    }
    return double(hits) / double(rows.size(0) * k);
}

}  // namespace

int cmdBenchGraph(const CommandArgs& args)
{
    ArgParser p("bench-graph", "Time the separated map's neighbour graph on generated images: each training digit shifted by up\n"
                               "to 3 pixels and its ink scaled, as many as --images. Prints the search's time, the peak memory and\n"
                               "the recall of the true neighbours (every pixel distance) on a sample of images.");
    p.option("images", "N", "generated images", "1000000")
        .option("neighbours", "N", "neighbours per image", "15")
        .option("sample", "N", "images whose true neighbours are checked", "500")
        .option("data", "NAME|DIR", "the digits the images are made from", "mnist")
        .option("seed", "N", "random seed", "0")
        .flag("json", "print one JSON object on stdout");
    if (!parseWithThreads(p, args)) return 0;
    const int64_t count = p.integer("images", 100, 100000000);
    const auto seed = uint64_t(p.integer("seed", 0, 2147483647));
    const DatasetSplits data = DatasetLocator::load(p.str("data"));
    auto start = std::chrono::steady_clock::now();
    const torch::Tensor images = generatedImages(data.train, count, seed);
    const double made = secondsSince(start);
    NeighbourSearchOptions o;
    o.neighbours = p.integer("neighbours", 2, 200);
    const bool approximate = count > o.exactLimit;
    std::fprintf(stderr, "%lld images made in %.1f s; searching (%s)\n", (long long)count, made,
                 approximate ? "approximate index" : "exact");
    start = std::chrono::steady_clock::now();
    int lastPercent = -10;
    const NeighbourList graph = nearestNeighbours(images, o, [&](double f) {
        if (int(f * 100) >= lastPercent + 10)
            std::fprintf(stderr, "  neighbours: %d %% (%.0f s)\n", lastPercent = int(f * 100), secondsSince(start));
        return true;
    });
    const double searched = secondsSince(start);
    start = std::chrono::steady_clock::now();
    const FuzzyGraph fuzzy = fuzzyGraph(graph);
    const double fuzzySeconds = secondsSince(start);
    const double peak = peakMegabytes();
    const double recall = recallOnSample(images, graph, p.integer("sample", 1, 100000), seed);
    if (p.isSet("json")) {
        JsonWriter j;
        j.add("images", count)
            .add("neighbours", int64_t(o.neighbours))
            .add("method", approximate ? "hnsw" : "exact")
            .add("search_seconds", searched)
            .add("fuzzy_seconds", fuzzySeconds)
            .add("edges", fuzzy.edges())
            .add("peak_rss_mb", peak)
            .add("recall", recall);
        std::cout << j.str() << std::endl;
    } else {
        std::printf("%lld images, %d neighbours (%s): search %.1f s, fuzzy graph %.1f s (%lld edges), peak memory %.0f MB, recall %.4f\n",
                    (long long)count, o.neighbours, approximate ? "hnsw" : "exact", searched, fuzzySeconds, (long long)fuzzy.edges(), peak,
                    recall);
    }
    return 0;
}
