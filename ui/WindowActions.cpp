#include "WindowActions.h"

#include "ExportActions.h"

#include <QAction>
#include <QCoreApplication>
#include <QMessageBox>
#include <QIcon>
#include <QMenu>
#include <QMenuBar>

WindowActions::WindowActions(QWidget* window) : QObject(window)
{
    auto make = [this](const QString& text, const QString& icon, QList<QKeySequence> keys) {
        auto* a = new QAction(icon.isEmpty() ? QIcon() : QIcon::fromTheme(icon), text, this);
        a->setShortcuts(keys);
        return a;
    };
    open = make(tr("&Open Model…"), "document-open", {QKeySequence::Open});
    save = make(tr("&Save Model"), "document-save", {QKeySequence::Save});
    saveAs = make(tr("Save Model &As…"), QString(), {QKeySequence::SaveAs});
    openDataset = make(tr("Open &Dataset Folder…"), QString(), {});
    openPicture = make(tr("Open &Picture of a Digit…"), QString(), {QKeySequence(Qt::CTRL | Qt::Key_I)});
    pastePicture = make(tr("&Paste Picture"), QString(), {QKeySequence::Paste});
    quit = make(tr("&Quit"), QString(), {QKeySequence::Quit});
    train = make(tr("&Train"), "media-playback-start", {QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_Return)});
    train->setToolTip(tr("Train a new model with the settings of the form (F5)"));
    continueTraining = make(tr("&Continue Training"), "media-seek-forward", {QKeySequence(Qt::CTRL | Qt::Key_F5)});
    continueTraining->setToolTip(tr("Train the current model for the form's number of epochs more, with its own "
                                    "settings and optimiser state (Ctrl+F5)"));
    continueTraining->setIconText(tr("Continue"));
    pause = make(tr("&Pause"), "media-playback-pause", {QKeySequence(Qt::Key_F6), QKeySequence(Qt::CTRL | Qt::Key_P)});
    stop = make(tr("St&op"), "media-playback-stop", {QKeySequence(Qt::SHIFT | Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_Period)});
    fit = make(tr("&Fit Latent View"), QString(), {QKeySequence(Qt::CTRL | Qt::Key_0)});
    about = make(tr("&About Latent Explorer"), QString(), {});
    connect(about, &QAction::triggered, window, [window] {
        QMessageBox::about(window, tr("About Latent Explorer"),
                           tr("<b>Latent Explorer %1</b><p>Train autoencoders and VAEs on MNIST and touch their latent "
                              "space.</p><p>Drag in the latent view to decode a point; click a digit to see it and its "
                              "reconstruction; wheel zooms, right-drag pans, double-click fits.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

QMenu* WindowActions::buildMenus(QMenuBar* bar, const ExportActions& exports)
{
    QMenu* file = bar->addMenu(tr("&File"));
    file->addActions({open, save, saveAs});
    file->addSeparator();
    file->addActions({openDataset, openPicture});
    file->addSeparator();
    exports.addTo(file);
    file->addSeparator();
    file->addAction(quit);
    bar->addMenu(tr("&Edit"))->addAction(pastePicture);
    bar->addMenu(tr("&Training"))->addActions({train, continueTraining, pause, stop});
    QMenu* view = bar->addMenu(tr("&View"));
    view->setObjectName("viewMenu");
    bar->addMenu(tr("&Help"))->addAction(about);
    return view;
}

void WindowActions::update(bool training, bool paused, bool haveModel)
{
    train->setEnabled(!training);
    continueTraining->setEnabled(!training && haveModel);
    pause->setEnabled(training);
    stop->setEnabled(training);
    pause->setText(paused ? tr("&Resume") : tr("&Pause"));
    pause->setIcon(QIcon::fromTheme(paused ? "media-playback-start" : "media-playback-pause"));
    open->setEnabled(!training);
    openDataset->setEnabled(!training);
    save->setEnabled(haveModel);
    saveAs->setEnabled(haveModel);
}
