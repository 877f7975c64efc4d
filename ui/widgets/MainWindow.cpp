#include "widgets/MainWindow.h"

#include "models/ModelCatalog.h"

#include "session/AutosaveStore.h"
#include "widgets/ExportActions.h"
#include "widgets/ExplorerView.h"
#include "widgets/FileDialogs.h"
#include "widgets/GeneratePanel.h"
#include "widgets/LatentPanel.h"
#include "widgets/LatentView.h"
#include "widgets/LossChart.h"
#include "widgets/OwnDigitPanel.h"
#include "widgets/PcaComparePanel.h"
#include "widgets/NeighboursPanel.h"
#include "widgets/MapReplay.h"
#include "widgets/PreviewPanel.h"
#include "widgets/ReplayBar.h"
#include "widgets/SecondModelPanel.h"
#include "widgets/SelectionPanel.h"
#include "widgets/ScrollPanel.h"
#include "widgets/TrainingPanel.h"
#include "session/TrainingRun.h"
#include "widgets/WindowActions.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>

#include <cmath>

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName("MainWindow");
    setWindowTitle(tr("Latent Explorer"));
    latent_ = new LatentPanel(this);
    // The map, and a second model's beside it when one is opened to compare.
    auto* centre = new QSplitter(this);
    centre->addWidget(latent_);
    second_ = new SecondModelPanel(this);
    centre->addWidget(second_);
    second_->hide();
    setCentralWidget(centre);
    training_ = new TrainingPanel(this);
    chart_ = new LossChart(this);
    preview_ = new PreviewPanel(this);
    selection_ = new SelectionPanel(this);
    ownDigit_ = new OwnDigitPanel(this);
    generate_ = new GeneratePanel(this);
    compare_ = new PcaComparePanel(this);
    actions_ = new WindowActions(this);
    ExportActions::Sources sources{[this] { return latentView()->grid().image; }, [this] { return latentView()->grab().toImage(); },
                                   [this] { return space_->codes(); }, [this] { return chart_->historyCsv(); },
                                   [this](const QString& path, QString* error) {
                                       if (session_) return session_->exportTorchScript(path, error);
                                       *error = tr("There is no model to export.");
                                       return false;
                                   }};
    exports_ = new ExportActions(
        this, sources, [this](const QString& t, const QString& m) { showError(t, m); }, this);
    space_ = new LatentSpaceController(latent_, preview_, this);
    autosave_ = std::make_unique<AutosaveStore>();
    setAcceptDrops(true);
    createDocks();
    training_->setActions(actions_->train, actions_->continueTraining, actions_->pause, actions_->stop);
    connectActions();
    connectPanels();
    restoreSettings();
    loadDataset(training_->request().dataset);
    updateActions();
    updateTitle();
}

MainWindow::~MainWindow()
{
    run_.reset();  // stops and joins the training thread
}

bool MainWindow::isScoring() const { return compare_->isScoring(); }

ExplorerView* MainWindow::latentView() const { return latent_->view(); }

void MainWindow::connectActions()
{
    connect(actions_->open, &QAction::triggered, this, [this] {
        const QString path = FileDialogs::openFile(this, tr("Open Model"), "pt", "dirs/models");
        if (!path.isEmpty()) openModel(path);
    });
    connect(actions_->save, &QAction::triggered, this, [this] { saveCurrentModel(); });
    connect(actions_->saveAs, &QAction::triggered, this, [this] {
        const QString path = FileDialogs::saveFile(this, tr("Save Model"), "pt", "dirs/models");
        if (!path.isEmpty()) saveModel(path);
    });
    connect(actions_->openDataset, &QAction::triggered, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder with the four IDX files"),
                                                              data_.isEmpty() ? DigitDataset::dataRoot() : data_.directory());
        if (!dir.isEmpty() && loadDataset(dir)) training_->datasetBox()->setCurrentText(dir);
    });
    connect(actions_->openPicture, &QAction::triggered, this, [this] {
        raiseOwnDigit();
        ownDigit_->openPictureDialog();
    });
    connect(actions_->pastePicture, &QAction::triggered, this, [this] {
        raiseOwnDigit();
        ownDigit_->pasteFromClipboard();
    });
    connect(actions_->quit, &QAction::triggered, this, &QWidget::close);
    connect(actions_->train, &QAction::triggered, this, &MainWindow::startTraining);
    connect(actions_->continueTraining, &QAction::triggered, this, &MainWindow::continueTraining);
    connect(actions_->pause, &QAction::triggered, this, &MainWindow::togglePause);
    connect(actions_->stop, &QAction::triggered, this, &MainWindow::stopTraining);
    connect(actions_->fit, &QAction::triggered, latentView(), &LatentView::fitToData);
    connect(exports_, &ExportActions::wrote, this,
            [this](const QString& path) { statusBar()->showMessage(tr("Wrote %1").arg(path), 5000); });
}

