#include "widgets/FileDialogs.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QObject>
#include <QSettings>

QString FileDialogs::filterFor(const QString& suffix)
{
    if (suffix == "pt") return QObject::tr("Models: checkpoints and TorchScript (*.pt *.pth *.ts *.ptl)");
    if (suffix == "ts") return QObject::tr("TorchScript modules (*.ts *.pt)");
    if (suffix == "png") return QObject::tr("PNG images (*.png)");
    return QObject::tr("CSV files (*.csv)");
}

QString FileDialogs::saveFile(QWidget* parent, const QString& title, const QString& suffix, const QString& folderKey)
{
    QSettings s;
    QString path = QFileDialog::getSaveFileName(parent, title, s.value(folderKey).toString(), filterFor(suffix));
    if (path.isEmpty()) return {};
    if (QFileInfo(path).suffix().isEmpty()) path += "." + suffix;
    s.setValue(folderKey, QFileInfo(path).absolutePath());
    return path;
}

QString FileDialogs::openFile(QWidget* parent, const QString& title, const QString& suffix, const QString& folderKey)
{
    QSettings s;
    const QString path =
        QFileDialog::getOpenFileName(parent, title, s.value(folderKey).toString(), filterFor(suffix) + ";;" + QObject::tr("All files (*)"));
    if (!path.isEmpty()) s.setValue(folderKey, QFileInfo(path).absolutePath());
    return path;
}
