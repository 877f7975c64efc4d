// latent-cli's argument parser without a process: what a command accepts, what it refuses and how
// the refusal reads (UsageError: latent-cli prints it and exits with status 2).
#ifndef Q_MOC_RUN  // moc reads the test class alone (its includes cost ~2 s a test)
#include "ArgParser.h"

#include <QtTest>

#include <clocale>
#endif

namespace {

ArgParser trainLike()
{
    ArgParser p("train", "train a model");
    p.required("out", "PATH", "where the checkpoint goes")
        .option("epochs", "N", "passes over the data", "10")
        .option("lr", "RATE", "learning rate", "0.001")
        .option("z", "X,Y", "a latent vector")
        .flag("json", "one JSON object on stdout");
    return p;
}

// The message of the UsageError that f throws, or "" when it throws none.
template <typename F>
QString usageErrorOf(F f)
{
    try {
        f();
    } catch (const UsageError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace

class TestArgParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void valuesFlagsAndDefaults()
    {
        ArgParser p = trainLike();
        QVERIFY(p.parse({"--out", "m.pt", "--epochs=3", "--json"}));
        QCOMPARE(p.str("out"), std::string("m.pt"));
        QCOMPARE(p.integer("epochs", 1, 100), 3);
        QVERIFY(p.isSet("json"));
        QVERIFY(p.given("epochs") && !p.given("lr"));
        QVERIFY(p.has("lr"));  // its default
        QCOMPARE(p.number("lr", 0, 1), 0.001);
        QVERIFY(!p.has("z"));
        QVERIFY(p.declares("z") && !p.declares("frobnicate"));
        // A later value wins; a value may start with '-' (a negative number).
        ArgParser q = trainLike();
        QVERIFY(q.parse({"--out", "a.pt", "--out", "b.pt", "--z", "-1.5,2"}));
        QCOMPARE(q.str("out"), std::string("b.pt"));
        QCOMPARE(q.floats("z"), (std::vector<float>{-1.5f, 2.f}));
    }

    void helpStopsParsingAndListsEveryOption()
    {
        ArgParser p = trainLike();
        QVERIFY(!p.parse({"--epochs", "zero", "--help"}));  // --help wins over what came before
        ArgParser q = trainLike();
        QVERIFY(!q.parse({"-h"}));
        const QString help = QString::fromStdString(p.help());
        QVERIFY2(help.startsWith("usage: latent-cli train --out PATH [options]"), qPrintable(help));
        for (const char* expected : {"--epochs N", "(default 10)", "--json", "(required)", "--help"})
            QVERIFY2(help.contains(expected), expected);
    }

    void badUsageIsRefusedNamingTheOption_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");  // a part of the UsageError's text
        QTest::newRow("unknown option") << QStringList{"--out", "m", "--epoch", "3"}
                                        << "unknown option --epoch (see latent-cli train --help)";
        QTest::newRow("stray word") << QStringList{"--out", "m", "fast"} << "unexpected argument 'fast'";
        QTest::newRow("missing value") << QStringList{"--out", "m", "--epochs"} << "--epochs needs a value (N)";
        QTest::newRow("required missing") << QStringList{"--epochs", "3"} << "--out PATH is required";
        QTest::newRow("flag with a value") << QStringList{"--out", "m", "--json=yes"} << "--json takes no value";
    }
    void badUsageIsRefusedNamingTheOption()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        std::vector<std::string> argv;
        for (const QString& a : args) argv.push_back(a.toStdString());
        const QString error = usageErrorOf([&] { trainLike().parse(argv); });
        QVERIFY2(error.startsWith("train: ") && error.contains(message), qPrintable(error));
    }

    void numbersAreCheckedAndReadTheSameInEveryLocale_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("whole") << "12" << true;
        QTest::newRow("decimal point") << "0.5" << true;
        QTest::newRow("exponent") << "1e-3" << true;
        QTest::newRow("decimal comma") << "0,5" << false;
        QTest::newRow("word") << "fast" << false;
        QTest::newRow("trailing junk") << "3x" << false;
        QTest::newRow("above the range") << "1e6" << false;
        QTest::newRow("not a number") << "nan" << false;
        QTest::newRow("empty") << "" << false;
    }
    void numbersAreCheckedAndReadTheSameInEveryLocale()
    {
        QFETCH(QString, value);
        QFETCH(bool, accepted);
        // Under a decimal-comma locale (when the machine has one) the text means the same.
        const bool german = std::setlocale(LC_NUMERIC, "de_DE.UTF-8") != nullptr;
        ArgParser p = trainLike();
        QVERIFY(p.parse({"--out", "m", "--lr", value.toStdString()}));
        double read = -1;
        const QString error = usageErrorOf([&] { read = p.number("lr", 0, 100); });
        std::setlocale(LC_NUMERIC, "C");
        if (accepted) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(read, value.toDouble());
        } else {
            QVERIFY2(error.contains("--lr must be a number from 0 to 100 (with '.' as the decimal point), got '" + value + "'"),
                     qPrintable(error));
        }
        if (!german) qInfo("no de_DE.UTF-8 locale here: read under C only");
    }

    void integersKeepToTheirRange()
    {
        ArgParser p = trainLike();
        QVERIFY(p.parse({"--out", "m", "--epochs", "0"}));
        QCOMPARE(usageErrorOf([&] { p.integer("epochs", 1, 10); }),
                 QString("train: --epochs must be a whole number from 1 to 10, got '0'"));
        ArgParser q = trainLike();
        QVERIFY(q.parse({"--out", "m", "--epochs", "2.5"}));
        QVERIFY(usageErrorOf([&] { q.integer("epochs", 1, 10); }).contains("whole number"));
        ArgParser r = trainLike();
        QVERIFY(r.parse({"--out", "m", "--epochs", "99999999999999999999"}));
        QVERIFY(usageErrorOf([&] { r.integer("epochs", 1, 1000000); }).contains("got '99999999999999999999'"));
    }

    void vectorsNeedEveryPartANumber()
    {
        ArgParser p = trainLike();
        QVERIFY(p.parse({"--out", "m", "--z", "0.5,x"}));
        QVERIFY(usageErrorOf([&] { p.floats("z"); }).contains("--z must be numbers separated by commas"));
        ArgParser q = trainLike();
        QVERIFY(q.parse({"--out", "m", "--z", "1e39"}));  // beyond float
        QVERIFY(!usageErrorOf([&] { q.floats("z"); }).isEmpty());
    }

    void askingForAnUndeclaredOptionIsAProgrammingError()
    {
        ArgParser p = trainLike();
        QVERIFY(p.parse({"--out", "m"}));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, p.str("latent-dim"));
    }
};

QTEST_GUILESS_MAIN(TestArgParser)
#include "tst_argparser.moc"