void MainWindow::connectPanels()
{
    connect(latentView(), &LatentView::pointClicked, this, &MainWindow::onPointClicked);
    connect(latentView(), &ExplorerView::pointHovered, this, &MainWindow::onPointHovered);
    connect(latentView(), &ExplorerView::selectionChanged, this, &MainWindow::onSelectionChanged);
    connect(latent_->replayBar(), &ReplayBar::positionChanged, this, &MainWindow::showReplayAt);
    // The second model's map, linked: hover rings the digit in the other view, selections are shared.
    connect(latentView(), &ExplorerView::pointHovered, second_->view(), &ExplorerView::setLinkedPoint);
    connect(second_->view(), &ExplorerView::pointHovered, this, &MainWindow::onSecondPointHovered);
    connect(second_->view(), &ExplorerView::selectionChanged, this, [this] {
        if (latentView()->selection() != second_->view()->selection()) latentView()->setSelection(second_->view()->selection());
    });
    connect(second_, &SecondModelPanel::closeRequested, this, &MainWindow::closeSecondModel);
    connect(actions_->openSecond, &QAction::triggered, this, [this] {
        const QString path = FileDialogs::openFile(this, tr("Open a Second Model to Compare"), "pt", "dirs/models");
        if (!path.isEmpty()) openSecondModel(path);
    });
    connect(selection_, &SelectionPanel::decodeMeanRequested, this, &MainWindow::decodeSelectionMean);
    connect(selection_, &SelectionPanel::exportCsvRequested, this, [this] {
        if (const std::shared_ptr<const LatentCodes> codes = latentView()->codes())
            exports_->exportSelectionCodes(*codes, latentView()->selection());
    });
    connect(selection_, &SelectionPanel::exportSheetRequested, this, &MainWindow::exportSelectionSheet);
    connect(preview_->neighbours(), &NeighboursPanel::digitChosen, this, [this](int index) {
        latentView()->setSelectedIndex(index);
        latentView()->revealPoint(index);
        onPointClicked(index);
    });
    connect(latent_, &LatentPanel::gridSettingsChanged, this, [this] {
        if (run_) run_->setGridSettings(latent_->settings());
    });
    connect(space_, &LatentSpaceController::conditionChanged, this, [this] {
        generate_->setModel(session_);
        ownDigit_->setExplorerModel(session_);
    });
    connect(space_, &LatentSpaceController::refreshed, this, &MainWindow::latentRefreshed);
    connect(space_, &LatentSpaceController::previewChanged, this, &MainWindow::previewChanged);
    connect(ownDigit_, &OwnDigitPanel::digitEncoded, this, [this](const DigitEncoding& e) {
        generate_->setOwnDigit(e.mean);
        space_->setOwnDigit(e);
    });
    connect(generate_, &GeneratePanel::pathChanged, space_, &LatentSpaceController::setPath);
    connect(generate_, &GeneratePanel::exportRequested, exports_, &ExportActions::exportImage);
    connect(ownDigit_, &OwnDigitPanel::message, this, [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(training_, &TrainingPanel::browseDatasetRequested, actions_->openDataset, &QAction::trigger);
    connect(latent_, &LatentPanel::openDatasetRequested, actions_->openDataset, &QAction::trigger);
}

void MainWindow::createDocks()
{
    QMenu* viewMenu = actions_->buildMenus(menuBar(), *exports_);
    // The right-hand docks (preview, Your Digit, Generate) run the window's full height: Your
    // Digit's picture, MNIST-style and denoised digits and latent position then fit without
    // scrolling at the default size; the losses take the width beside them.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    auto dock = [this, viewMenu](QWidget* w, const QString& title, const QString& name, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);  // saveState() needs names
        d->setWidget(w);
        addDockWidget(area, d);
        viewMenu->addAction(d->toggleViewAction());
        return d;
    };
    // The form scrolls rather than spill over the dock below when it is taller than the room
    // (a small screen, or Hindi's taller lines).
    QScrollArea* trainingScroll = newScrollArea(training_, this);
    trainingScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    trainingScroll->setMinimumWidth(training_->minimumSizeHint().width() + trainingScroll->verticalScrollBar()->sizeHint().width());
    dock(trainingScroll, tr("Training"), "trainingDock", Qt::LeftDockWidgetArea);
    QDockWidget* previewDock = dock(preview_, tr("Decoded Preview"), "previewDock", Qt::RightDockWidgetArea);
    ownDigitDock_ = dock(ownDigit_, tr("Your Digit"), "ownDigitDock", Qt::RightDockWidgetArea);
    tabifyDockWidget(previewDock, ownDigitDock_);
    QDockWidget* generateDock = dock(generate_, tr("Generate"), "generateDock", Qt::RightDockWidgetArea);
    tabifyDockWidget(ownDigitDock_, generateDock);
    selectionDock_ = dock(selection_, tr("Selection"), "selectionDock", Qt::RightDockWidgetArea);
    tabifyDockWidget(generateDock, selectionDock_);
    // A dock behind another's tab counts as visible to its widgets; this signal tells them apart.
    connect(generateDock, &QDockWidget::visibilityChanged, generate_, &GeneratePanel::setOnScreen);
    previewDock->raise();
    QDockWidget* losses = dock(chart_, tr("Losses"), "lossDock", Qt::BottomDockWidgetArea);
    QDockWidget* compareDock = dock(compare_, tr("PCA Comparison"), "compareDock", Qt::BottomDockWidgetArea);
    tabifyDockWidget(losses, compareDock);
    connect(compareDock, &QDockWidget::visibilityChanged, compare_, &PcaComparePanel::setOnScreen);
    losses->raise();
    viewMenu->addSeparator();
    viewMenu->addAction(actions_->fit);
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
    if (reportError_)
        reportError_(title, text);
    else
        QMessageBox::warning(this, title, text);
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
        if (!data_.isEmpty()) {
            showError(tr("Could not open the dataset"), error);
            return false;
        }
        latent_->showDatasetMissing(nameOrDir, DigitDataset::searchedPlaces(nameOrDir));
        statusBar()->showMessage(tr("No dataset: %1").arg(error.section('\n', 0, 0)));
        return false;
    }
    useDataset(std::move(d));
    return true;
}

