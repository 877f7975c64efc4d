// How latent-cli batch splits a line into a command's words: as sh splits a simple command,
// without expanding anything. Each row is checked against what sh itself makes of the line.
#ifndef Q_MOC_RUN  // moc reads the test class alone (its includes cost ~2 s a test)
#include "ArgParser.h"
#include "CommandLineWords.h"

#include <QProcess>
#include <QtTest>
#endif

class TestCommandLineWords : public QObject {
    Q_OBJECT

    static QStringList words(const QString& line)
    {
        QStringList out;
        for (const std::string& w : commandLineWords(line.toStdString())) out << QString::fromStdString(w);
        return out;
    }

private Q_SLOTS:
    void splitsAsTheShellDoes_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("plain") << "decode --model m.pt --z 0.5,-0.5" << QStringList{"decode", "--model", "m.pt", "--z", "0.5,-0.5"};
        QTest::newRow("runs of blanks and tabs") << "  grid \t --n   3  " << QStringList{"grid", "--n", "3"};
        QTest::newRow("single quotes keep all")
            << "encode --out 'my codes $HOME\\n.csv'" << QStringList{"encode", "--out", "my codes $HOME\\n.csv"};
        QTest::newRow("double quotes escape four") << "x \"a \\\"b\\\" \\\\ \\$ \\n\"" << QStringList{"x", "a \"b\" \\ $ \\n"};
        QTest::newRow("quotes join a word") << "--out dir/'a b'\"c d\"e" << QStringList{"--out", "dir/a bc de"};
        QTest::newRow("empty quoted words") << "a '' \"\" b" << QStringList{"a", "", "", "b"};
        QTest::newRow("backslash outside quotes") << "a\\ b c\\'d" << QStringList{"a b", "c'd"};
        QTest::newRow("nothing") << "   " << QStringList{};
        QTest::newRow("utf-8 passes through") << "preprocess --image 'Ziffer ü.png'"
                                              << QStringList{"preprocess", "--image", "Ziffer ü.png"};
    }
    void splitsAsTheShellDoes()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, expected);
        QCOMPARE(words(line), expected);
        // sh, given the same line as a simple command, passes printf the same words.
        QProcess sh;
        sh.start("/bin/sh", {"-c", "printf '%s\\n' " + line + " | od -An -c"});
        QVERIFY(sh.waitForFinished(10000));
        QProcess ours;
        QStringList quoted;
        for (const QString& w : expected) quoted << "'" + QString(w).replace("'", "'\\''") + "'";
        ours.start("/bin/sh", {"-c", "printf '%s\\n' " + quoted.join(' ') + " | od -An -c"});
        QVERIFY(ours.waitForFinished(10000));
        QCOMPARE(ours.readAllStandardOutput(), sh.readAllStandardOutput());
    }

    void unclosedQuotesAndATrailingBackslashAreRefused_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("reason");
        QTest::newRow("single") << "decode --out 'a.png"
                                << "unclosed ' quote";
        QTest::newRow("double") << "decode --out \"a.png"
                                << "unclosed \" quote";
        QTest::newRow("escaped closing double") << "decode --out \"a.png\\\""
                                                << "unclosed \" quote";
        QTest::newRow("trailing backslash") << "decode --out a\\"
                                            << "a backslash ends the line";
    }
    void unclosedQuotesAndATrailingBackslashAreRefused()
    {
        QFETCH(QString, line);
        QFETCH(QString, reason);
        try {
            commandLineWords(line.toStdString());
            QFAIL("no UsageError");
        } catch (const UsageError& e) {
            QCOMPARE(QString::fromStdString(e.what()), reason);
        }
    }
};

QTEST_APPLESS_MAIN(TestCommandLineWords)
#include "tst_commandlinewords.moc"
