// latent-cli's --json output: one flat object that a JSON parser we did not write (Qt's) reads back
// with every value as written, whatever the text holds and whatever the locale.
#ifndef Q_MOC_RUN  // moc reads the test class alone (its includes cost ~2 s a test)
#include "JsonWriter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <clocale>
#include <cmath>
#include <limits>
#endif

class TestJsonWriter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void valuesReadBackAsWritten()
    {
        const bool german = std::setlocale(LC_NUMERIC, "de_DE.UTF-8") != nullptr;  // '.' decimals still
        JsonWriter w;
        w.add("loss", 151.3217).add("tiny", 1.5e-9).add("epochs", 20).add("big", int64_t(1) << 40).add("kind", "vae").addBool("ok", true);
        w.add("nan", std::numeric_limits<double>::quiet_NaN()).add("inf", std::numeric_limits<double>::infinity());
        const std::string text = w.str();
        std::setlocale(LC_NUMERIC, "C");
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + ": " + QString::fromStdString(text)));
        const QJsonObject o = doc.object();
        QCOMPARE(o.value("loss").toDouble(), 151.3217);
        QCOMPARE(o.value("tiny").toDouble(), 1.5e-9);
        QCOMPARE(o.value("epochs").toInt(), 20);
        QCOMPARE(o.value("big").toInteger(), qint64(1) << 40);
        QCOMPARE(o.value("kind").toString(), QString("vae"));
        QCOMPARE(o.value("ok").toBool(), true);
        QVERIFY(o.value("nan").isNull() && o.value("inf").isNull());  // JSON has no NaN or infinity
        QCOMPARE(o.keys().size(), 8);
        if (!german) qInfo("no de_DE.UTF-8 locale here: written under C only");
    }

    void anyTextStaysOneString_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("quotes and backslashes") << "C:\\models\\\"best\".pt";
        QTest::newRow("line breaks and tabs") << "line 1\nline 2\r\n\tend";
        QTest::newRow("control characters") << QString::fromLatin1("\x01\x1f bell \x07");
        QTest::newRow("UTF-8") << QString::fromUtf8("Ziffer \xc3\xa4 \xe0\xa4\x85\xe0\xa4\x82\xe0\xa4\x95");
        QTest::newRow("empty") << "";
    }
    void anyTextStaysOneString()
    {
        QFETCH(QString, text);
        const std::string s = text.toStdString();
        const std::string json = JsonWriter().add(s, s).str();  // as key and as value
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, json.c_str());
        QCOMPARE(o.keys(), QStringList{text});
        QCOMPARE(o.value(text).toString(), text);
        QVERIFY(json.find('\n') == std::string::npos);  // one line
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