void MainWindow::useDataset(DigitDataset d)
{
    data_ = std::move(d);
    dataError_.clear();
    latent_->setDatasetMissing(false);
    latentView()->setClassNames(data_.classNames());
    compare_->setDataset(data_);
    latentView()->setSelection({});  // indices of the previous dataset's digits
    if (secondSession_) closeSecondModel();
    statusBar()->showMessage(
        tr("Dataset %1: %2 training and %3 test images from %4")
            .arg(data_.name(), QLocale().toString(data_.trainCount()), QLocale().toString(data_.testCount()), data_.directory()));
    latentView()->setMessage(session_ ? QString() : tr("Press Train (F5) to train a model, or open one (Ctrl+O)."));
    space_->setDataset(data_);
}

void MainWindow::updateActions()
{
    actions_->update(isTraining(), isPaused(), session_ != nullptr);
    // A TorchScript module made elsewhere is explored, not trained or saved here.
    const bool script = session_ && session_->isTorchScript();
    if (script) {
        for (QAction* a : {actions_->continueTraining, actions_->save, actions_->saveAs}) a->setEnabled(false);
    }
    exports_->setModelHasLatent(session_ && session_->hasLatent());
    exports_->setModelExportable(session_ && !script && session_->canEncode());
    training_->setRunning(isTraining());
}

void MainWindow::updateTitle()
{
    QString title = tr("Latent Explorer");
    if (session_)
        title += QStringLiteral(" — %1[*]").arg(modelPath_.isEmpty() ? session_->description() : QFileInfo(modelPath_).fileName());
    setWindowTitle(title);
    setWindowModified(unsaved_);
}

bool MainWindow::isPaused() const { return run_ && run_->isPaused(); }

