// libFuzzer target: IdxReader on any bytes, plain or gzip (detected by content). A bad file must
// end in IdxError; a good one in an array whose size is what its header says.
#include "MemoryFile.h"
#include "data/IdxReader.h"

#include <functional>
#include <numeric>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static MemoryFile file;
    try {
        const latent::IdxArray a = latent::IdxReader::read(file.write(data, size));
        const int64_t n = std::accumulate(a.dims.begin(), a.dims.end(), int64_t(1), std::multiplies<int64_t>());
        if (a.data.numel() != n) std::abort();
    } catch (const latent::IdxError&) {
    }
    return 0;
}
