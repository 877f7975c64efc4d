#pragma once
// No torch headers.
#include "session/LatentGrid.h"

#include <QObject>

#include <functional>
#include <memory>

class QAction;
class QMenu;
class QWidget;

// Everything the window exports, in one place: the File menu's actions (grid PNG, latent view
// PNG, codes CSV, loss history CSV), the Generate dock's sheets, and the writing itself, through
// QSaveFile or a temporary file, so a failed export leaves the old file as it was.
class ExportActions : public QObject {
    Q_OBJECT
public:
    // What there is to export, asked for when the user exports.
    struct Sources {
        std::function<QImage()> grid, view;
        std::function<std::shared_ptr<const LatentCodes>()> codes;
        std::function<QString()> lossCsv;
        // Writes the model as TorchScript; false with the reason in *error.
        std::function<bool(const QString& path, QString* error)> torchScript;
    };
    using Reporter = std::function<void(const QString& title, const QString& text)>;

    ExportActions(QWidget* window, Sources sources, Reporter reportError, QObject* parent = nullptr);

    void addTo(QMenu* menu) const;
    void setModelHasLatent(bool hasLatent);    // the grid, view and codes need a latent space
    void setModelExportable(bool exportable);  // TorchScript: trained here, with encode and decode

    // Write to path; on failure report why and return false.
    bool exportGrid(const QString& path);
    bool exportView(const QString& path);
    bool exportCodes(const QString& path);
    bool exportLoss(const QString& path);
    bool exportTorchScript(const QString& path);
    // Asks where, then writes image (what: "samples", "interpolation", ...).
    void exportImage(const QImage& image, const QString& what);

    // The codes of the given rows (every row when rows is null), in the rows' order.
    static QString codesCsv(const LatentCodes& codes, const std::vector<int>* rows = nullptr);
    // The selection's codes (index, label, code), asking where.
    void exportSelectionCodes(const LatentCodes& codes, const std::vector<int>& rows);

Q_SIGNALS:
    void wrote(const QString& path);

private:
    QAction* action(const QString& text, const QString& suffix, bool (ExportActions::*write)(const QString&));
    bool writeImage(const QImage& image, const QString& path, const QString& what, const QString& missing);
    bool writeText(const QString& text, const QString& path, const QString& what);

    QWidget* window_;
    Sources sources_;
    Reporter reportError_;
    QAction *grid_, *view_, *codes_, *loss_, *torchScript_;
};