void MainWindow::startTraining()
{
    if (isTraining()) return;
    const TrainingRequest request = training_->request();
    if ((data_.isEmpty() || data_.name() != request.dataset) && !loadDataset(request.dataset)) {
        showError(tr("Cannot train"), dataError_);
        return;
    }
    if (unsaved_ && session_ && !confirm(tr("The current model is not saved. Train a new one and discard it?"))) return;
    const latent::ModelKindInfo* kind = latent::ModelCatalog::find(request.model.toStdString());
    chart_->reset(kind && kind->variational, kind && kind->adversarial, kind && kind->kind == latent::ModelKind::Map);
    setSession(nullptr, false);
    modelPath_.clear();
    latentView()->setMessage(tr("Training is starting…"));
    startRun(request);
}

void MainWindow::continueTraining()
{
    if (isTraining() || !session_) return;
    // The model's own settings and dataset; from the form only how many epochs more and the threads.
    TrainingRequest request = training_->request();
    request.continueFrom = session_->snapshot();
    if (!session_->datasetName().isEmpty() && session_->datasetName() != data_.name() && !loadDataset(session_->datasetName())) {
        showError(tr("Cannot continue training"), dataError_);
        return;
    }
    training_->showStatus(tr("Continuing for %n more epoch(s)…", nullptr, request.epochs));
    startRun(request);
}

void MainWindow::startRun(TrainingRequest request)
{
    request.autosavePath = autosave_->path();
    run_ = std::make_unique<TrainingRun>(request);
    training_->follow(run_.get());
    chart_->follow(run_.get());
    connect(run_.get(), &TrainingRun::epochFinished, this, &MainWindow::onEpochFinished);
    connect(run_.get(), &TrainingRun::modelPublished, this,
            [this](const ModelSnapshot& model) { setSession(std::make_shared<InferenceSession>(model), true); });
    connect(run_.get(), &TrainingRun::latentPublished, space_, &LatentSpaceController::showPublished);
    connect(run_.get(), &TrainingRun::finished, this, &MainWindow::onTrainingFinished);
    connect(run_.get(), &TrainingRun::autosaveFailed, this,
            [this](const QString& message) { statusBar()->showMessage(tr("Autosave failed (training goes on): %1").arg(message), 15000); });
    run_->setGridSettings(latent_->settings());
    space_->setTraining(true);
    Q_EMIT trainingStarted(run_.get());
    run_->start();
    updateActions();
}

void MainWindow::offerRestore()
{
    if (isTraining()) return;
    for (const QString& file : autosave_->leftBehind()) {
        QString error;
        InferenceSessionPtr s = InferenceSession::open(file, &error);
        if (!s) {  // cut short by the crash itself (Checkpoint::save never leaves half a file), or foreign
            AutosaveStore::remove(file);
            continue;
        }
        const QString question = tr("Latent Explorer did not close normally last time. Restore the model it was "
                                    "training (%1, %n epoch(s) trained)?",
                                    nullptr, s->epochsDone())
                                     .arg(s->description());
        if (!confirm(question)) {
            AutosaveStore::remove(file);
            continue;
        }
        if (!autosave_->adopt(file)) continue;
        if (!s->datasetName().isEmpty() && s->datasetName() != data_.name()) loadDataset(s->datasetName());
        showSavedTraining(s);
        setSession(s, true);
        modelPath_.clear();
        updateTitle();
        statusBar()->showMessage(
            tr("Restored %1 after %n epoch(s); Continue Training goes on from there.", nullptr, s->epochsDone()).arg(s->description()),
            15000);
        return;
    }
}

void MainWindow::togglePause()
{
    if (!run_) return;
    const bool pause = !run_->isPaused();
    pause ? run_->pause() : run_->resume();
    training_->showStatus(pause ? tr("Paused. Resume with F6.") : tr("Resumed."));
    updateActions();
}

void MainWindow::stopTraining()
{
    if (!run_) return;
    run_->stop();
    training_->showStatus(tr("Stopping…"));
}

void MainWindow::stopAndWait()
{
    if (run_ && !run_->stopAndWait()) onTrainingFinished(TrainingWorker::Stopped, tr("stopped"));
}

void MainWindow::onEpochFinished(const EpochSummary& s)
{
    // Only the VAEs have a KL on the test digits; the other kinds' test loss is the reconstruction.
    if (!s.hasTest)
        statusBar()->showMessage(tr("Epoch %1/%2 done").arg(s.epoch).arg(s.epochs));
    else if (s.testKl == 0)
        statusBar()->showMessage(
            tr("Epoch %1/%2: test reconstruction loss %3").arg(s.epoch).arg(s.epochs).arg(s.testReconstruction, 0, 'f', 2));
    else
        statusBar()->showMessage(tr("Epoch %1/%2: test loss %3 (reconstruction %4, KL %5)")
                                     .arg(s.epoch)
                                     .arg(s.epochs)
                                     .arg(s.testTotal, 0, 'f', 2)
                                     .arg(s.testReconstruction, 0, 'f', 2)
                                     .arg(s.testKl, 0, 'f', 2));
}

