#pragma once
#include <QString>
#include <QStringList>

class QCoreApplication;
class QTranslator;

// The language of the window: the system's (LANG, LC_ALL, LC_MESSAGES) unless the user chose one in
// View > Language, which is kept in the settings and used from the next start (the widgets are
// built with their texts once). The translations are compiled in (resources/translations).
class Translations {
public:
    // Codes the program is translated to, English (the source texts) first: "en", "hi".
    static QStringList available();
    // The language's own name: "English", "हिन्दी".
    static QString nativeName(const QString& code);
    // "" follows the system; else a code from available().
    static QString chosen();
    static void choose(const QString& code);
    // Installs the translator for `code` ("" = chosen(), then the system's) on the application;
    // returns the code in use ("en" when there is no translation for the language).
    static QString install(QCoreApplication& app, const QString& code = {});
};
