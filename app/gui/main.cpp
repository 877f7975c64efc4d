// latent-explorer: the explorer window.
#include "Icons.h"
#include "widgets/MainWindow.h"
#include "widgets/OwnDigitPanel.h"
#include "LatentVersion.h"
#include "runtime/RuntimeInfo.h"
#include "widgets/TrainingPanel.h"
#include "widgets/Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QComboBox>
#include <QDockWidget>
#include <QMap>
#include <QTimer>

#include <clocale>

namespace {

// The window's options; parsed once before a display is needed (--help, --version) and once with it.
struct ExplorerOptions {
    QCommandLineOption dataset{"dataset", "Dataset name (mnist, fashion-mnist) or folder of IDX files.", "name-or-dir"};
    QCommandLineOption open{"open", "Open a model checkpoint (.pt).", "file"};
    QCommandLineOption compare{"compare", "Open a second model beside the first, linked (hover and selection).", "file"};
    QCommandLineOption train{"train", "Start training with the form's settings at once."};
    QCommandLineOption picture{"picture", "Open a picture of a digit in the Your Digit panel.", "image"};
    QCommandLineOption denoiser{"denoiser", "Denoising model for the Your Digit panel.", "file"};
    QCommandLineOption upscaler{"upscaler", "Super-resolution model for the Your Digit panel.", "file"};
    QCommandLineOption showDock{"show", "Bring a dock to the front: training, preview, digit, generate, selection, losses, pca.", "dock"};

    void addTo(QCommandLineParser& parser) const
    {
        parser.setApplicationDescription("Train autoencoders and VAEs on MNIST and explore their latent space.");
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({dataset, open, compare, train, picture, denoiser, upscaler, showDock});
    }
};

void nameApplication()
{
    QCoreApplication::setOrganizationName("LatentExplorer");
    QCoreApplication::setApplicationName("latent-explorer");
    QCoreApplication::setApplicationVersion(LATENT_VERSION);
}

// --help, --version and a mistyped option answer on the terminal and exit, with no display needed
// (QApplication aborts without one); anything else goes on to the window.
void answerWithoutDisplay(int argc, char** argv, const ExplorerOptions& options)
{
    QCoreApplication terminal(argc, argv);
    nameApplication();
    QCommandLineParser parser;
    options.addTo(parser);
    parser.process(terminal);  // prints and exits for --help, --version and errors
}

}  // namespace

int main(int argc, char** argv)
{
    latent::keepFreedMemoryForReuse();
    const ExplorerOptions options;
    answerWithoutDisplay(argc, argv, options);
    QApplication app(argc, argv);
    // Qt adopted the user's locale (setlocale(LC_ALL, "")); numbers in C functions stay "C", as Qt
    // advises. The product's files do not depend on this: they go through io/NumberText.
    std::setlocale(LC_NUMERIC, "C");
    nameApplication();
    QApplication::setApplicationDisplayName("Latent Explorer");
    // The desktop entry's name: the shell then shows its icon and groups the windows under it.
    QGuiApplication::setDesktopFileName(QStringLiteral(LATENT_APP_ID));
    QApplication::setWindowIcon(Icons::application());
    // The system's language (LANG) or the one chosen in View > Language.
    Translations::install(app);

    QCommandLineParser parser;
    options.addTo(parser);
    parser.process(app);
    const auto& [dataset, open, compare, train, picture, denoiser, upscaler, showDock] = options;

    // Threads for work started on this thread; the training worker sets its own from the form.
    latent::configureThreads(0);

    MainWindow window;
    if (parser.isSet(dataset)) {
        window.trainingPanel()->datasetBox()->setCurrentText(parser.value(dataset));
        window.loadDataset(parser.value(dataset));
    }
    if (parser.isSet(open)) window.openModel(parser.value(open));
    if (parser.isSet(compare)) window.openSecondModel(parser.value(compare));
    if (parser.isSet(denoiser)) window.ownDigitPanel()->openDenoiser(parser.value(denoiser));
    if (parser.isSet(upscaler)) window.ownDigitPanel()->openUpscaler(parser.value(upscaler));
    if (parser.isSet(picture)) window.showOwnDigit(parser.value(picture));
    if (parser.isSet(showDock)) {
        const QMap<QString, QString> names = {{"training", "trainingDock"}, {"preview", "previewDock"},     {"digit", "ownDigitDock"},
                                              {"generate", "generateDock"}, {"selection", "selectionDock"}, {"losses", "lossDock"},
                                              {"pca", "compareDock"}};
        for (const QString& d : parser.values(showDock))
            if (auto* dock = window.findChild<QDockWidget*>(names.value(d))) {
                dock->show();
                dock->raise();
            }
    }
    window.show();
    QTimer::singleShot(0, &window, &MainWindow::offerRestore);  // a model a crashed window was training
    if (parser.isSet(train)) QTimer::singleShot(0, &window, &MainWindow::startTraining);
    return app.exec();
}
