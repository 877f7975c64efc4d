#pragma once
// One share of a test program's functions and data rows, so that CTest can run the shares of a long
// program side by side (latent_shard_test in tests/CMakeLists.txt). LATENT_TEST_SHARD="k/n" runs
// the rows k, k+n, k+2n, ... (1-based, in the order QtTest runs them); unset, every row runs.
// Call it from the test class's init(): QSKIP there skips the row.
#include <QByteArray>
#include <QtTest>

namespace testdata {

inline bool inThisShard()
{
    static int row = -1;
    ++row;
    const QByteArray spec = qgetenv("LATENT_TEST_SHARD");
    const int slash = spec.indexOf('/');
    if (slash < 0) return true;
    const int k = spec.left(slash).toInt(), n = spec.mid(slash + 1).toInt();
    if (n < 1 || k < 1 || k > n) qFatal("LATENT_TEST_SHARD must be k/n with 1 <= k <= n, not '%s'", spec.constData());
    return row % n == k - 1;
}

}  // namespace testdata

// In init(): the row runs only in its own share.
#define LATENT_SKIP_OTHER_SHARDS()                                                       \
    do {                                                                                 \
        if (!testdata::inThisShard()) QSKIP("run by another share (LATENT_TEST_SHARD)"); \
    } while (false)
