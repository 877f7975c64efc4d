#pragma once
// No torch headers: the window composes parts that keep torch in their .cpp files.
#include "session/BackgroundJob.h"
#include "session/DigitDataset.h"
#include "session/DigitNeighbours.h"
#include "widgets/LatentMapPainter.h"  // LatentHoverCard
#include "widgets/LatentSpaceController.h"
#include "session/InferenceSession.h"
#include "session/TrainingWorker.h"

#include <QMainWindow>

#include <functional>
#include <memory>

class AutosaveStore;
class ExportActions;
class GeneratePanel;
class LatentPanel;
class ExplorerView;
class LatentView;
class LossChart;
class OwnDigitPanel;
class PcaComparePanel;
class PreviewPanel;
class MapReplay;
class SecondModelPanel;
class SelectionPanel;
class QDockWidget;
class TrainingPanel;
class TrainingRun;
class WindowActions;

// The explorer: training form, live loss chart, latent view and decoded preview in docks. It
// wires parts together: a TrainingRun trains on its own thread and publishes a private copy of
// the weights every epoch, which the window wraps in a InferenceSession; the LatentSpaceController
// shows it in the latent view (codes and grid from background jobs, the cursor's point decoded
// on this thread); scores run as BackgroundJobs; ExportActions writes what can be exported.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class CloseChoice { Save, Discard, Cancel };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    TrainingPanel* trainingPanel() const { return training_; }
    LossChart* lossChart() const { return chart_; }
    LatentPanel* latentPanel() const { return latent_; }
    ExplorerView* latentView() const;
    PreviewPanel* previewPanel() const { return preview_; }
    SelectionPanel* selectionPanel() const { return selection_; }
    OwnDigitPanel* ownDigitPanel() const { return ownDigit_; }
    GeneratePanel* generatePanel() const { return generate_; }
    PcaComparePanel* comparePanel() const { return compare_; }
    ExportActions* exports() const { return exports_; }
    bool isScoring() const;

    bool loadDataset(const QString& nameOrDir);
    const DigitDataset& dataset() const { return data_; }
    InferenceSessionPtr session() const { return session_; }
    bool isTraining() const { return run_ != nullptr; }
    bool isPaused() const;
    bool hasUnsavedModel() const { return unsaved_; }
    bool isRefreshing() const { return space_->isRefreshing(); }
    // The latent vector the preview shows for the current cursor (empty without a cursor).
    std::vector<float> cursorLatent() const { return space_->cursorLatent(); }

    bool openModel(const QString& path);
    // A second model beside the first, its map of the same test digits linked to the first's
    // (hover rings the digit in the other, a selection is both's); encoded on a background job.
    bool openSecondModel(const QString& path);
    void closeSecondModel();
    SecondModelPanel* secondModelPanel() const { return second_; }
    InferenceSessionPtr secondSession() const { return secondSession_; }
    bool isEncodingSecondModel() const { return secondJob_.isBusy(); }
    void showOwnDigit(const QString& picturePath);  // opens it in the Your Digit dock, brought to front
    bool saveModel(const QString& path);

    // Tests and scripts replace the modal dialogs: the close question (told whether training
    // is still running) and error reports.
    void setClosePrompt(std::function<CloseChoice(bool training)> prompt) { closePrompt_ = std::move(prompt); }
    void setErrorReporter(std::function<void(const QString& title, const QString& text)> f) { reportError_ = std::move(f); }
    void setConfirmHandler(std::function<bool(const QString& question)> f) { confirm_ = std::move(f); }

    AutosaveStore& autosave() const { return *autosave_; }

public Q_SLOTS:
    void startTraining();
    // The current model for the form's number of epochs more, with its own settings.
    void continueTraining();
    // Offers the model a window that crashed or was killed left behind (autosaved every epoch).
    void offerRestore();
    void togglePause();
    void stopTraining();

Q_SIGNALS:
    void trainingStarted(TrainingRun* run);  // connect to its signals to follow it (benchmarks)
    void trainingFinished(TrainingWorker::Outcome outcome, const QString& message);
    void latentRefreshed();  // codes and grid of the current model are on screen
    void previewChanged();

protected:
    void closeEvent(QCloseEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;  // picture files and images: the own-digit panel
    void dropEvent(QDropEvent* e) override;

private:
    void connectActions();
    void connectPanels();
    void createDocks();
    void restoreSettings();
    void saveSettings() const;
    void updateActions();
    void updateTitle();
    void showError(const QString& title, const QString& text);
    bool confirm(const QString& question);
    CloseChoice askToClose(bool training);
    void setSession(InferenceSessionPtr session, bool unsaved);
    void useDataset(DigitDataset data);  // shown from now on (the view, the compare panel, the grid)
    void stopAndWait();
    bool saveCurrentModel();  // to its file, or asks for one
    void raiseOwnDigit();

    void startRun(TrainingRequest request);
    void onEpochFinished(const EpochSummary& s);
    void onTrainingFinished(TrainingWorker::Outcome outcome, const QString& message);
    void onPointClicked(int index);
    void onPointHovered(int index);
    void onSecondPointHovered(int index);
    LatentHoverCard hoverCardFor(int index, const InferenceSession& model) const;
    void findNeighbours(int index);
    void showNeighbours(const DigitNeighbours& found);
    void onSelectionChanged();
    void showSavedTraining(const InferenceSessionPtr& s);
    void updateReplay();  // the session's history as the replay bar's span
    void showReplayAt(double epoch);
    void decodeSelectionMean();
    void exportSelectionSheet();

    TrainingPanel* training_;
    LossChart* chart_;
    LatentPanel* latent_;
    PreviewPanel* preview_;
    SelectionPanel* selection_;
    SecondModelPanel* second_;
    QDockWidget* selectionDock_ = nullptr;
    OwnDigitPanel* ownDigit_;
    GeneratePanel* generate_;
    PcaComparePanel* compare_;
    WindowActions* actions_;
    ExportActions* exports_;
    LatentSpaceController* space_;
    QDockWidget* ownDigitDock_ = nullptr;

    DigitDataset data_;
    QString dataError_;
    InferenceSessionPtr session_;
    QString modelPath_;
    bool unsaved_ = false;

    std::unique_ptr<TrainingRun> run_;
    std::unique_ptr<AutosaveStore> autosave_;
    BackgroundJob<DigitNeighbours> neighboursJob_;
    BackgroundJob<QImage> selectionSheetJob_;
    std::unique_ptr<MapReplay> replay_;
    InferenceSessionPtr secondSession_;
    BackgroundJob<std::pair<LatentCodes, DecodedGrid>> secondJob_;

    std::function<CloseChoice(bool)> closePrompt_;
    std::function<void(const QString&, const QString&)> reportError_;
    std::function<bool(const QString&)> confirm_;
};
