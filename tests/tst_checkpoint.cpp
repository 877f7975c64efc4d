#include "models/Checkpoint.h"
#include "models/ModelFactory.h"
#include "TestData.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

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

        const LoadedModel back = Checkpoint::load(file);
        QCOMPARE(back.spec.toText(), spec.toText());
        QCOMPARE(back.spec.metrics.at("test_total"), 150.25);
        const int side = spec.inputSize();
        const torch::Tensor x = torch::rand({4, 1, side, side});
        torch::NoGradGuard g;
        QVERIFY(torch::allclose(back.model->reconstructMean(x, noLabels()), m->reconstructMean(x, noLabels())));
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
