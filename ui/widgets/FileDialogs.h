#pragma once
#include <QString>

class QWidget;

// The window's file dialogs: each kind of file remembers its last folder (QSettings key), and a
// name typed without a suffix gets the expected one.
class FileDialogs {
public:
    // suffix: "pt", "png" or "csv". Empty when cancelled.
    static QString saveFile(QWidget* parent, const QString& title, const QString& suffix, const QString& folderKey);
    static QString openFile(QWidget* parent, const QString& title, const QString& suffix, const QString& folderKey);
    static QString filterFor(const QString& suffix);
};
