// SHA-256 (io/Sha256, torch-free), which checks the MNIST download against its pinned digests.
#ifndef Q_MOC_RUN  // moc reads the test class alone (its includes cost ~2 s a test)
#include "io/Sha256.h"

#include <QtTest>

#include <algorithm>
#endif

using namespace latent;

class TestSha256 : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sha256MatchesTheStandardVectors()
    {
        // FIPS 180-4 examples, and a million 'a's through many updates of odd sizes.
        QCOMPARE(Sha256::ofBytes(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(Sha256::ofBytes("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(Sha256::ofBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        Sha256 h;
        const std::string chunk(997, 'a');
        size_t left = 1000000;
        while (left > 0) {
            const size_t n = std::min(left, chunk.size());
            h.update(chunk.data(), n);
            left -= n;
        }
        QCOMPARE(Sha256::hex(h.finish()), std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }
};

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"
