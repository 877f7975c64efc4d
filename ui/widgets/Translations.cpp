#include "widgets/Translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace {
const char* const kSettingsKey = "ui/language";
}

QStringList Translations::available() { return {QStringLiteral("en"), QStringLiteral("hi")}; }

QString Translations::nativeName(const QString& code)
{
    const QLocale locale(code);
    QString name = locale.nativeLanguageName();
    if (name.isEmpty()) return code;
    name[0] = name[0].toUpper();  // "english" in some CLDR data
    return name;
}

QString Translations::chosen()
{
    const QString code = QSettings().value(kSettingsKey).toString();
    return available().contains(code) ? code : QString();
}

void Translations::choose(const QString& code)
{
    QSettings s;
    if (code.isEmpty())
        s.remove(kSettingsKey);
    else
        s.setValue(kSettingsKey, code);
}

QString Translations::install(QCoreApplication& app, const QString& code)
{
    const QString wanted = !code.isEmpty() ? code : chosen();
    const QLocale locale = wanted.isEmpty() ? QLocale::system() : QLocale(wanted);
    // One translator at a time; installing another language (English too) replaces it.
    static QTranslator* translator = nullptr;
    if (translator) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
        translator = nullptr;
    }
    if (locale.language() == QLocale::English) return QStringLiteral("en");
    auto* t = new QTranslator(&app);
    // latent-explorer_hi_IN.qm, then latent-explorer_hi.qm, for locale hi_IN.
    if (!t->load(locale, QStringLiteral("latent-explorer"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete t;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(t);
    translator = t;
    return QLocale::languageToCode(locale.language());
}
