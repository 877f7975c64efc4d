#include "MainWindow.h"

#include "DigitView.h"
#include "LatentPanel.h"
#include "LatentView.h"
#include "LossChart.h"
#include "GeneratePanel.h"
#include "OwnDigitPanel.h"
#include "PcaComparePanel.h"
#include "PreviewPanel.h"
#include "TrainingPanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

namespace {
const QStringList kFashionNames = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                   "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};

QString fileFilterFor(const QString& suffix)
{
    if (suffix == "pt") return QObject::tr("Latent Explorer models (*.pt)");
    if (suffix == "png") return QObject::tr("PNG images (*.png)");
    return QObject::tr("CSV files (*.csv)");
}

bool writeText(const QString& path, const QString& text, QString* error)
{
    QSaveFile f(path);  // writes a temporary file and renames it: a failed export loses nothing
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) {
        *error = f.errorString();
        return false;
    }
    f.write(text.toUtf8());
    if (!f.commit()) {
        *error = f.errorString();
        return false;
    }
    return true;
}
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName("MainWindow");
    setWindowTitle(tr("Latent Explorer"));
    latent_ = new LatentPanel(this);
    setCentralWidget(latent_);
    training_ = new TrainingPanel(this);
    chart_ = new LossChart(this);
    preview_ = new PreviewPanel(this);
    ownDigit_ = new OwnDigitPanel(this);
    generate_ = new GeneratePanel(this);
    compare_ = new PcaComparePanel(this);
    setAcceptDrops(true);
    createActions();
    createMenus();
    createDocks();
    training_->setActions(trainAction_, pauseAction_, stopAction_);

    connect(latentView(), &LatentView::cursorMoved, this, &MainWindow::onCursorMoved);
    connect(latentView(), &LatentView::pointClicked, this, &MainWindow::onPointClicked);
    connect(latent_, &LatentPanel::gridSettingsChanged, this, [this] {
        if (worker_) worker_->setGridSettings(latent_->settings());
        if (session_ && session_->isConditional() && session_->condition() != latent_->settings().condition) {
            session_->setCondition(latent_->settings().condition);
            updateCursorPreview();
            generate_->setModel(session_);
            ownDigit_->setExplorerModel(session_);
        }
        requestRefresh(false);
    });
    connect(latent_, &LatentPanel::dimsChanged, this, [this] {
        preview_->clear(tr("Drag in the latent view to decode a point."));
        showOwnDigitMarker();
        showPath();
    });
    connect(ownDigit_, &OwnDigitPanel::digitEncoded, this, [this](const DigitEncoding& e) {
        ownDigitCode_ = e;
        generate_->setOwnDigit(e.mean);
        showOwnDigitMarker();
    });
    connect(generate_, &GeneratePanel::pathChanged, this, [this](const LatentPath& p) {
        path_ = p;
        showPath();
    });
    connect(generate_, &GeneratePanel::exportRequested, this, [this](const QImage& image, const QString& what) {
        if (image.isNull()) return;
        QSettings s;
        QString path = QFileDialog::getSaveFileName(this, tr("Export %1").arg(what), s.value("dirs/export").toString(), fileFilterFor("png"));
        if (path.isEmpty()) return;
        if (QFileInfo(path).suffix().isEmpty()) path += ".png";
        s.setValue("dirs/export", QFileInfo(path).absolutePath());
        if (!image.save(path, "PNG")) showError(tr("Could not export the %1").arg(what), tr("Could not write %1").arg(path));
    });
    connect(&pcaWatcher_, &QFutureWatcher<PcaComparison>::finished, this, [this] { compare_->setPca(pcaWatcher_.result()); });
    connect(&scoresWatcher_, &QFutureWatcher<EmbeddingScores>::finished, this, [this] {
        if (scoredSession_ == session_ && session_) compare_->setLatentScores(scoresWatcher_.result(), session_->description());
        else if (session_ && !isTraining()) scoreLatent();  // the model changed meanwhile
    });
    connect(ownDigit_, &OwnDigitPanel::message, this, [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(training_, &TrainingPanel::browseDatasetRequested, openDatasetAction_, &QAction::trigger);
    connect(latent_, &LatentPanel::openDatasetRequested, openDatasetAction_, &QAction::trigger);
    connect(&codesWatcher_, &QFutureWatcher<LatentCodes>::finished, this, [this] {
        jobRunning_ = false;
        if (jobSession_ == session_) {
            codes_ = std::make_shared<const LatentCodes>(codesWatcher_.result());
            codesSession_ = session_;
            latentView()->setCodes(codes_);
            latentView()->setMessage(QString());
        }
        runNextJob();
    });
    connect(&gridWatcher_, &QFutureWatcher<DecodedGrid>::finished, this, [this] {
        jobRunning_ = false;
        if (jobSession_ == session_) latentView()->setGrid(gridWatcher_.result());
        runNextJob();
        if (!isRefreshing()) Q_EMIT latentRefreshed();
    });

    restoreSettings();
    loadDataset(training_->request().dataset);
    updateActions();
    updateTitle();
}

MainWindow::~MainWindow()
{
    if (thread_) stopAndWait();
    codesWatcher_.waitForFinished();
    gridWatcher_.waitForFinished();
    pcaWatcher_.waitForFinished();
    scoresWatcher_.waitForFinished();
}

LatentView* MainWindow::latentView() const { return latent_->view(); }

void MainWindow::createActions()
{
    openAction_ = new QAction(QIcon::fromTheme("document-open"), tr("&Open Model…"), this);
    openAction_->setShortcut(QKeySequence::Open);
    connect(openAction_, &QAction::triggered, this, [this] {
        QSettings s;
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Model"), s.value("dirs/models").toString(),
                                                          fileFilterFor("pt") + ";;" + tr("All files (*)"));
        if (path.isEmpty()) return;
        s.setValue("dirs/models", QFileInfo(path).absolutePath());
        openModel(path);
    });
    saveAction_ = new QAction(QIcon::fromTheme("document-save"), tr("&Save Model"), this);
    saveAction_->setShortcut(QKeySequence::Save);
    connect(saveAction_, &QAction::triggered, this, [this] { saveCurrentModel(); });
    saveAsAction_ = new QAction(tr("Save Model &As…"), this);
    saveAsAction_->setShortcut(QKeySequence::SaveAs);
    connect(saveAsAction_, &QAction::triggered, this, [this] {
        const QString path = askSavePath();
        if (!path.isEmpty()) saveModel(path);
    });
    openDatasetAction_ = new QAction(tr("Open &Dataset Folder…"), this);
    connect(openDatasetAction_, &QAction::triggered, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder with the four IDX files"),
                                                              data_.isEmpty() ? DigitDataset::dataRoot() : data_.directory());
        if (dir.isEmpty()) return;
        if (loadDataset(dir)) training_->datasetBox()->setCurrentText(dir);
    });

    auto exportAction = [this](const QString& text, const QString& suffix, bool (MainWindow::*write)(const QString&)) {
        auto* a = new QAction(text, this);
        connect(a, &QAction::triggered, this, [this, suffix, write] {
            QSettings s;
            const QString path = QFileDialog::getSaveFileName(this, tr("Export"), s.value("dirs/export").toString(), fileFilterFor(suffix));
            if (path.isEmpty()) return;
            s.setValue("dirs/export", QFileInfo(path).absolutePath());
            const QString withSuffix = QFileInfo(path).suffix().isEmpty() ? path + "." + suffix : path;
            if ((this->*write)(withSuffix)) statusBar()->showMessage(tr("Wrote %1").arg(withSuffix), 5000);
        });
        return a;
    };
    openPictureAction_ = new QAction(tr("Open &Picture of a Digit…"), this);
    openPictureAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(openPictureAction_, &QAction::triggered, this, [this] {
        ownDigitDock_->show();
        ownDigitDock_->raise();
        ownDigit_->openPictureDialog();
    });
    pastePictureAction_ = new QAction(tr("&Paste Picture"), this);
    pastePictureAction_->setShortcut(QKeySequence::Paste);
    connect(pastePictureAction_, &QAction::triggered, this, [this] {
        ownDigitDock_->show();
        ownDigitDock_->raise();
        ownDigit_->pasteFromClipboard();
    });
    exportGridAction_ = exportAction(tr("Export &Grid as PNG…"), "png", &MainWindow::exportGridPng);
    exportScatterAction_ = exportAction(tr("Export Latent &View as PNG…"), "png", &MainWindow::exportScatterPng);
    exportCodesAction_ = exportAction(tr("Export Latent &Codes as CSV…"), "csv", &MainWindow::exportCodesCsv);
    exportLossAction_ = exportAction(tr("Export &Loss History as CSV…"), "csv", &MainWindow::exportLossCsv);
    quitAction_ = new QAction(tr("&Quit"), this);
    quitAction_->setShortcut(QKeySequence::Quit);
    connect(quitAction_, &QAction::triggered, this, &QWidget::close);

    trainAction_ = new QAction(QIcon::fromTheme("media-playback-start"), tr("&Train"), this);
    trainAction_->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_Return)});
    trainAction_->setToolTip(tr("Train a new model with the settings of the form (F5)"));
    connect(trainAction_, &QAction::triggered, this, &MainWindow::startTraining);
    pauseAction_ = new QAction(QIcon::fromTheme("media-playback-pause"), tr("&Pause"), this);
    pauseAction_->setShortcuts({QKeySequence(Qt::Key_F6), QKeySequence(Qt::CTRL | Qt::Key_P)});
    connect(pauseAction_, &QAction::triggered, this, &MainWindow::togglePause);
    stopAction_ = new QAction(QIcon::fromTheme("media-playback-stop"), tr("St&op"), this);
    stopAction_->setShortcuts({QKeySequence(Qt::SHIFT | Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_Period)});
    connect(stopAction_, &QAction::triggered, this, &MainWindow::stopTraining);
    fitAction_ = new QAction(tr("&Fit Latent View"), this);
    fitAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(fitAction_, &QAction::triggered, latentView(), &LatentView::fitToData);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(openAction_);
    file->addAction(saveAction_);
    file->addAction(saveAsAction_);
    file->addSeparator();
    file->addAction(openDatasetAction_);
    file->addAction(openPictureAction_);
    file->addSeparator();
    file->addAction(exportGridAction_);
    file->addAction(exportScatterAction_);
    file->addAction(exportCodesAction_);
    file->addAction(exportLossAction_);
    file->addSeparator();
    file->addAction(quitAction_);
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(pastePictureAction_);
    QMenu* train = menuBar()->addMenu(tr("&Training"));
    train->addAction(trainAction_);
    train->addAction(pauseAction_);
    train->addAction(stopAction_);
    menuBar()->addMenu(tr("&View"))->setObjectName("viewMenu");
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Latent Explorer"), this, [this] {
        QMessageBox::about(this, tr("About Latent Explorer"),
                           tr("<b>Latent Explorer %1</b><p>Train autoencoders and VAEs on MNIST and touch their latent "
                              "space.</p><p>Drag in the latent view to decode a point; click a digit to see it and its "
                              "reconstruction; wheel zooms, right-drag pans, double-click fits.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

void MainWindow::createDocks()
{
    auto dock = [this](QWidget* w, const QString& title, const QString& name, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);  // saveState() needs names
        d->setWidget(w);
        addDockWidget(area, d);
        menuBar()->findChild<QMenu*>("viewMenu")->addAction(d->toggleViewAction());
        return d;
    };
    dock(training_, tr("Training"), "trainingDock", Qt::LeftDockWidgetArea);
    QDockWidget* previewDock = dock(preview_, tr("Decoded Preview"), "previewDock", Qt::RightDockWidgetArea);
    ownDigitDock_ = dock(ownDigit_, tr("Your Digit"), "ownDigitDock", Qt::RightDockWidgetArea);
    tabifyDockWidget(previewDock, ownDigitDock_);
    QDockWidget* generateDock = dock(generate_, tr("Generate"), "generateDock", Qt::RightDockWidgetArea);
    tabifyDockWidget(ownDigitDock_, generateDock);
    // A dock behind another's tab counts as visible to its widgets; this signal tells them apart.
    connect(generateDock, &QDockWidget::visibilityChanged, generate_, &GeneratePanel::setOnScreen);
    previewDock->raise();
    QDockWidget* losses = dock(chart_, tr("Losses"), "lossDock", Qt::BottomDockWidgetArea);
    QDockWidget* compareDock = dock(compare_, tr("PCA Comparison"), "compareDock", Qt::BottomDockWidgetArea);
    tabifyDockWidget(losses, compareDock);
    losses->raise();
    QMenu* view = menuBar()->findChild<QMenu*>("viewMenu");
    view->addSeparator();
    view->addAction(fitAction_);
    resize(1400, 900);
    resizeDocks({losses}, {270}, Qt::Vertical);
    resizeDocks({previewDock}, {400}, Qt::Horizontal);  // room for the digit panels' three images a row
}

void MainWindow::restoreSettings()
{
    QSettings s;
    if (s.contains("window/geometry")) restoreGeometry(s.value("window/geometry").toByteArray());
    if (s.contains("window/state")) restoreState(s.value("window/state").toByteArray());
    training_->loadSettings(s);
    latent_->loadSettings(s);
    chart_->setLogScale(s.value("chart/log", false).toBool());
}

void MainWindow::saveSettings() const
{
    QSettings s;
    s.setValue("window/geometry", saveGeometry());
    s.setValue("window/state", saveState());
    training_->saveSettings(s);
    latent_->saveSettings(s);
    s.setValue("chart/log", chart_->logScale());
}

void MainWindow::showError(const QString& title, const QString& text)
{
    statusBar()->showMessage(title + ": " + text.section('\n', 0, 0), 10000);
    if (reportError_) reportError_(title, text);
    else QMessageBox::warning(this, title, text);
}

bool MainWindow::confirm(const QString& question)
{
    if (confirm_) return confirm_(question);
    return QMessageBox::question(this, tr("Latent Explorer"), question, QMessageBox::Yes | QMessageBox::No) == QMessageBox::Yes;
}

bool MainWindow::loadDataset(const QString& nameOrDir)
{
    QString error;
    DigitDataset d = DigitDataset::load(nameOrDir, &error);
    if (d.isEmpty()) {
        dataError_ = error;
        if (data_.isEmpty()) {
            latentView()->setMessage(tr("No dataset found for \"%1\".\n\nLooked in:\n%2\n\nTo get one: run "
                                        "\"bash scripts/bootstrap.sh setup\" (imports MNIST), install the Debian "
                                        "package dataset-fashion-mnist, or use File > Open Dataset Folder… to pick "
                                        "a folder with the four IDX files.")
                                         .arg(nameOrDir, DigitDataset::searchedPlaces(nameOrDir).join('\n')));
            statusBar()->showMessage(tr("No dataset: %1").arg(error.section('\n', 0, 0)));
            latent_->setDatasetMissing(true);
        } else {
            showError(tr("Could not open the dataset"), error);
        }
        return false;
    }
    data_ = d;
    dataError_.clear();
    latent_->setDatasetMissing(false);
    const bool fashion = data_.name().contains("fashion", Qt::CaseInsensitive) || data_.directory().contains("fashion", Qt::CaseInsensitive);
    latentView()->setClassNames(fashion ? kFashionNames : QStringList());
    compare_->setClassNames(fashion ? kFashionNames : QStringList());
    pcaWatcher_.waitForFinished();
    pcaWatcher_.setFuture(QtConcurrent::run([data = data_] {
        ModelSession::setThreadsForThisThread(1);
        return ModelSession::pcaComparison(data);
    }));
    statusBar()->showMessage(tr("Dataset %1: %2 training and %3 test images from %4")
                                 .arg(data_.name(), QLocale().toString(data_.trainCount()),
                                      QLocale().toString(data_.testCount()), data_.directory()));
    latentView()->setMessage(session_ ? QString() : tr("Press Train (F5) to train a model, or open one (Ctrl+O)."));
    codes_.reset();
    codesSession_.reset();
    if (session_) requestRefresh(true);
    return true;
}

void MainWindow::updateActions()
{
    const bool training = isTraining();
    trainAction_->setEnabled(!training);
    pauseAction_->setEnabled(training);
    stopAction_->setEnabled(training);
    pauseAction_->setText(isPaused() ? tr("&Resume") : tr("&Pause"));
    pauseAction_->setIcon(QIcon::fromTheme(isPaused() ? "media-playback-start" : "media-playback-pause"));
    openAction_->setEnabled(!training);
    openDatasetAction_->setEnabled(!training);
    const bool haveModel = session_ != nullptr;
    saveAction_->setEnabled(haveModel);
    saveAsAction_->setEnabled(haveModel);
    exportGridAction_->setEnabled(haveModel && session_->hasLatent());
    exportScatterAction_->setEnabled(haveModel && session_->hasLatent());
    exportCodesAction_->setEnabled(haveModel && session_->hasLatent());
    training_->setRunning(training);
}

void MainWindow::updateTitle()
{
    QString title = tr("Latent Explorer");
    if (session_) title += QStringLiteral(" — %1[*]").arg(modelPath_.isEmpty() ? session_->description() : QFileInfo(modelPath_).fileName());
    setWindowTitle(title);
    setWindowModified(unsaved_);
}

bool MainWindow::isPaused() const { return worker_ && worker_->isPaused(); }

void MainWindow::startTraining()
{
    if (isTraining()) return;
    const TrainingRequest request = training_->request();
    if (data_.isEmpty() || data_.name() != request.dataset) {
        if (!loadDataset(request.dataset)) {
            showError(tr("Cannot train"), dataError_);
            return;
        }
    }
    if (unsaved_ && session_ && !confirm(tr("The current model is not saved. Train a new one and discard it?"))) return;
    variationalRun_ = request.model == "vae" || request.model == "cvae";
    chart_->reset(variationalRun_, request.model == "aae");
    setSession(nullptr, false);
    modelPath_.clear();
    latentView()->setMessage(tr("Training is starting…"));

    thread_ = new QThread(this);
    worker_ = new TrainingWorker;
    worker_->moveToThread(thread_);
    connect(thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &TrainingWorker::started, this, [this](const QString& description, qint64 train, qint64 test) {
        training_->showStatus(tr("Training %1 on %2 images (%3 test)").arg(description).arg(train).arg(test));
    });
    connect(worker_, &TrainingWorker::progress, this, &MainWindow::onProgress);
    connect(worker_, &TrainingWorker::epochFinished, this, &MainWindow::onEpochFinished);
    connect(worker_, &TrainingWorker::modelPublished, this, &MainWindow::onModelPublished);
    connect(worker_, &TrainingWorker::latentPublished, this, &MainWindow::onLatentPublished);
    worker_->setGridSettings(latent_->settings());
    connect(worker_, &TrainingWorker::finished, this, &MainWindow::onTrainingFinished);
    thread_->start();
    QMetaObject::invokeMethod(worker_, "train", Qt::QueuedConnection, Q_ARG(TrainingRequest, request));
    updateActions();
}

void MainWindow::togglePause()
{
    if (!worker_) return;
    if (worker_->isPaused()) {
        worker_->resume();
        training_->showStatus(tr("Resumed."));
    } else {
        worker_->pause();
        training_->showStatus(tr("Paused. Resume with F6."));
    }
    updateActions();
}

void MainWindow::stopTraining()
{
    if (!worker_) return;
    worker_->stop();
    training_->showStatus(tr("Stopping…"));
}

void MainWindow::stopAndWait()
{
    if (!thread_) return;
    worker_->stop();
    thread_->quit();
    thread_->wait();  // the trainer checks its flag between steps: well under a second
    worker_ = nullptr;  // deleted with its finished thread
    // Deliver what the worker queued before it stopped (the last weights, the finished signal).
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    if (thread_) onTrainingFinished(TrainingWorker::Stopped, tr("stopped"));
}

void MainWindow::onProgress(const TrainingProgress& p)
{
    training_->showProgress(p);
    chart_->addTrainPoint(p.epoch, double(p.globalStep), p.total, p.reconstruction, p.kl, p.discriminator, p.generator);
}

void MainWindow::onEpochFinished(const EpochSummary& s)
{
    if (s.hasTest) chart_->addTestPoint(s.epoch, double(s.globalStep), s.testTotal, s.testReconstruction, s.testKl);
    statusBar()->showMessage(s.hasTest ? tr("Epoch %1/%2: test loss %3 (reconstruction %4, KL %5)")
                                             .arg(s.epoch).arg(s.epochs).arg(s.testTotal, 0, 'f', 2)
                                             .arg(s.testReconstruction, 0, 'f', 2).arg(s.testKl, 0, 'f', 2)
                                       : tr("Epoch %1/%2 done").arg(s.epoch).arg(s.epochs));
}

void MainWindow::onModelPublished(const ModelSnapshot& model)
{
    setSession(std::make_shared<ModelSession>(model), true);
}

void MainWindow::onLatentPublished(const LatentUpdate& update)
{
    if (!session_ || session_->snapshot() != update.model) return;
    codes_ = update.codes;
    codesSession_ = session_;
    latentView()->setCodes(codes_);
    latentView()->setMessage(QString());
    // A grid for other settings (changed since the worker read them) or for a selected digit's
    // slice is decoded here instead.
    const GridSettings now = latent_->settings();
    if (now == update.settings && !(now.held == GridSettings::Held::Selected && latentView()->selectedIndex() >= 0))
        latentView()->setGrid(update.grid);
    else
        requestRefresh(false);
    if (!isRefreshing()) Q_EMIT latentRefreshed();
}

void MainWindow::onTrainingFinished(TrainingWorker::Outcome outcome, const QString& message)
{
    if (!thread_) return;
    thread_->quit();
    thread_->wait();
    thread_->deleteLater();
    thread_ = nullptr;
    worker_ = nullptr;
    switch (outcome) {
    case TrainingWorker::Finished: training_->showStatus(tr("Finished. %1").arg(training_->statusText().section('\n', 1))); break;
    case TrainingWorker::Stopped: training_->showStatus(tr("Stopped: %1. The weights of the last step are kept.").arg(message)); break;
    case TrainingWorker::Diverged: showError(tr("Training diverged"), message); break;
    case TrainingWorker::Failed: showError(tr("Training failed"), message); break;
    }
    if (outcome == TrainingWorker::Finished) training_->progressBar()->setValue(training_->progressBar()->maximum());
    scoreLatent();
    updateActions();
    Q_EMIT trainingFinished(outcome, message);
}

void MainWindow::setSession(ModelSessionPtr session, bool unsaved)
{
    const bool sameShape = session && session_ && session->latentDim() == session_->latentDim();
    session_ = std::move(session);
    unsaved_ = session_ && unsaved;
    if (!session_) {
        codes_.reset();
        codesSession_.reset();
        latentView()->clearModel();
        preview_->clear(tr("Train or open a model, then drag in the latent view."));
    } else {
        latent_->setLatentDim(session_->latentDim());
        latent_->setConditional(session_->isConditional());
        session_->setCondition(latent_->settings().condition);
        if (!sameShape) ownDigitCode_ = DigitEncoding();
        if (!sameShape) latentView()->clearModel();
        if (!session_->hasLatent())
            latentView()->setMessage(tr("A %1 model has no latent space to plot. Click Train for a VAE or an autoencoder.")
                                         .arg(session_->kindName()));
        else if (!data_.isEmpty())
            latentView()->setMessage(QString());
        // While training, the worker sends the codes and the grid with each model (onLatentPublished).
        if (!isTraining()) requestRefresh(true);
        // A first model gets a cursor at the origin (the prior's mean), so the preview shows a digit.
        if (!latentView()->hasCursor() && session_->hasLatent()) latentView()->setCursorPoint(QPointF(0, 0));
        updateCursorPreview();
    }
    ownDigit_->setExplorerModel(session_);
    generate_->setModel(session_);
    compare_->setLatentScores({}, QString());
    if (session_ && !isTraining()) scoreLatent();
    updateActions();
    updateTitle();
}

void MainWindow::showOwnDigitMarker()
{
    const GridSettings s = latent_->settings();
    const std::vector<float>& m = ownDigitCode_.mean;
    if (!session_ || int(m.size()) != session_->latentDim() || s.dimX >= int(m.size()) || s.dimY >= int(m.size())) {
        latentView()->clearMarker();
        return;
    }
    QSizeF sigma;
    if (ownDigitCode_.logvar.size() == m.size())
        sigma = QSizeF(std::exp(0.5 * ownDigitCode_.logvar[size_t(s.dimX)]), std::exp(0.5 * ownDigitCode_.logvar[size_t(s.dimY)]));
    latentView()->setMarker(QPointF(m[size_t(s.dimX)], m[size_t(s.dimY)]), sigma);
}

bool MainWindow::showOwnDigit(const QString& picturePath)
{
    ownDigitDock_->show();
    ownDigitDock_->raise();
    return ownDigit_->openPicture(picturePath);
}

void MainWindow::showPath()
{
    const GridSettings s = latent_->settings();
    QPolygonF poly;
    for (const std::vector<float>& z : path_.points)
        if (s.dimX < int(z.size()) && s.dimY < int(z.size())) poly << QPointF(z[size_t(s.dimX)], z[size_t(s.dimY)]);
    latentView()->setPath(poly);
}

void MainWindow::scoreLatent()
{
    if (!session_ || !session_->hasLatent() || data_.isEmpty() || scoresWatcher_.isRunning()) return;
    scoredSession_ = session_;
    scoresWatcher_.setFuture(QtConcurrent::run([session = session_, data = data_] {
        ModelSession::setThreadsForThisThread(std::max(1, QThread::idealThreadCount()));
        return session->scores(data);
    }));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e)
{
    const QMimeData* mime = e->mimeData();
    if (mime->hasImage() || (mime->hasUrls() && !mime->urls().isEmpty() && mime->urls().first().isLocalFile()))
        e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e)
{
    const QMimeData* mime = e->mimeData();
    ownDigitDock_->show();
    ownDigitDock_->raise();
    if (mime->hasUrls() && !mime->urls().isEmpty() && mime->urls().first().isLocalFile()) {
        const QString path = mime->urls().first().toLocalFile();
        // A dropped checkpoint opens as a model; anything else is taken as a picture.
        if (path.endsWith(".pt", Qt::CaseInsensitive)) openModel(path);
        else ownDigit_->openPicture(path);
    } else if (mime->hasImage()) {
        ownDigit_->setPicture(qvariant_cast<QImage>(mime->imageData()), tr("the dropped image"));
    }
    e->acceptProposedAction();
}

void MainWindow::requestRefresh(bool codes)
{
    if (!session_ || !session_->hasLatent() || data_.isEmpty()) return;
    pendingCodes_ = pendingCodes_ || codes;
    pendingGrid_ = true;
    if (!jobRunning_) runNextJob();
}

void MainWindow::refreshLatent() { requestRefresh(true); }

void MainWindow::runNextJob()
{
    if (jobRunning_ || !session_ || !session_->hasLatent() || data_.isEmpty()) {
        if (!session_) pendingCodes_ = pendingGrid_ = false;
        return;
    }
    // One thread for the jobs while training holds the cores, all of them otherwise.
    const int threads = isTraining() ? 1 : std::max(1, QThread::idealThreadCount());
    jobSession_ = session_;
    if (pendingCodes_ || codesSession_ != session_ || !codes_) {
        pendingCodes_ = false;
        jobRunning_ = true;
        codesWatcher_.setFuture(QtConcurrent::run([session = session_, data = data_, threads] {
            ModelSession::setThreadsForThisThread(threads);
            return session->encode(data);
        }));
    } else if (pendingGrid_) {
        pendingGrid_ = false;
        jobRunning_ = true;
        const GridSpec spec = latent_->settings().spec(session_->latentDim(), codes_.get(), selectedCode());
        gridWatcher_.setFuture(QtConcurrent::run([session = session_, spec, threads] {
            ModelSession::setThreadsForThisThread(threads);
            return session->decodeGrid(spec);
        }));
    }
}

std::vector<float> MainWindow::selectedCode() const
{
    const int i = latentView()->selectedIndex();
    if (!codes_ || i < 0 || i >= codes_->count) return {};
    return std::vector<float>(codes_->mean.begin() + ptrdiff_t(i) * codes_->dim, codes_->mean.begin() + ptrdiff_t(i + 1) * codes_->dim);
}

std::vector<float> MainWindow::cursorLatent() const
{
    if (!latentView()->hasCursor() || !session_) return {};
    return latent_->settings().latentVector(latentView()->cursorPoint(), session_->latentDim(), codes_.get(), selectedCode());
}

void MainWindow::updateCursorPreview()
{
    if (!session_ || !session_->hasLatent() || !latentView()->hasCursor()) return;
    const std::vector<float> z = cursorLatent();
    QStringList parts;
    for (size_t d = 0; d < z.size() && d < 4; ++d) parts << QString::number(z[d], 'f', 3);
    if (z.size() > 4) parts << QStringLiteral("… (%1 dims)").arg(z.size());
    preview_->showDecoded(session_->decode(z), QStringLiteral("z = (%1)").arg(parts.join(", ")));
    Q_EMIT previewChanged();
}

void MainWindow::onCursorMoved(const QPointF&) { updateCursorPreview(); }

QString MainWindow::className(int label) const
{
    return latentView() && label >= 0 && data_.name().contains("fashion", Qt::CaseInsensitive) && label < kFashionNames.size()
               ? kFashionNames[label] : QString();
}

void MainWindow::onPointClicked(int index)
{
    if (!session_ || data_.isEmpty()) return;
    preview_->showTestDigit(data_.testImage(index), session_->reconstruct(data_, index), index, data_.testLabel(index),
                            className(data_.testLabel(index)));
    generate_->setSelection(selectedCode(), tr("test digit #%1 (label %2)").arg(index).arg(data_.testLabel(index)),
                            data_.testImage(index));
    compare_->showDigit(data_.testImage(index), session_->reconstruct(data_, index));
    if (latent_->settings().held == GridSettings::Held::Selected && latent_->latentDim() > 2) requestRefresh(false);
    Q_EMIT previewChanged();
}

QString MainWindow::askSavePath()
{
    QSettings s;
    QString path = QFileDialog::getSaveFileName(this, tr("Save Model"), s.value("dirs/models").toString(), fileFilterFor("pt"));
    if (path.isEmpty()) return {};
    if (QFileInfo(path).suffix().isEmpty()) path += ".pt";
    s.setValue("dirs/models", QFileInfo(path).absolutePath());
    return path;
}

bool MainWindow::saveCurrentModel()
{
    if (!session_) return false;
    const QString path = modelPath_.isEmpty() ? askSavePath() : modelPath_;
    return !path.isEmpty() && saveModel(path);
}

bool MainWindow::saveModel(const QString& path)
{
    if (!session_) return false;
    QString error;
    if (!session_->save(path, &error)) {
        showError(tr("Could not save the model"), error);
        return false;
    }
    modelPath_ = path;
    unsaved_ = false;
    updateTitle();
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

bool MainWindow::openModel(const QString& path)
{
    if (isTraining()) {
        showError(tr("Could not open the model"), tr("Stop training before opening another model."));
        return false;
    }
    QString error;
    ModelSessionPtr s = ModelSession::open(path, &error);
    if (!s) {
        showError(tr("Could not open the model"), tr("%1\n\nThe current model is unchanged.").arg(error));
        return false;
    }
    // A model trained on another dataset is shown with its own data when that can be found.
    if (!s->datasetName().isEmpty() && s->datasetName() != data_.name()) {
        QString dataError;
        DigitDataset d = DigitDataset::load(s->datasetName(), &dataError);
        if (!d.isEmpty()) {
            loadDataset(s->datasetName());
            training_->datasetBox()->setCurrentText(s->datasetName());
        }
    }
    chart_->reset(s->isVariational());
    setSession(s, false);
    modelPath_ = path;
    updateTitle();
    statusBar()->showMessage(tr("Opened %1: %2").arg(QFileInfo(path).fileName(), s->description()), 8000);
    return true;
}

bool MainWindow::exportGridPng(const QString& path)
{
    const QImage& grid = latentView()->grid().image;
    if (grid.isNull() || !grid.save(path, "PNG")) {
        showError(tr("Could not export the grid"), grid.isNull() ? tr("There is no decoded grid yet.") : tr("Could not write %1").arg(path));
        return false;
    }
    return true;
}

bool MainWindow::exportScatterPng(const QString& path)
{
    if (!latentView()->grab().save(path, "PNG")) {
        showError(tr("Could not export the latent view"), tr("Could not write %1").arg(path));
        return false;
    }
    return true;
}

bool MainWindow::exportCodesCsv(const QString& path)
{
    if (!codes_) {
        showError(tr("Could not export the codes"), tr("There are no encoded digits yet."));
        return false;
    }
    QString text = QStringLiteral("index,label");
    for (int d = 0; d < codes_->dim; ++d) text += QStringLiteral(",z%1").arg(d);
    const bool lv = !codes_->logvar.empty();
    for (int d = 0; lv && d < codes_->dim; ++d) text += QStringLiteral(",logvar%1").arg(d);
    text += '\n';
    for (int i = 0; i < codes_->count; ++i) {
        text += QStringLiteral("%1,%2").arg(i).arg(codes_->labels[size_t(i)]);
        for (int d = 0; d < codes_->dim; ++d) text += ',' + QString::number(codes_->at(i, d), 'g', 7);
        for (int d = 0; lv && d < codes_->dim; ++d) text += ',' + QString::number(codes_->logvar[size_t(i) * size_t(codes_->dim) + size_t(d)], 'g', 7);
        text += '\n';
    }
    QString error;
    if (!writeText(path, text, &error)) {
        showError(tr("Could not export the codes"), error);
        return false;
    }
    return true;
}

bool MainWindow::exportLossCsv(const QString& path)
{
    QString error;
    if (!writeText(path, chart_->historyCsv(), &error)) {
        showError(tr("Could not export the loss history"), error);
        return false;
    }
    return true;
}

void MainWindow::closeEvent(QCloseEvent* e)
{
    const bool training = isTraining();
    if (training || (unsaved_ && session_)) {
        CloseChoice choice = CloseChoice::Cancel;
        if (closePrompt_) {
            choice = closePrompt_(training);
        } else {
            QMessageBox box(QMessageBox::Question, tr("Quit Latent Explorer"),
                            training ? tr("Training is still running. Stop it and quit?") : tr("The model is not saved."),
                            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
            box.setInformativeText(tr("Save the model before quitting?"));
            box.setDefaultButton(QMessageBox::Save);
            const int answer = box.exec();
            choice = answer == QMessageBox::Save ? CloseChoice::Save : answer == QMessageBox::Discard ? CloseChoice::Discard : CloseChoice::Cancel;
        }
        if (choice == CloseChoice::Cancel) {
            e->ignore();
            return;
        }
        stopAndWait();
        if (choice == CloseChoice::Save && !saveCurrentModel()) {
            e->ignore();
            return;
        }
    }
    saveSettings();
    e->accept();
}
