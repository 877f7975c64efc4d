// End to end: latent-cli as a user runs it, on a tiny IDX dataset generated here.
#include "IdxWriter.h"
#include "TestData.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace latent;

class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    QString dataDir, model;

    struct Run {
        int code = -1;
        QByteArray out, err;
    };
    Run cli(const QStringList& args, int timeoutMs = 300000)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LATENT_DATA_DIR", dir.filePath("data-root"));
        p.setProcessEnvironment(env);
        p.start(LATENT_CLI_PATH, args);
        Run r;
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            return r;
        }
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }
    static QJsonObject json(const QByteArray& out)
    {
        QJsonParseError e;
        const QJsonDocument d = QJsonDocument::fromJson(out.trimmed(), &e);
        return d.object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir.isValid());
        dataDir = dir.filePath("digits");
        QVERIFY(QDir().mkpath(dataDir));
        const DatasetSplits s = testdata::syntheticSplits(400, 100);
        testdata::writeIdxFolder(dataDir.toStdString(), s, /*gzipTest=*/true);
        model = dir.filePath("vae.pt");
    }

    void helpAndUsageErrors()
    {
        QCOMPARE(cli({"--help"}).code, 0);
        const Run help = cli({"train", "--help"});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains("--latent-dim"));
        QCOMPARE(cli({}).code, 2);
        QCOMPARE(cli({"frobnicate"}).code, 2);
        const Run bad = cli({"train", "--epochs", "zero", "--out", "x.pt"});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("--epochs"), bad.err);
        QCOMPARE(cli({"train", "--model", "gan", "--out", "x.pt"}).code, 2);
        QCOMPARE(cli({"eval"}).code, 2);  // --model is required
    }

    void infoReportsBlasAndThreads()
    {
        const Run r = cli({"info", "--json", "--threads", "1"});
        QCOMPARE(r.code, 0);
        const QJsonObject o = json(r.out);
        QVERIFY2(!o.value("blas").toString().isEmpty(), r.out);
        QCOMPARE(o.value("torch_threads").toInt(), 1);
        QVERIFY(o.contains("blas_library"));
    }

    void trainThenEvalEncodeDecodeGrid()
    {
        const Run t = cli({"train", "--data", dataDir, "--model", "vae", "--epochs", "4", "--batch", "32", "--seed", "3",
                           "--threads", "2", "--out", model, "--json"});
        QVERIFY2(t.code == 0, t.err);
        QVERIFY2(t.err.contains("epoch 4/4"), t.err);  // a progress line per epoch
        QVERIFY(t.err.contains("samples/s"));
        const QJsonObject tj = json(t.out);
        QCOMPARE(tj.value("status").toString(), QString("finished"));
        QCOMPARE(tj.value("epochs_done").toInt(), 4);
        QVERIFY(tj.value("samples_per_second").toDouble() > 0);
        QVERIFY(QFile::exists(model));

        const Run e = cli({"eval", "--model", model, "--json"});  // dataset taken from the checkpoint
        QVERIFY2(e.code == 0, e.err);
        const QJsonObject ej = json(e.out);
        for (const char* key : {"neg_elbo", "recon", "kl", "recon_mse", "pca_mse", "psnr", "knn_latent", "knn_pca"})
            QVERIFY2(ej.contains(key), key);
        QVERIFY(std::abs(ej.value("neg_elbo").toDouble() - ej.value("recon").toDouble() - ej.value("kl").toDouble()) < 1e-3);
        QVERIFY2(ej.value("knn_latent").toDouble() > 0.3, e.out);  // 10 easy classes: far above chance
        QCOMPARE(ej.value("test_images").toInt(), 100);

        const QString csv = dir.filePath("codes.csv");
        const Run enc = cli({"encode", "--model", model, "--out", csv, "--json"});
        QCOMPARE(enc.code, 0);
        QCOMPARE(json(enc.out).value("codes").toInt(), 100);
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 101);
        QCOMPARE(lines[0], QByteArray("index,label,mean0,mean1,logvar0,logvar1"));
        QCOMPARE(lines[1].split(',').size(), 6);

        const QString a = dir.filePath("a.png"), b = dir.filePath("b.png");
        QCOMPARE(cli({"decode", "--model", model, "--z", "0,0", "--out", a}).code, 0);
        QCOMPARE(cli({"decode", "--model", model, "--z", "2.5,-2.5", "--out", b}).code, 0);
        QFile fa(a), fb(b);
        QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        const QByteArray pa = fa.readAll(), pb = fb.readAll();
        QVERIFY(pa.startsWith("\x89PNG"));
        QVERIFY(pa != pb);  // another point decodes to another digit
        QCOMPARE(cli({"decode", "--model", model, "--z", "0,0,0", "--out", a}).code, 2);

        const QString grid = dir.filePath("grid.png");
        const Run g = cli({"grid", "--model", model, "--n", "5", "--gaussian", "--out", grid, "--json"});
        QCOMPARE(g.code, 0);
        QCOMPARE(json(g.out).value("width").toInt(), 140);
        QFile fg(grid);
        QVERIFY(fg.open(QIODevice::ReadOnly));
        QCOMPARE(fg.readAll().mid(16, 8), QByteArray("\0\0\0\x8c\0\0\0\x8c", 8));  // 140 x 140
    }

    void ctrlCStopsAndSavesWhatWasTrained()
    {
        const QString out = dir.filePath("interrupted.pt");
        QProcess p;
        p.start(LATENT_CLI_PATH, {"train", "--data", dataDir, "--epochs", "100000", "--batch", "32", "--out", out, "--json"});
        QVERIFY(p.waitForStarted());
        QByteArray err;
        QElapsedTimer t;
        t.start();
        while (!err.contains("epoch 2/") && t.elapsed() < 120000) {  // two epochs done
            p.waitForReadyRead(100);
            err += p.readAllStandardError();
        }
        QVERIFY2(err.contains("epoch 2/"), err);
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 130);
        QCOMPARE(json(p.readAllStandardOutput()).value("status").toString(), QString("cancelled"));
        QVERIFY(QFile::exists(out));
        const Run e = cli({"eval", "--model", out, "--json"});  // the saved model is usable
        QVERIFY2(e.code == 0, e.err);
    }

    void denoiserReportsInputAndOutputPsnr()
    {
        const QString dae = dir.filePath("dae.pt");
        const Run t = cli({"train", "--data", dataDir, "--model", "dae", "--latent-dim", "0", "--noise", "0.5",
                           "--epochs", "3", "--batch", "32", "--out", dae});
        QVERIFY2(t.code == 0, t.err);
        const Run e = cli({"eval", "--model", dae, "--json"});
        QVERIFY2(e.code == 0, e.err);
        const QJsonObject o = json(e.out);
        QVERIFY(!o.contains("neg_elbo"));
        QVERIFY2(o.value("psnr").toDouble() > o.value("psnr_input").toDouble(), e.out);  // it denoises
    }

    void badInputFailsWithClearMessages()
    {
        // A truncated images file: exit 1, and the message names it.
        const QString broken = dir.filePath("broken");
        QVERIFY(QDir().mkpath(broken));
        for (const char* name : {"train-labels-idx1-ubyte", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"})
            QVERIFY(QFile::copy(dataDir + "/" + name, broken + "/" + name));
        QFile src(dataDir + "/train-images-idx3-ubyte");
        QVERIFY(src.open(QIODevice::ReadOnly));
        QFile dst(broken + "/train-images-idx3-ubyte");
        QVERIFY(dst.open(QIODevice::WriteOnly));
        dst.write(src.read(5000));
        dst.close();
        const Run t = cli({"train", "--data", broken, "--epochs", "1", "--out", dir.filePath("never.pt")});
        QCOMPARE(t.code, 1);
        QVERIFY2(t.err.contains("train-images-idx3-ubyte") && t.err.contains("truncated"), t.err);
        QVERIFY(!QFile::exists(dir.filePath("never.pt")));

        const Run missing = cli({"train", "--data", "mnist", "--epochs", "1", "--out", dir.filePath("never.pt")});
        QCOMPARE(missing.code, 1);
        QVERIFY2(missing.err.contains("not found") && missing.err.contains("data-root/mnist"), missing.err);

        const QString junk = dir.filePath("junk.pt");
        QFile j(junk);
        QVERIFY(j.open(QIODevice::WriteOnly));
        j.write("PK\x03\x04 definitely not a model");
        j.close();
        const Run e = cli({"eval", "--model", junk, "--data", dataDir});
        QCOMPARE(e.code, 1);
        QVERIFY2(e.err.contains("not a Latent Explorer checkpoint"), e.err);
    }

    void importsTheNpmPackageLayout()
    {
        const QString digits = dir.filePath("npm/src/digits");
        QVERIFY(QDir().mkpath(digits));
        for (int d = 0; d < 10; ++d) {
            QFile f(digits + QString("/%1.json").arg(d));
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray body = "{\"data\":[";
            for (int i = 0; i < 5 * 784; ++i) body += (i ? "," : "") + QByteArray(i % 7 ? "0" : "0.5");
            f.write(body + "]}");
        }
        const Run r = cli({"import-mnist-json", "--from", digits, "--test-count", "10"});
        QVERIFY2(r.code == 0, r.err);
        QVERIFY(QFile::exists(dir.filePath("data-root/mnist/train-images-idx3-ubyte")));
        QVERIFY(r.err.contains("40 train and 10 test"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
