#include "widgets/ExportActions.h"

#include "widgets/FileDialogs.h"
#include "ImageFile.h"
#include "io/SafeFile.h"

#include <QAction>
#include <QMenu>

ExportActions::ExportActions(QWidget* window, Sources sources, Reporter reportError, QObject* parent)
    : QObject(parent), window_(window), sources_(std::move(sources)), reportError_(std::move(reportError))
{
    grid_ = action(tr("Export &Grid as PNG…"), "png", &ExportActions::exportGrid);
    view_ = action(tr("Export Latent &View as PNG…"), "png", &ExportActions::exportView);
    codes_ = action(tr("Export Latent &Codes as CSV…"), "csv", &ExportActions::exportCodes);
    loss_ = action(tr("Export &Loss History as CSV…"), "csv", &ExportActions::exportLoss);
    torchScript_ = action(tr("Export Model as &TorchScript…"), "ts", &ExportActions::exportTorchScript);
    torchScript_->setToolTip(tr("A TorchScript module with encode(x) and decode(z) for torch.jit.load in PyTorch"));
    setModelHasLatent(false);
    setModelExportable(false);
}

QAction* ExportActions::action(const QString& text, const QString& suffix, bool (ExportActions::*write)(const QString&))
{
    auto* a = new QAction(text, this);
    connect(a, &QAction::triggered, this, [this, suffix, write] {
        const QString path = FileDialogs::saveFile(window_, tr("Export"), suffix, "dirs/export");
        if (!path.isEmpty() && (this->*write)(path)) Q_EMIT wrote(path);
    });
    return a;
}

void ExportActions::addTo(QMenu* menu) const
{
    for (QAction* a : {grid_, view_, codes_, loss_}) menu->addAction(a);
    menu->addSeparator();
    menu->addAction(torchScript_);
}

void ExportActions::setModelHasLatent(bool hasLatent)
{
    for (QAction* a : {grid_, view_, codes_}) a->setEnabled(hasLatent);
}

void ExportActions::setModelExportable(bool exportable) { torchScript_->setEnabled(exportable); }

bool ExportActions::exportTorchScript(const QString& path)
{
    QString error;
    if (!sources_.torchScript || !sources_.torchScript(path, &error)) {
        reportError_(tr("Could not export the model as TorchScript"), error);
        return false;
    }
    return true;
}

bool ExportActions::writeImage(const QImage& image, const QString& path, const QString& what, const QString& missing)
{
    if (image.isNull()) {
        reportError_(tr("Could not export the %1").arg(what), missing);
        return false;
    }
    try {
        ImageFile::writePng(image, path);
    } catch (const ImageFileError& e) {
        reportError_(tr("Could not export the %1").arg(what), QString::fromStdString(e.what()));
        return false;
    }
    return true;
}

bool ExportActions::writeText(const QString& text, const QString& path, const QString& what)
{
    const QByteArray bytes = text.toUtf8();
    try {
        latent::writeFileSafely(path.toStdString(), std::string_view(bytes.constData(), size_t(bytes.size())), what.toStdString());
    } catch (const latent::FileWriteError& e) {
        reportError_(tr("Could not export the %1").arg(what), QString::fromStdString(e.what()));
        return false;
    }
    return true;
}

bool ExportActions::exportGrid(const QString& path)
{
    return writeImage(sources_.grid(), path, tr("grid"), tr("There is no decoded grid yet."));
}

bool ExportActions::exportView(const QString& path)
{
    return writeImage(sources_.view(), path, tr("latent view"), tr("There is nothing to show yet."));
}

bool ExportActions::exportCodes(const QString& path)
{
    const std::shared_ptr<const LatentCodes> codes = sources_.codes();
    if (!codes) {
        reportError_(tr("Could not export the codes"), tr("There are no encoded digits yet."));
        return false;
    }
    return writeText(codesCsv(*codes), path, tr("codes"));
}

bool ExportActions::exportLoss(const QString& path) { return writeText(sources_.lossCsv(), path, tr("loss history")); }

void ExportActions::exportImage(const QImage& image, const QString& what)
{
    if (image.isNull()) return;
    const QString path = FileDialogs::saveFile(window_, tr("Export %1").arg(what), "png", "dirs/export");
    if (!path.isEmpty() && writeImage(image, path, what, QString())) Q_EMIT wrote(path);
}

void ExportActions::exportSelectionCodes(const LatentCodes& codes, const std::vector<int>& rows)
{
    if (rows.empty()) return;
    const QString path = FileDialogs::saveFile(window_, tr("Export the Selection's Codes"), "csv", "dirs/export");
    if (!path.isEmpty() && writeText(codesCsv(codes, &rows), path, tr("selection"))) Q_EMIT wrote(path);
}

QString ExportActions::codesCsv(const LatentCodes& codes, const std::vector<int>* rows)
{
    QString text = QStringLiteral("index,label");
    for (int d = 0; d < codes.dim; ++d) text += QStringLiteral(",z%1").arg(d);
    const bool lv = !codes.logvar.empty();
    for (int d = 0; lv && d < codes.dim; ++d) text += QStringLiteral(",logvar%1").arg(d);
    text += '\n';
    const int n = rows ? int(rows->size()) : codes.count;
    for (int k = 0; k < n; ++k) {
        const int i = rows ? (*rows)[size_t(k)] : k;
        if (i < 0 || i >= codes.count) continue;
        text += QStringLiteral("%1,%2").arg(i).arg(codes.labels[size_t(i)]);
        for (int d = 0; d < codes.dim; ++d) text += ',' + QString::number(codes.at(i, d), 'g', 7);
        for (int d = 0; lv && d < codes.dim; ++d)
            text += ',' + QString::number(codes.logvar[size_t(i) * size_t(codes.dim) + size_t(d)], 'g', 7);
        text += '\n';
    }
    return text;
}
