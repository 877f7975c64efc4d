// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "persistence/Checkpoint.h"
#include "models/ModelFactory.h"
#include "TestData.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>
#endif

using namespace latent;

class TestCheckpoint : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    std::string path(const char* name) { return dir.filePath(name).toStdString(); }
    static ModelSpec vaeSpec()
    {
        ModelSpec s;
        s.kind = ModelKind::Vae;
        s.latentDim = 3;
        s.dataset = "mnist";
        s.epochsDone = 7;
        s.hyperParameters["lr"] = "0.001";
        s.metrics["test_total"] = 150.25;
        return s;
    }
    void expectRejected(const std::string& file, const QString& what, std::optional<ModelKind> kind = std::nullopt)
    {
        try {
            Checkpoint::load(file, kind);
            QFAIL("accepted a bad checkpoint");
        } catch (const CheckpointError& e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains(QString::fromStdString(file)), qPrintable(msg));
            QVERIFY2(msg.contains(what), qPrintable(msg + " (expected: " + what + ")"));
        }
    }

    // Zip surgery on a saved checkpoint, to make the files fuzzing found: LibTorch's reader leaked,
    // allocated gigabytes or crashed on each.
    static QByteArray readAll(const std::string& file)
    {
        QFile f(QString::fromStdString(file));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    void writeAll(const std::string& file, const QByteArray& bytes)
    {
        QFile f(QString::fromStdString(file));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    static uint32_t le16(const QByteArray& b, qsizetype at) { return uint8_t(b[at]) | uint32_t(uint8_t(b[at + 1])) << 8; }
    static void putLe32(QByteArray& b, qsizetype at, uint32_t v)
    {
        for (int k = 0; k < 4; ++k) b[at + k] = char((v >> (8 * k)) & 0xFF);
    }
    // Offset of a record's data (its local header found by signature and name), or -1.
    static qsizetype recordData(const QByteArray& b, const QByteArray& name)
    {
        const QByteArray local = QByteArray("PK\x03\x04", 4);
        for (qsizetype at = b.indexOf(local); at >= 0; at = b.indexOf(local, at + 1))
            if (b.mid(at + 30, le16(b, at + 26)) == name) return at + 30 + le16(b, at + 26) + le16(b, at + 28);
        return -1;
    }
    // Replaces a stored record's bytes (same length) and fixes its CRC in the central directory
    // (LibTorch writes data descriptors: the local header has none), so that only what the bytes
    // say is wrong.
    static void rewriteStored(QByteArray& b, const QByteArray& name, qsizetype offset, const QByteArray& bytes)
    {
        const qsizetype data = recordData(b, name);
        QVERIFY(data >= 0);
        b.replace(data + offset, bytes.size(), bytes);
        const QByteArray central = QByteArray("PK\x01\x02", 4);
        int fixed = 0;
        for (qsizetype at = b.indexOf(central); at >= 0; at = b.indexOf(central, at + 1))
            if (b.mid(at + 46, le16(b, at + 28)) == name) {
                const uint32_t size = le16(b, at + 20) | le16(b, at + 22) << 16;
                putLe32(b, at + 16, uint32_t(crc32(0L, reinterpret_cast<const Bytef*>(b.constData() + data), uInt(size))));
                ++fixed;
            }
        QCOMPARE(fixed, 1);
    }

private Q_SLOTS:
    void roundTripKeepsSpecAndOutputs_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("arch");
        QTest::newRow("vae mlp") << int(ModelKind::Vae) << int(Arch::Mlp);
        QTest::newRow("vae conv") << int(ModelKind::Vae) << int(Arch::Conv);
        QTest::newRow("dae") << int(ModelKind::Dae) << int(Arch::Conv);
        QTest::newRow("sr") << int(ModelKind::Sr) << int(Arch::Conv);
    }
    void roundTripKeepsSpecAndOutputs()
    {
        QFETCH(int, kind);
        QFETCH(int, arch);
        ModelSpec spec = vaeSpec();
        spec.kind = ModelKind(kind);
        spec.arch = Arch(arch);
        spec.noiseStd = 0.3;
        torch::manual_seed(1);
        Autoencoder m = makeModel(spec);
        m->eval();
        const std::string file = path("model.pt");
        Checkpoint::save(file, spec, *m);
        QVERIFY(!QFile::exists(QString::fromStdString(file + ".tmp")));
        testdata::keepAsFuzzSeed("checkpoint", file, QString(QTest::currentDataTag()).replace(' ', '-').toStdString() + ".pt");

        const ModelCheckpoint back = Checkpoint::load(file);
        QCOMPARE(back.spec.toText(), spec.toText());
        QCOMPARE(back.spec.metrics.at("test_total"), 150.25);
        const int side = spec.inputSize();
        const torch::Tensor x = torch::rand({4, 1, side, side});
        torch::NoGradGuard g;
        QVERIFY(torch::allclose(back.model->reconstructMean(x, noLabels()), m->reconstructMean(x, noLabels())));
    }
    // The loss curve and the map's snapshots come back as saved; a file without them (latent-cli's,
    // an older one) opens with none; snapshots that do not fit their digits are refused.
    void historyRoundTripsAndIsOptional()
    {
        const ModelSpec spec = vaeSpec();
        Autoencoder m = makeModel(spec);
        TrainingHistory h;
        h.losses = {{false, 1, 10, 180.5, 175.25, 5.25, 0, 0}, {true, 1, 469, 160.125, 155, 5.125, 0, 0}};
        h.digits = TrainingHistory::spreadDigits(5);
        h.dim = 2;
        for (double e : {0.25, 1.0, 2.0}) {
            TrainingHistory::MapSnapshot snap{e, {}};
            for (size_t i = 0; i < h.digits.size() * 2; ++i) snap.codes.push_back(float(e * 10 + double(i)));
            h.snapshots.push_back(snap);
        }
        const std::string file = path("history.pt");
        Checkpoint::save(file, spec, *m, {}, h);
        const TrainingHistory back = Checkpoint::load(file).history;
        QCOMPARE(back.losses.size(), size_t(2));
        QCOMPARE(back.losses[1].test, true);
        QCOMPARE(back.losses[1].step, 469.0);
        QCOMPARE(back.losses[0].kl, 5.25);
        QCOMPARE(back.digits, std::vector<int32_t>({0, 1, 2, 3, 4}));
        QCOMPARE(back.dim, 2);
        QCOMPARE(back.snapshots.size(), size_t(3));
        QCOMPARE(back.snapshots[0].epoch, 0.25);
        QCOMPARE(back.snapshots[2].codes, h.snapshots[2].codes);

        Checkpoint::save(file, spec, *m);
        QVERIFY(Checkpoint::load(file).history.empty());
        h.snapshots[1].codes.pop_back();
        QVERIFY_THROWS_EXCEPTION(CheckpointError, Checkpoint::save(file, spec, *m, {}, h));
        QCOMPARE(TrainingHistory::spreadDigits(10000).size(), size_t(TrainingHistory::kDigits));
        QCOMPARE(TrainingHistory::spreadDigits(10000).back(), 9995);
    }

    void saveReplacesAtomically()
    {
        const std::string file = path("replace.pt");
        Autoencoder m = makeModel(vaeSpec());
        Checkpoint::save(file, vaeSpec(), *m);
        ModelSpec later = vaeSpec();
        later.epochsDone = 8;
        Checkpoint::save(file, later, *m);
        QCOMPARE(Checkpoint::load(file).spec.epochsDone, 8);
        // An unwritable target fails with a message and leaves the old file alone.
        QVERIFY_THROWS_EXCEPTION(CheckpointError, Checkpoint::save(path("no/such/folder/x.pt"), later, *m));
        QCOMPARE(Checkpoint::load(file).spec.epochsDone, 8);
    }
    void rejectsMissingAndNonCheckpointFiles()
    {
        expectRejected(path("absent.pt"), "no such file");
        QFile f(dir.filePath("text.pt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a model\n");
        f.close();
        expectRejected(path("text.pt"), "not a Latent Explorer checkpoint");
        expectRejected(dir.path().toStdString(), "folder");
        // A LibTorch archive without our tag (someone's torch::save of a plain module).
        torch::serialize::OutputArchive other;
        other.write("weight", torch::ones({2}));
        other.save_to(path("foreign.pt"));
        expectRejected(path("foreign.pt"), "not a Latent Explorer checkpoint");
        testdata::keepAsFuzzSeed("checkpoint", path("foreign.pt"));
    }
    void rejectsTruncatedFile()
    {
        const std::string file = path("full.pt");
        Checkpoint::save(file, vaeSpec(), *makeModel(vaeSpec()));
        QFile f(QString::fromStdString(file));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        for (double share : {0.5, 0.9}) {
            QFile cut(dir.filePath("cut.pt"));
            QVERIFY(cut.open(QIODevice::WriteOnly));
            cut.write(bytes.left(int(bytes.size() * share)));
            cut.close();
            testdata::keepAsFuzzSeed("checkpoint", path("cut.pt"), "cut-" + std::to_string(int(share * 10)) + ".pt");
            expectRejected(path("cut.pt"), "checkpoint");
        }
    }
    void rejectsAnotherKindWhenOneIsExpected()
    {
        const std::string file = path("vae.pt");
        Checkpoint::save(file, vaeSpec(), *makeModel(vaeSpec()));
        expectRejected(file, "'vae' model, but a 'dae' model is needed", ModelKind::Dae);
        QCOMPARE(int(Checkpoint::load(file, ModelKind::Vae).spec.kind), int(ModelKind::Vae));
    }
    void loadIntoRefusesAnotherModelAndLeavesWeightsAlone()
    {
        const std::string file = path("three.pt");
        Checkpoint::save(file, vaeSpec(), *makeModel(vaeSpec()));
        ModelSpec two = vaeSpec();
        two.latentDim = 2;
        Autoencoder target = makeModel(two);
        const torch::Tensor before = target->parameters()[0].clone();
        QVERIFY_THROWS_EXCEPTION(CheckpointError, Checkpoint::loadInto(file, two, *target));
        QVERIFY(torch::equal(before, target->parameters()[0]));
    }
    void rejectsWeightsOfTheWrongShape()
    {
        // A spec that claims latent 2 over weights of latent 3: names match, shapes do not.
        ModelSpec three = vaeSpec();
        Autoencoder m = makeModel(three);
        torch::serialize::OutputArchive a;
        ModelSpec lie = three;
        lie.latentDim = 2;
        a.write("format", c10::IValue(std::string(Checkpoint::kFormat)));
        a.write("spec", c10::IValue(lie.toText()));
        for (const auto& p : m->named_parameters()) a.write("param/" + p.key(), p.value().detach());
        a.save_to(path("lie.pt"));
        expectRejected(path("lie.pt"), "holds another model");
        testdata::keepAsFuzzSeed("checkpoint", path("lie.pt"));
    }
    void archivesLibTorchCannotReadSafelyAreRefusedFirst()
    {
        // Each case is a file fuzzing found (scripts/fuzz.sh checkpoint), remade by hand.
        const std::string file = path("good.pt");
        Checkpoint::save(file, vaeSpec(), *makeModel(vaeSpec()));
        const QByteArray good = readAll(file);
        QVERIFY(recordData(good, "archive/version") >= 0);

        // The version record is not a number (LibTorch's reader leaked its zip state).
        QByteArray bytes = good;
        rewriteStored(bytes, "archive/version", 0, "x");
        writeAll(path("version.pt"), bytes);
        expectRejected(path("version.pt"), "version record");

        // The version record marked as a folder (the zip reader then reads nothing into LibTorch's
        // buffer, and LibTorch's reader leaked on what it found there).
        bytes = good;
        {
            const QByteArray central = QByteArray("PK\x01\x02", 4);
            for (qsizetype at = bytes.indexOf(central); at >= 0; at = bytes.indexOf(central, at + 1))
                if (bytes.mid(at + 46, le16(bytes, at + 28)) == "archive/version") putLe32(bytes, at + 38, 0xFBFFFFFF);
        }
        writeAll(path("folder.pt"), bytes);
        expectRejected(path("folder.pt"), "folder entry");

        // A pickle string that claims 2.5 GB (LibTorch allocated it before reading).
        bytes = good;
        const qsizetype pkl = recordData(bytes, "archive/data.pkl");
        QVERIFY(pkl >= 0);
        const qsizetype op = bytes.indexOf('X', pkl + 2);  // BINUNICODE, 4-byte length
        QVERIFY(op > pkl);
        rewriteStored(bytes, "archive/data.pkl", op + 1 - pkl, QByteArray("\x00\x00\x00\xA0", 4));
        writeAll(path("pickle.pt"), bytes);
        expectRejected(path("pickle.pt"), "pickle whose data runs past its end");
        // An opcode no pickle protocol has, where that opcode stood.
        bytes = good;
        rewriteStored(bytes, "archive/data.pkl", op - pkl, QByteArray("\xff", 1));
        writeAll(path("opcode.pt"), bytes);
        expectRejected(path("opcode.pt"), "pickle with an unknown opcode");

        // Damaged code (LibTorch's TorchScript compiler crashed): a changed compressed byte ...
        bytes = good;
        const qsizetype code = recordData(bytes, "archive/code/__torch__.py");
        QVERIFY(code >= 0);
        bytes[code + 20] = char(bytes[code + 20] ^ 0x5A);
        writeAll(path("code.pt"), bytes);
        expectRejected(path("code.pt"), "damaged record (archive/code/__torch__.py)");
        // ... and code that is more than a plain archive of values: a nested module.
        torch::serialize::OutputArchive outer, inner;
        inner.write("weight", torch::ones({2}));
        outer.write("format", c10::IValue(std::string(Checkpoint::kFormat)));
        outer.write("inner", inner);
        outer.save_to(path("nested.pt"));
        expectRejected(path("nested.pt"), "TorchScript code");

        // The untouched file still loads.
        QCOMPARE(Checkpoint::load(file).spec.latentDim, 3);
    }

    void specTextRejectsGarbage()
    {
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, ModelSpec::fromText("kind=zebra\n"));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, ModelSpec::fromText("latent_dim=2\n"));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, ModelSpec::fromText("kind=vae\nlatent_dim=two\n"));
        QCOMPARE(ModelSpec::fromText("kind=ae\nlatent_dim=0\nfuture_key=1\n").codeSize(), 128);
    }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
