#include "session/DigitNeighbours.h"

#include "analysis/NearestRows.h"
#include "data/ImageDataset.h"
#include "session/DigitDataset.h"
#include "session/LatentGrid.h"

namespace {
std::vector<int> indicesOf(const latent::NearestRows& rows)
{
    std::vector<int> out;
    for (const int64_t i : rows.index) out.push_back(int(i));
    return out;
}
}  // namespace

DigitNeighbours DigitNeighbours::find(const DigitDataset& data, const LatentCodes* codes, int index, int k)
{
    DigitNeighbours out;
    if (data.isEmpty() || index < 0 || index >= data.testCount()) return out;
    out.index = index;
    out.pixelSpace = indicesOf(latent::nearestRows(data.splits()->test.images, index, k));
    if (codes && index < codes->count && codes->dim > 0) {
        // The codes' own floats, not copied: read only, and alive for the call.
        const torch::Tensor z = torch::from_blob(const_cast<float*>(codes->mean.data()), {codes->count, codes->dim}, torch::kFloat);
        out.codeSpace = indicesOf(latent::nearestRows(z, index, k));
    }
    return out;
}
