// TorchScript both ways: modules written in PyTorch open here and decode what PyTorch decodes;
// models trained here export to modules that PyTorch loads and that decode the same images.
// The PyTorch side is tests/core/torchscript/torchscript_fixture.py, run with Debian's python3-torch.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "analysis/Analysis.h"
#include "training/Evaluator.h"
#include "models/ModelFactory.h"
#include "persistence/TorchScriptModel.h"
#include "TestData.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#endif

using namespace latent;

class TestTorchScript : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    QProcess pyTorch;  // the fixture script in its serve mode: started once, asked for each check
    bool havePython = false;
    std::string path(const char* name) const { return dir.filePath(name).toStdString(); }

    // Reads the fixture's lines up to the one starting with `last` ("made", "done"); the lines
    // before it go to the test log and to `output`. True when that line says status 0.
    bool answer(const QString& last, QString* output = nullptr)
    {
        QStringList lines;
        for (;;) {
            while (!pyTorch.canReadLine())
                if (!pyTorch.waitForReadyRead(300000)) {
                    lines << pyTorch.readAll() << "(the PyTorch side stopped)";
                    if (output) *output = lines.join('\n');
                    return false;
                }
            const QString line = QString::fromUtf8(pyTorch.readLine()).trimmed();
            if (line.startsWith(last + ' ')) {
                qInfo().noquote() << lines.join('\n');
                if (output) *output = lines.join('\n');
                return line == last + " 0";
            }
            lines << line;
        }
    }
    bool check(const QStringList& files, QString* output)
    {
        pyTorch.write((files.join('\t') + '\n').toUtf8());
        return answer("done", output);
    }
    static torch::Tensor readFloats(const std::string& file, int64_t cols)
    {
        QFile f(QString::fromStdString(file));
        if (!f.open(QIODevice::ReadOnly)) return {};
        const QByteArray bytes = f.readAll();
        const int64_t n = bytes.size() / int64_t(sizeof(float));
        return torch::from_blob(const_cast<char*>(bytes.data()), {n / cols, cols}, torch::kFloat32).clone();
    }
    static void writeFloats(const std::string& file, const torch::Tensor& t)
    {
        const torch::Tensor c = t.to(torch::kFloat32).contiguous();
        QFile f(QString::fromStdString(file));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(reinterpret_cast<const char*>(c.data_ptr<float>()), qint64(c.numel() * sizeof(float)));
    }
    static double maxDiff(const torch::Tensor& a, const torch::Tensor& b)
    {
        return (a.reshape({a.size(0), -1}) - b.reshape({b.size(0), -1})).abs().max().item<double>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir.isValid());
        torch::set_num_threads(1);
        // Debian's python3-torch (scripts/bootstrap.sh installs it); without it there is no PyTorch side.
        if (QFile::exists(testdata::pathFromEnvironment("LATENT_PYTHON"))) {
            pyTorch.setProcessChannelMode(QProcess::MergedChannels);
            pyTorch.start(testdata::pathFromEnvironment("LATENT_PYTHON"),
                          {testdata::pathFromEnvironment("LATENT_FIXTURE"), "serve", dir.path()});
            havePython = pyTorch.waitForStarted() && answer("made");
        }
        if (!havePython) QSKIP("no python3 with torch (install python3-torch): the PyTorch side cannot run");
    }
    void cleanupTestCase()
    {
        if (pyTorch.state() == QProcess::NotRunning) return;
        pyTorch.closeWriteChannel();  // the fixture's loop ends with its input
        QVERIFY(pyTorch.waitForFinished(30000));
        QCOMPARE(pyTorch.exitCode(), 0);
    }

    void vaeWrittenInPyTorchDecodesAndEncodesAsInPyTorch()
    {
        const ModelCheckpoint m = loadModel(path("vae.ts"));
        QCOMPARE(int(m.spec.kind), int(ModelKind::Vae));  // encode returns (mean, logvar)
        QVERIFY(m.spec.isTorchScript());
        QVERIFY(m.spec.hasEncoder);
        QCOMPARE(m.spec.latentDim, 2);
        QVERIFY2(QString::fromStdString(m.spec.describe()).contains("vae.ts"), m.spec.describe().c_str());
        torch::NoGradGuard noGrad;
        const torch::Tensor z = readFloats(path("z.bin"), 2);
        const double decodeDiff = maxDiff(decodeImages(*m.model, z, noLabels()), readFloats(path("vae_decoded.bin"), 784));
        QVERIFY2(decodeDiff <= 1e-5, qPrintable(QString("decode differs from PyTorch's by %1").arg(decodeDiff)));
        const torch::Tensor x = readFloats(path("x.bin"), 784).view({-1, 1, 28, 28});
        const Encoding e = m.model->encode(x, noLabels());
        QVERIFY(e.logvar.defined());
        const double meanDiff = maxDiff(e.mean, readFloats(path("vae_mean.bin"), 2));
        QVERIFY2(meanDiff <= 1e-5, qPrintable(QString("encode differs from PyTorch's by %1").arg(meanDiff)));
        // The grid the window and latent-cli draw: 10x10 cells of 28 px, not blank.
        GridOptions g;
        g.n = 10;
        const torch::Tensor grid = decodeGrid(*m.model, 2, g);
        QCOMPARE(grid.size(0), int64_t(280));
        QVERIFY(grid.to(torch::kFloat32).std().item<double>() > 1.0);
    }

    void vaeWrittenInPyTorchIsScoredOnDigits()
    {
        const ModelCheckpoint m = loadModel(path("vae.ts"));
        DatasetSplits data;
        data.train = testdata::syntheticDigits(200, 1);
        data.test = testdata::syntheticDigits(100, 2);
        const Metrics metrics = Evaluator::evaluate(*m.model, m.spec, data);
        const auto figure = [&](const char* name) {
            for (const auto& [k, v] : metrics)
                if (k == name) return v;
            return std::nan("");
        };
        QVERIFY(std::isfinite(figure("neg_elbo")));
        QVERIFY(figure("neg_elbo") > 0);  // an untrained VAE's bound on made-up digits
        QVERIFY(figure("knn_latent") >= 0 && figure("knn_latent") <= 1);
    }

    void decoderAloneFindsItsLatentSizeAndStillDrawsTheGrid()
    {
        const ModelCheckpoint m = loadModel(path("decoder.ts"));
        QVERIFY(!m.spec.hasEncoder);
        QCOMPARE(m.spec.latentDim, 3);  // found by trying sizes: the module has no latent_dim
        QVERIFY(m.spec.hasPrior());     // taken for a generative decoder: samples from N(0, I)
        torch::NoGradGuard noGrad;
        const double diff =
            maxDiff(decodeImages(*m.model, readFloats(path("z3.bin"), 3), noLabels()), readFloats(path("decoder_decoded.bin"), 784));
        QVERIFY2(diff <= 1e-5, qPrintable(QString("decode differs from PyTorch's by %1").arg(diff)));
        GridOptions g;
        g.n = 5;
        QCOMPARE(decodeGrid(*m.model, 3, g).size(1), int64_t(140));
        try {
            m.model->encode(torch::zeros({1, 1, 28, 28}), noLabels());
            QFAIL("a decoder alone encoded");
        } catch (const std::exception& e) {
            QVERIFY2(QString(e.what()).contains("no encode"), e.what());
        }
    }

    void decodeReturningLogitsIsRefusedWithTheFix()
    {
        try {
            loadModel(path("logits.ts"));
            QFAIL("a decode returning logits was accepted");
        } catch (const CheckpointError& e) {
            QVERIFY2(QString(e.what()).contains("[0, 1]") && QString(e.what()).contains("sigmoid"), e.what());
        }
    }

    void checkpointsStillOpenAsCheckpoints()
    {
        torch::manual_seed(3);
        ModelSpec spec = ModelSpec::forKind(ModelKind::Vae);
        Autoencoder model = makeModel(spec);
        Checkpoint::save(path("plain.pt"), spec, *model);
        const ModelCheckpoint back = loadModel(path("plain.pt"));
        QVERIFY(!back.spec.isTorchScript());
        QCOMPARE(int(back.spec.arch), int(Arch::Mlp));
        // And a TorchScript module is not a checkpoint to train on.
        QVERIFY_THROWS_EXCEPTION(CheckpointError, Checkpoint::load(path("vae.ts")));
    }

    void exportLoadsInPyTorchAndDecodesTheSame_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("arch");
        QTest::addColumn<int>("latent");
        QTest::newRow("vae mlp") << int(ModelKind::Vae) << int(Arch::Mlp) << 2;
        QTest::newRow("vae conv") << int(ModelKind::Vae) << int(Arch::Conv) << 4;
        QTest::newRow("ae conv") << int(ModelKind::Ae) << int(Arch::Conv) << 2;
        QTest::newRow("dae wide") << int(ModelKind::Dae) << int(Arch::Wide) << 0;
        QTest::newRow("aae mlp") << int(ModelKind::Aae) << int(Arch::Mlp) << 2;
        QTest::newRow("map mlp") << int(ModelKind::Map) << int(Arch::Mlp) << 2;
    }
    void exportLoadsInPyTorchAndDecodesTheSame()
    {
        QFETCH(int, kind);
        QFETCH(int, arch);
        QFETCH(int, latent);
        torch::manual_seed(7);
        const ModelSpec spec = ModelSpec::forKind(ModelKind(kind), Arch(arch), latent);
        Autoencoder model = makeModel(spec);
        model->eval();
        const std::string name = toString(spec.kind) + "-" + toString(spec.arch);
        const std::string ts = path((name + ".ts").c_str());
        TorchScriptModel::exportModule(ts, spec, *model);

        // Different batch sizes from the trace's: the module must not have baked one in.
        torch::NoGradGuard noGrad;
        const torch::Tensor z = torch::randn({7, spec.codeSize()});
        const torch::Tensor x = torch::rand({5, 1, 28, 28});
        const torch::Tensor decoded = decodeImages(*model, z, noLabels());
        const torch::Tensor mean = model->encode(x, noLabels()).mean.reshape({5, -1});
        const std::string zFile = path((name + "-z.bin").c_str()), dFile = path((name + "-decoded.bin").c_str());
        const std::string xFile = path((name + "-x.bin").c_str()), mFile = path((name + "-mean.bin").c_str());
        writeFloats(zFile, z);
        writeFloats(dFile, decoded);
        writeFloats(xFile, x);
        writeFloats(mFile, mean);
        QString report;
        QVERIFY2(check({QString::fromStdString(ts), QString::fromStdString(zFile), QString::fromStdString(dFile),
                        QString::fromStdString(xFile), QString::fromStdString(mFile)},
                       &report),
                 qPrintable(report));

        // And back: the export opens here as a TorchScript model that decodes the same.
        const ModelCheckpoint back = loadModel(ts);
        QVERIFY(back.spec.isTorchScript());
        QCOMPARE(back.spec.latentDim, spec.codeSize());
        QCOMPARE(back.spec.isVariational(), spec.isVariational());
        const double diff = maxDiff(decodeImages(*back.model, z, noLabels()), decoded);
        QVERIFY2(diff <= 1e-5, qPrintable(QString("round trip decode differs by %1").arg(diff)));
    }

    void conditionalAndSuperResolutionModelsAreNotExported()
    {
        for (ModelKind kind : {ModelKind::Cvae, ModelKind::Sr}) {
            const ModelSpec spec = ModelSpec::forKind(kind);
            Autoencoder model = makeModel(spec);
            try {
                TorchScriptModel::exportModule(path("refused.ts"), spec, *model);
                QFAIL("exported a model PyTorch could not call with encode(x) and decode(z)");
            } catch (const CheckpointError& e) {
                QVERIFY2(QString(e.what()).contains("encode(x) and decode(z)"), e.what());
            }
            QVERIFY(!QFile::exists(dir.filePath("refused.ts")));
        }
    }
};

QTEST_GUILESS_MAIN(TestTorchScript)
#include "tst_torchscript.moc"