void MainWindow::onTrainingFinished(TrainingWorker::Outcome outcome, const QString& message)
{
    if (!run_) return;
    // The run emitted this signal: delete it once the emission is over (its thread has ended).
    run_->stopAndWait();
    run_.release()->deleteLater();
    space_->setTraining(false);
    if (outcome == TrainingWorker::Diverged) showError(tr("Training diverged"), message);
    if (outcome == TrainingWorker::Failed) showError(tr("Training failed"), message);
    compare_->setModel(session_, false);
    updateActions();
    Q_EMIT trainingFinished(outcome, message);
}

void MainWindow::setSession(InferenceSessionPtr session, bool unsaved)
{
    session_ = std::move(session);
    unsaved_ = session_ && unsaved;
    space_->setSession(session_);
    ownDigit_->setExplorerModel(session_);
    generate_->setModel(session_);
    compare_->setModel(session_, isTraining());
    updateReplay();
    updateActions();
    updateTitle();
}

void MainWindow::raiseOwnDigit()
{
    ownDigitDock_->show();
    ownDigitDock_->raise();
}

void MainWindow::showOwnDigit(const QString& picturePath)
{
    raiseOwnDigit();
    ownDigit_->openPicture(picturePath);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e)
{
    if (OwnDigitPanel::canTake(e->mimeData())) e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e)
{
    raiseOwnDigit();
    // A dropped checkpoint opens as a model; anything else is taken as a picture.
    const QString model = ownDigit_->take(e->mimeData());
    if (!model.isEmpty()) openModel(model);
    e->acceptProposedAction();
}

void MainWindow::onPointClicked(int index)
{
    if (!session_ || data_.isEmpty()) return;
    const QImage digit = data_.testImage(index), reconstruction = session_->reconstruct(data_, index);
    const int label = data_.testLabel(index);
    preview_->showTestDigit(digit, reconstruction, index, label, data_.classNames().value(label));
    generate_->setSelection(space_->selectedCode(), tr("test digit #%1 (label %2)").arg(index).arg(label), digit);
    compare_->showDigit(digit, reconstruction);
    findNeighbours(index);
    if (latent_->settings().held == GridSettings::Held::Selected && latent_->latentDim() > 2) space_->refresh(false);
    Q_EMIT previewChanged();
}

// How the map formed: the session's snapshots (the model's so far while it trains), with the
// labels of the digits they follow.
void MainWindow::updateReplay()
{
    latentView()->endReplay();
    replay_.reset();
    if (session_ && !data_.isEmpty() && session_->history().snapshots.size() >= 2) {
        std::vector<int> labels(size_t(data_.testCount()), 0);
        for (const int32_t d : session_->history().digits)
            if (d >= 0 && d < data_.testCount()) labels[size_t(d)] = data_.testLabel(d);
        replay_ = std::make_unique<MapReplay>(session_->history(), labels);
    }
    latent_->replayBar()->setSpan(replay_ ? replay_->firstEpoch() : 0, replay_ ? replay_->lastEpoch() : 0);
}

void MainWindow::showReplayAt(double epoch)
{
    if (!replay_ || latent_->replayBar()->isLive()) {
        latentView()->endReplay();
        return;
    }
    // The area every frame fits in: needed when the replay starts, then held.
    const QRectF area = latentView()->isReplaying() ? QRectF() : replay_->bounds(latentView()->dimX(), latentView()->dimY());
    latentView()->showReplayFrame(replay_->frameAt(epoch), area);
}

// A saved model's training as it went: its settings in the form (Continue trains with them), its
// loss curve on the chart.
void MainWindow::showSavedTraining(const InferenceSessionPtr& s)
{
    const latent::ModelKindInfo* kind = latent::ModelCatalog::find(s->kindName().toStdString());
    chart_->reset(s->isVariational(), kind && kind->adversarial, kind && kind->kind == latent::ModelKind::Map);
    chart_->showHistory(s->history());
    if (s->isTorchScript()) return;  // made elsewhere: no settings of ours
    TrainingRequest form = requestFor(s->snapshot());
    form.dataset = training_->request().dataset;  // the data shown stays chosen in the form
    training_->setRequest(form);
}

