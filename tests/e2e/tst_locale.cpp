// Files and command lines under a decimal-comma locale. CTest runs this under de_DE.UTF-8 and
// fr_FR.UTF-8 (scripts/bootstrap.sh generates them); the test program, like the window, lets Qt adopt
// that locale, so every printf, std::to_string and std::stod in the process follows it.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "widgets/ExportActions.h"
#include "widgets/LossChart.h"
#include "widgets/MainWindow.h"
#include "session/InferenceSession.h"
#include "TestData.h"
#include "widgets/TrainingPanel.h"
#include "io/NumberText.h"
#include "persistence/Checkpoint.h"
#include "models/ModelSpec.h"
#include "training/TrainOptions.h"

#include <QComboBox>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QtTest>

#include <clocale>
#include <cmath>
#endif

using namespace latent;

class TestLocale : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    QString dataDir;

    struct Window {
        MainWindow w;
        QStringList errors;
        explicit Window(const QString& dataDir)
        {
            w.setErrorReporter([this](const QString& title, const QString& text) { errors << title + ": " + text; });
            w.setConfirmHandler([](const QString&) { return true; });
            w.trainingPanel()->datasetBox()->setCurrentText(dataDir);
            w.loadDataset(dataDir);
            w.resize(1200, 800);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
        }
    };

    using Run = testdata::ProcessRun;
    // Inherits LC_ALL: the command line runs under the same locale.
    static Run cli(const QStringList& args) { return testdata::runProcess(testdata::pathFromEnvironment("LATENT_CLI_PATH"), args); }

    static double setting(const ModelSpec& spec, const char* key)
    {
        const auto it = spec.hyperParameters.find(key);
        return it == spec.hyperParameters.end() ? NAN : parseNumber(it->second).value_or(NAN);
    }

    static void waitForTraining(MainWindow& w, QSignalSpy& finished)
    {
        QVERIFY(w.isTraining());
        QVERIFY(finished.wait(120000 * testdata::slowdown()));
        QCOMPARE(finished.first().at(0).value<TrainingWorker::Outcome>(), TrainingWorker::Finished);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRefreshing(), 30000 * testdata::slowdown());
    }

    // Every data row has the header's number of columns, and each number reads in the C locale.
    static void verifyCsv(const QString& csv, const QString& what)
    {
        const QStringList lines = csv.split('\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.size() > 1, qPrintable(what));
        const int columns = lines.first().count(',') + 1;
        for (const QString& line : lines.mid(1)) {
            const QStringList cells = line.split(',');
            QVERIFY2(cells.size() == columns, qPrintable(what + ": " + line));
            for (const QString& cell : cells)
                QVERIFY2(cell.isEmpty() || parseNumber(cell.toStdString()) || QRegularExpression("^[a-z_]+$").match(cell).hasMatch(),
                         qPrintable(what + ": '" + cell + "' in " + line));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The test is worthless unless the process really writes decimal commas.
        const char* locale = std::setlocale(LC_NUMERIC, nullptr);
        QVERIFY2(std::to_string(0.5) == "0,500000", qPrintable(QString("LC_NUMERIC is '%1' and writes %2: run under a decimal-comma locale "
                                                                       "(scripts/bootstrap.sh generates de_DE.UTF-8 and fr_FR.UTF-8)")
                                                                   .arg(locale, QString::fromStdString(std::to_string(0.5)))));
        QVERIFY(dir.isValid());
        qputenv("XDG_CONFIG_HOME", dir.filePath("config").toUtf8());
        qputenv("XDG_DATA_HOME", dir.filePath("share").toUtf8());
        qputenv("LATENT_DATA_DIR", dir.filePath("data").toUtf8());
        qputenv("LATENT_MODELS_DIR", dir.filePath("kept").toUtf8());
        QCoreApplication::setOrganizationName("LatentExplorerTest");
        QCoreApplication::setApplicationName("tst_locale");
        dataDir = dir.filePath("digits");
        QVERIFY(QDir().mkpath(dataDir));
        testdata::writeIdxFolder(dataDir.toStdString(), testdata::syntheticSplits(320, 80));
    }

    void numbersAsTextIgnoreTheLocale()
    {
        QCOMPARE(formatNumber(0.001), std::string("0.001"));
        QCOMPARE(formatNumber(1e-5), std::string("1e-05"));
        QCOMPARE(formatNumber(0.1f), std::string("0.1"));
        QCOMPARE(parseNumber("0.001").value_or(0), 0.001);
        QCOMPARE(parseNumber(" 2.5e-3\n").value_or(0), 0.0025);
        QCOMPARE(parseNumber("+0.5").value_or(0), 0.5);
        QVERIFY(!parseNumber("0,001"));     // not where ',' separates values
        QVERIFY(!parseNumber("0.001abc"));  // the whole text or nothing
        QVERIFY(!parseNumber(""));
        QCOMPARE(parseNumber("0,001000", DecimalComma::Accepted).value_or(0), 0.001);
        QVERIFY(!parseNumber("1,2,3", DecimalComma::Accepted));
        QVERIFY(!parseNumber("1.5,2", DecimalComma::Accepted));
        QCOMPARE(parseInteger("128").value_or(0), 128LL);
        QVERIFY(!parseInteger("12.8"));
        for (double v : {0.001, 1e-5, 0.1, 151.3231018, 1.0 / 3.0, -2.5e300})
            QCOMPARE(parseNumber(formatNumber(v)).value_or(0), v);  // shortest, and exact
    }

    void specsRoundTripAndNameBadSettings()
    {
        ModelSpec spec = ModelSpec::forKind(ModelKind::Dae);
        spec.noiseStd = 0.3;
        spec.metrics["neg_elbo"] = 151.3231018;
        spec.hyperParameters = {{"lr", "0.002"}, {"beta", "0.5"}};
        const std::string text = spec.toText();
        QVERIFY2(text.find("noise_std=0.3\n") != std::string::npos, text.c_str());
        QVERIFY2(text.find("metric.neg_elbo=151.3231018\n") != std::string::npos, text.c_str());
        QVERIFY(text.find(',') == std::string::npos);
        const ModelSpec back = ModelSpec::fromText(text);
        QCOMPARE(back.noiseStd, 0.3);
        QCOMPARE(back.metrics.at("neg_elbo"), 151.3231018);
        const TrainOptions o = trainOptionsFromSettings(back.hyperParameters, "model.pt");
        QCOMPARE(o.learningRate, 0.002);
        QCOMPARE(o.beta, 0.5);

        try {
            trainOptionsFromSettings({{"lr", "fast"}}, "model.pt");
            QFAIL("a learning rate of 'fast' was accepted");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QString(e.what()), QString("lr in model.pt is not a number: 'fast'"));
        }
    }

    // What the window wrote under a decimal-comma locale before this fix opens with the values meant.
    void commaCheckpointsOfEarlierVersionsOpen()
    {
        const std::string old = "kind=dae\narch=mlp\nlatent_dim=2\nnoise_std=0,500000\nhp.batch=32\nhp.lr=0,001000\n"
                                "hp.beta=1,000000\nhp.seed=0\nmetric.recon=83,5\n";
        const ModelSpec spec = ModelSpec::fromText(old);
        QCOMPARE(spec.noiseStd, 0.5);
        QCOMPARE(spec.metrics.at("recon"), 83.5);
        const TrainOptions o = trainOptionsFromSettings(spec.hyperParameters, "old.pt");
        QCOMPARE(o.learningRate, 0.001);
        QCOMPARE(o.beta, 1.0);
        QCOMPARE(o.batchSize, 32);
    }

    // Trained and saved by the window, resumed by latent-cli with the same settings.
    void windowFileResumesInTheCli()
    {
        const QString path = dir.filePath("window.pt");
        {
            Window win(dataDir);
            MainWindow& w = win.w;
            TrainingRequest r = w.trainingPanel()->request();
            r.dataset = dataDir;
            r.model = "vae";
            r.arch = "mlp";
            r.epochs = 1;
            r.batchSize = 32;
            r.learningRate = 0.002;
            r.beta = 0.5;
            w.trainingPanel()->setRequest(r);
            QSignalSpy finished(&w, &MainWindow::trainingFinished);
            QTest::keyClick(&w, Qt::Key_F5);
            waitForTraining(w, finished);
            QVERIFY(w.saveModel(path));
            QVERIFY2(win.errors.isEmpty(), qPrintable(win.errors.join('\n')));

            // Its CSV exports: one column per header name, '.' decimals.
            QVERIFY(w.exports()->exportCodes(dir.filePath("codes.csv")));
            QFile codes(dir.filePath("codes.csv"));
            QVERIFY(codes.open(QIODevice::ReadOnly));
            verifyCsv(QString::fromUtf8(codes.readAll()), "codes.csv");
            verifyCsv(w.lossChart()->historyCsv(), "loss history");
        }
        const ModelSpec written = Checkpoint::load(path.toStdString()).spec;
        QCOMPARE(written.hyperParameters.at("lr"), std::string("0.002"));
        QCOMPARE(written.hyperParameters.at("beta"), std::string("0.5"));

        const Run resumed = cli({"train", "--resume", path, "--epochs", "2", "--json"});
        QVERIFY2(resumed.code == 0, resumed.err.constData());
        const ModelSpec after = Checkpoint::load(path.toStdString()).spec;
        QCOMPARE(after.epochsDone, 2);
        QCOMPARE(setting(after, "lr"), 0.002);
        QCOMPARE(setting(after, "beta"), 0.5);
        // JSON on stdout keeps '.' decimals.
        const QJsonObject json = QJsonDocument::fromJson(resumed.out.trimmed()).object();
        QVERIFY2(!json.isEmpty() && json.value("test_loss").toDouble() > 0, resumed.out.constData());
    }

    // Written by latent-cli, opened and trained on by the window with the same noise and rate.
    void cliFileContinuesInTheWindow()
    {
        const QString path = dir.filePath("cli-dae.pt");
        const Run made = cli({"train", "--data", dataDir, "--model", "dae", "--epochs", "1", "--batch", "32", "--noise", "0.3", "--lr",
                              "0.002", "--out", path});
        QVERIFY2(made.code == 0, made.err.constData());

        Window win(dataDir);
        MainWindow& w = win.w;
        QVERIFY(w.openModel(path));
        const ModelSpec opened = w.session()->snapshot()->spec;
        QCOMPARE(opened.noiseStd, 0.3);
        QCOMPARE(trainOptionsFromSettings(opened.hyperParameters, path.toStdString()).learningRate, 0.002);

        TrainingRequest more = w.trainingPanel()->request();
        more.epochs = 1;  // Continue Training takes the form's epochs as "more"
        more.batchSize = 32;
        w.trainingPanel()->setRequest(more);
        QSignalSpy finished(&w, &MainWindow::trainingFinished);
        QTest::keyClick(&w, Qt::Key_F5, Qt::ControlModifier);  // Continue Training
        waitForTraining(w, finished);
        QCOMPARE(w.session()->epochsDone(), 2);
        QCOMPARE(w.session()->snapshot()->spec.noiseStd, 0.3);
        QVERIFY2(win.errors.isEmpty(), qPrintable(win.errors.join('\n')));

        // And back: the window's file still says 0.3 and 0.002 to latent-cli.
        const QString saved = dir.filePath("window-dae.pt");
        QVERIFY(w.saveModel(saved));
        const Run info = cli({"train", "--resume", saved, "--epochs", "3"});
        QVERIFY2(info.code == 0, info.err.constData());
        QVERIFY2(info.err.contains("noise 0.3"), info.err.constData());
    }

    void cliCsvAndArgumentsIgnoreTheLocale()
    {
        const QString model = dir.filePath("cli-vae.pt"), csv = dir.filePath("cli-codes.csv");
        QVERIFY(cli({"train", "--data", dataDir, "--epochs", "1", "--batch", "32", "--lr", "0.002", "--out", model}).code == 0);
        const Run enc = cli({"encode", "--model", model, "--out", csv});
        QVERIFY2(enc.code == 0, enc.err.constData());
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QCOMPARE(text.section('\n', 0, 0), QString("index,label,mean0,mean1,logvar0,logvar1"));
        verifyCsv(text, "latent-cli encode");
        // A decimal comma on the command line is refused with a clear message, not read as 0.
        const Run comma = cli({"train", "--data", dataDir, "--epochs", "1", "--lr", "0,002", "--out", model});
        QCOMPARE(comma.code, 2);
        QVERIFY2(comma.err.contains("--lr must be a number") && comma.err.contains("'0,002'"), comma.err.constData());
    }
};

QTEST_MAIN(TestLocale)
#include "tst_locale.moc"
