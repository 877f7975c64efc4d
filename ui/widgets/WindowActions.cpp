#include "widgets/WindowActions.h"

#include "widgets/ExportActions.h"
#include "Icons.h"
#include "widgets/Translations.h"
#include "runtime/RuntimeInfo.h"

#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QMessageBox>
#include <QIcon>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>

WindowActions::WindowActions(QWidget* window) : QObject(window)
{
    // Icons: the desktop theme's where it has one (they then match the other programs), else ours.
    auto make = [this](const QString& text, const QString& icon, const QString& theme, QList<QKeySequence> keys) {
        auto* a = new QAction(icon.isEmpty() ? QIcon() : Icons::action(icon, theme), text, this);
        a->setShortcuts(keys);
        return a;
    };
    open = make(tr("&Open Model…"), "open", "document-open", {QKeySequence::Open});
    save = make(tr("&Save Model"), "save", "document-save", {QKeySequence::Save});
    saveAs = make(tr("Save Model &As…"), "save", "document-save-as", {QKeySequence::SaveAs});
    openSecond = make(tr("Open a Second Model to &Compare…"), "open", QString(), {});
    openSecond->setToolTip(
        tr("Shows another model's map of the same digits beside this one; hovering or selecting digits in one shows them in the other"));
    openDataset = make(tr("Open &Dataset Folder…"), "open", QString(), {});
    openPicture = make(tr("Open &Picture of a Digit…"), "picture", QString(), {QKeySequence(Qt::CTRL | Qt::Key_I)});
    pastePicture = make(tr("&Paste Picture"), "paste", "edit-paste", {QKeySequence::Paste});
    quit = make(tr("&Quit"), QString(), QString(), {QKeySequence::Quit});
    train = make(tr("&Train"), "train", "media-playback-start", {QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_Return)});
    train->setToolTip(tr("Train a new model with the settings of the form (F5)"));
    continueTraining = make(tr("&Continue Training"), "continue", "media-seek-forward", {QKeySequence(Qt::CTRL | Qt::Key_F5)});
    continueTraining->setToolTip(tr("Train the current model for the form's number of epochs more, with its own "
                                    "settings and optimiser state (Ctrl+F5)"));
    continueTraining->setIconText(tr("Continue"));
    pause = make(tr("&Pause"), "pause", "media-playback-pause", {QKeySequence(Qt::Key_F6), QKeySequence(Qt::CTRL | Qt::Key_P)});
    stop =
        make(tr("St&op"), "stop", "media-playback-stop", {QKeySequence(Qt::SHIFT | Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_Period)});
    fit = make(tr("&Fit Latent View"), "fit", "zoom-fit-best", {QKeySequence(Qt::CTRL | Qt::Key_0)});
    about = make(tr("&About Latent Explorer"), "about", "help-about", {});
    connect(about, &QAction::triggered, window, [window] {
        QMessageBox box(QMessageBox::NoIcon, tr("About Latent Explorer"), aboutText(), QMessageBox::Ok, window);
        box.setIconPixmap(Icons::application().pixmap(96, 96));
        box.setTextInteractionFlags(Qt::TextSelectableByMouse);
        box.exec();
    });
}

QString WindowActions::aboutText()
{
    // The versions that decide what a user sees and how fast: worth pasting into a bug report.
    const latent::RuntimeInfo rt = latent::RuntimeInfo::current();
    QString blas = QString::fromStdString(rt.blasName).toHtmlEscaped();
    if (rt.blasThreads >= 0) blas += tr(", %n thread(s)", nullptr, rt.blasThreads);
    return tr("<b>Latent Explorer %1</b><p>Train autoencoders and VAEs on MNIST and touch their latent "
              "space.</p><p>Drag in the latent view to decode a point; click a digit to see it and its "
              "reconstruction; wheel zooms, right-drag pans, double-click fits.</p>")
               .arg(QCoreApplication::applicationVersion().toHtmlEscaped()) +
           tr("<table cellpadding=\"2\"><tr><td>Qt</td><td>%1</td></tr><tr><td>LibTorch</td><td>%2, %n thread(s)</td></tr>"
              "<tr><td>BLAS</td><td>%3</td></tr><tr><td>Processors</td><td>%4</td></tr></table>",
              nullptr, rt.torchThreads)
               .arg(QString::fromLatin1(qVersion()), QString::fromStdString(rt.torchVersion).toHtmlEscaped(), blas)
               .arg(rt.hardwareThreads);
}

void WindowActions::addLanguageMenu(QMenu* view)
{
    QMenu* menu = view->addMenu(tr("&Language"));
    menu->setObjectName("languageMenu");
    auto* group = new QActionGroup(menu);
    const QString chosen = Translations::chosen();
    QStringList codes{QString()};
    codes += Translations::available();
    for (const QString& code : codes) {
        const QString name = code.isEmpty() ? tr("System (%1)").arg(Translations::nativeName(QLocale::system().name().left(2)))
                                            : Translations::nativeName(code);
        QAction* a = menu->addAction(name);
        a->setCheckable(true);
        a->setChecked(code == chosen);
        a->setData(code);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, code, name] {
            if (code == Translations::chosen()) return;
            Translations::choose(code);
            QMessageBox::information(qobject_cast<QWidget*>(parent()), tr("Language"),
                                     tr("Latent Explorer will be in %1 from its next start.").arg(name));
        });
    }
}

QMenu* WindowActions::buildMenus(QMenuBar* bar, const ExportActions& exports)
{
    QMenu* file = bar->addMenu(tr("&File"));
    file->addActions({open, save, saveAs, openSecond});
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
    addLanguageMenu(view);
    view->addSeparator();
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
    pause->setIcon(paused ? Icons::action("train", "media-playback-start") : Icons::action("pause", "media-playback-pause"));
    open->setEnabled(!training);
    openDataset->setEnabled(!training);
    save->setEnabled(haveModel);
    saveAs->setEnabled(haveModel);
}