// The clicked digit's neighbours: 10,000 digits measured in pixels and in codes (a few ms to
// tens of ms), so on a background job; a later click replaces a waiting one.
void MainWindow::findNeighbours(int index)
{
    preview_->neighbours()->showSearching();
    const DigitDataset data = data_;
    const std::shared_ptr<const LatentCodes> codes = latentView()->codes();
    neighboursJob_.start([data, codes, index] { return DigitNeighbours::find(data, codes.get(), index); },
                         [this](const DigitNeighbours& found) { showNeighbours(found); });
}

void MainWindow::showNeighbours(const DigitNeighbours& found)
{
    if (found.index < 0 || found.index != latentView()->selectedIndex() || found.index >= data_.testCount()) return;
    auto entries = [this](const std::vector<int>& list) {
        QVector<NeighboursPanel::Entry> out;
        for (const int i : list) out.push_back({i, data_.testLabel(i), data_.testImage(i)});
        return out;
    };
    preview_->neighbours()->showNeighbours(data_.testLabel(found.index), entries(found.codeSpace), entries(found.pixelSpace));
}

bool MainWindow::openSecondModel(const QString& path)
{
    QString error;
    InferenceSessionPtr s = InferenceSession::open(path, &error);
    if (!s || !s->hasLatent() || !s->canEncode() || data_.isEmpty()) {
        showError(tr("Could not open the second model"),
                  s ? tr("%1 has no map of the test digits to compare (no latent space, or no encoder, or no dataset).").arg(path) : error);
        return false;
    }
    secondSession_ = s;
    second_->setTitle(tr("<b>Second model</b>: %1 (%2)").arg(s->description(), QFileInfo(path).fileName()));
    second_->view()->clearModel();
    second_->view()->setClassNames(data_.classNames());
    second_->view()->setMessage(tr("Encoding the test digits…"));
    if (!second_->isVisible()) {
        second_->show();
        auto* centre = static_cast<QSplitter*>(centralWidget());
        const int half = centre->width() / 2;
        centre->setSizes({half, centre->width() - half});  // two maps of one size, side by side
    }
    const DigitDataset data = data_;
    secondJob_.start(
        [s, data] {
            LatentCodes codes = s->encode(data);
            codes.storeCentroid();
            const DecodedGrid grid = s->decodeGrid(GridSettings().spec(s->latentDim(), &codes, {}));
            return std::pair{std::move(codes), grid};
        },
        [this, s](const std::pair<LatentCodes, DecodedGrid>& result) {
            if (s != secondSession_) return;  // closed or replaced meanwhile
            second_->view()->setMessage(QString());
            second_->view()->setCodes(std::make_shared<LatentCodes>(result.first));
            second_->view()->setGrid(result.second);
            second_->view()->setPointStyle(latentView()->pointStyle());
            second_->view()->setSelection(latentView()->selection());
        });
    return true;
}

void MainWindow::closeSecondModel()
{
    secondJob_.cancel();
    secondSession_.reset();
    second_->view()->clearModel();
    second_->hide();
    latentView()->setLinkedPoint(-1);
}

// A digit hovered in the second map: its card there (from the second model), a ring in the first.
void MainWindow::onSecondPointHovered(int index)
{
    latentView()->setLinkedPoint(index);
    if (index >= 0 && secondSession_) second_->view()->setHoverCard(hoverCardFor(index, *secondSession_));
}

// The first digits of the selection as a sheet, and the counts by label (a hundred 28 x 28
// pictures: well under a frame).
void MainWindow::onSelectionChanged()
{
    if (secondSession_ && second_->view()->selection() != latentView()->selection())
        second_->view()->setSelection(latentView()->selection());
    const std::vector<int>& chosen = latentView()->selection();
    QVector<QImage> digits;
    for (size_t k = 0; k < chosen.size() && digits.size() < SelectionPanel::kSheetDigits; ++k)
        if (chosen[k] < data_.testCount()) digits << data_.testImage(chosen[k]);
    selection_->showSelection(int(chosen.size()), latentView()->state().selectionPerClass(), data_.classNames(), digits);
    if (!chosen.empty()) {
        selectionDock_->show();
        selectionDock_->raise();
    }
}

// The mean of the selected digits' codes (every latent dim), decoded.
void MainWindow::decodeSelectionMean()
{
    const std::shared_ptr<const LatentCodes> codes = latentView()->codes();
    const std::vector<int>& chosen = latentView()->selection();
    if (!session_ || !codes || chosen.empty() || codes->dim != session_->latentDim()) return;
    std::vector<double> sum(size_t(codes->dim), 0.0);
    for (const int i : chosen)
        for (int d = 0; d < codes->dim; ++d) sum[size_t(d)] += codes->at(i, d);
    std::vector<float> mean;
    for (const double s : sum) mean.push_back(float(s / double(chosen.size())));
    selection_->showMean(session_->decode(mean));
}

// Every selected digit as one sheet: up to all 10,000 test digits, drawn on a background job.
void MainWindow::exportSelectionSheet()
{
    const std::vector<int> chosen = latentView()->selection();
    const DigitDataset data = data_;
    selectionSheetJob_.start(
        [chosen, data] {
            QVector<QImage> digits;
            for (const int i : chosen)
                if (i < data.testCount()) digits << data.testImage(i);
            const int columns = std::max(1, int(std::ceil(std::sqrt(double(digits.size())))));
            return SelectionPanel::sheetOf(digits, columns);
        },
        [this](const QImage& sheet) { exports_->exportImage(sheet, tr("selection")); });
}

// A hovered digit's card: the test digit itself and a model's decode of its code (one encode and
// decode of one digit: well under a millisecond for the MLP kinds).
LatentHoverCard MainWindow::hoverCardFor(int index, const InferenceSession& model) const
{
    LatentHoverCard card;
    if (index < 0 || index >= data_.testCount()) return card;
    card.index = index;
    card.real = data_.testImage(index);
    card.decoded = model.reconstruct(data_, index);
    const int label = data_.testLabel(index);
    const QString name = data_.classNames().value(label);
    card.caption = tr("#%1 · %2").arg(index).arg(name.isEmpty() ? QString::number(label) : name);
    return card;
}

void MainWindow::onPointHovered(int index)
{
    if (index >= 0 && session_) latentView()->setHoverCard(hoverCardFor(index, *session_));
}

bool MainWindow::saveCurrentModel()
{
    if (!session_) return false;
    const QString path = modelPath_.isEmpty() ? FileDialogs::saveFile(this, tr("Save Model"), "pt", "dirs/models") : modelPath_;
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
    if (!isTraining()) autosave_->discard();  // a running one writes it again next epoch
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
    InferenceSessionPtr s = InferenceSession::open(path, &error);
    if (!s) {
        showError(tr("Could not open the model"), tr("%1\n\nThe current model is unchanged.").arg(error));
        return false;
    }
    // A model trained on another dataset is shown with its own data when that can be found.
    // Read once: the loaded data is used as it is (it was read twice, to check and to use).
    if (!s->datasetName().isEmpty() && s->datasetName() != data_.name()) {
        DigitDataset own = DigitDataset::load(s->datasetName(), nullptr);
        if (!own.isEmpty()) {
            useDataset(std::move(own));
            training_->datasetBox()->setCurrentText(s->datasetName());
        }
    }
    showSavedTraining(s);
    setSession(s, false);
    modelPath_ = path;
    updateTitle();
    statusBar()->showMessage(tr("Opened %1: %2").arg(QFileInfo(path).fileName(), s->description()), 8000);
    return true;
}

MainWindow::CloseChoice MainWindow::askToClose(bool training)
{
    if (closePrompt_) return closePrompt_(training);
    QMessageBox box(QMessageBox::Question, tr("Quit Latent Explorer"),
                    training ? tr("Training is still running. Stop it and quit?") : tr("The model is not saved."),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setInformativeText(tr("Save the model before quitting?"));
    box.setDefaultButton(QMessageBox::Save);
    const int answer = box.exec();
    return answer == QMessageBox::Save ? CloseChoice::Save : answer == QMessageBox::Discard ? CloseChoice::Discard : CloseChoice::Cancel;
}

void MainWindow::closeEvent(QCloseEvent* e)
{
    const bool training = isTraining();
    if (training || (unsaved_ && session_)) {
        const CloseChoice choice = askToClose(training);
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
    autosave_->discard();  // saved, or deliberately discarded
    saveSettings();
    e->accept();
}
