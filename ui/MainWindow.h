#pragma once
#include "DigitDataset.h"
#include "ModelSession.h"
#include "TrainingWorker.h"

#include <QFutureWatcher>
#include <QMainWindow>

#include <functional>
#include <memory>

class LatentPanel;
class LatentView;
class LossChart;
class GeneratePanel;
class OwnDigitPanel;
class PcaComparePanel;
class PreviewPanel;
class QAction;
class QDockWidget;
class QThread;
class TrainingPanel;

// The explorer: training form, live loss chart, latent view and decoded preview in docks. The
// training runs in a TrainingWorker on its own QThread; every epoch it publishes a private copy of
// the weights, which the window wraps in a ModelSession. Encoding the test digits and decoding
// the grid run as background jobs on that copy; only single points are decoded on this thread.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class CloseChoice { Save, Discard, Cancel };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    TrainingPanel* trainingPanel() const { return training_; }
    LossChart* lossChart() const { return chart_; }
    LatentPanel* latentPanel() const { return latent_; }
    LatentView* latentView() const;
    PreviewPanel* previewPanel() const { return preview_; }
    OwnDigitPanel* ownDigitPanel() const { return ownDigit_; }
    GeneratePanel* generatePanel() const { return generate_; }
    PcaComparePanel* comparePanel() const { return compare_; }
    bool isScoring() const { return pcaWatcher_.isRunning() || scoresWatcher_.isRunning(); }

    bool loadDataset(const QString& nameOrDir);
    const DigitDataset& dataset() const { return data_; }
    ModelSessionPtr session() const { return session_; }
    bool isTraining() const { return thread_ != nullptr; }
    bool isPaused() const;
    bool hasUnsavedModel() const { return unsaved_; }
    bool isRefreshing() const { return jobRunning_ || pendingCodes_ || pendingGrid_; }
    // The latent vector the preview shows for the current cursor (empty without a cursor).
    std::vector<float> cursorLatent() const;

    bool openModel(const QString& path);
    bool showOwnDigit(const QString& picturePath);  // opens it in the Your Digit dock, brought to front
    bool saveModel(const QString& path);
    bool exportGridPng(const QString& path);
    bool exportScatterPng(const QString& path);
    bool exportCodesCsv(const QString& path);
    bool exportLossCsv(const QString& path);

    // Tests and scripts replace the modal dialogs: the close question (told whether training
    // is still running) and error reports.
    void setClosePrompt(std::function<CloseChoice(bool training)> prompt) { closePrompt_ = std::move(prompt); }
    void setErrorReporter(std::function<void(const QString& title, const QString& text)> f) { reportError_ = std::move(f); }
    void setConfirmHandler(std::function<bool(const QString& question)> f) { confirm_ = std::move(f); }

public Q_SLOTS:
    void startTraining();
    void togglePause();
    void stopTraining();
    void refreshLatent();  // re-encode and re-decode the grid (e.g. after a dataset change)

Q_SIGNALS:
    void trainingFinished(TrainingWorker::Outcome outcome, const QString& message);
    void latentRefreshed();  // codes and grid of the current model are on screen
    void previewChanged();

protected:
    void closeEvent(QCloseEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;  // picture files and images: the own-digit panel
    void dropEvent(QDropEvent* e) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void restoreSettings();
    void saveSettings() const;
    void updateActions();
    void updateTitle();
    void showError(const QString& title, const QString& text);
    bool confirm(const QString& question);
    void setSession(ModelSessionPtr session, bool unsaved);
    void stopAndWait();
    void requestRefresh(bool codes);
    void runNextJob();
    void updateCursorPreview();
    std::vector<float> selectedCode() const;
    QString className(int label) const;
    QString askSavePath();
    bool saveCurrentModel();  // to its file, or asks for one

    void onModelPublished(const ModelSnapshot& model);
    void onLatentPublished(const LatentUpdate& update);
    void onProgress(const TrainingProgress& p);
    void onEpochFinished(const EpochSummary& s);
    void onTrainingFinished(TrainingWorker::Outcome outcome, const QString& message);
    void onCursorMoved(const QPointF& xy);
    void onPointClicked(int index);
    void showOwnDigitMarker();
    void showPath();
    void scoreLatent();  // background: 5-NN and silhouette of the current model's codes

    TrainingPanel* training_;
    LossChart* chart_;
    LatentPanel* latent_;
    PreviewPanel* preview_;
    OwnDigitPanel* ownDigit_;
    GeneratePanel* generate_;
    PcaComparePanel* compare_;
    QFutureWatcher<PcaComparison> pcaWatcher_;
    QFutureWatcher<EmbeddingScores> scoresWatcher_;
    ModelSessionPtr scoredSession_;
    LatentPath path_;
    QDockWidget* ownDigitDock_ = nullptr;
    DigitEncoding ownDigitCode_;

    QAction* openAction_;
    QAction* saveAction_;
    QAction* saveAsAction_;
    QAction* openDatasetAction_;
    QAction* openPictureAction_;
    QAction* pastePictureAction_;
    QAction* exportGridAction_;
    QAction* exportScatterAction_;
    QAction* exportCodesAction_;
    QAction* exportLossAction_;
    QAction* quitAction_;
    QAction* trainAction_;
    QAction* pauseAction_;
    QAction* stopAction_;
    QAction* fitAction_;

    DigitDataset data_;
    QString dataError_;
    ModelSessionPtr session_;
    std::shared_ptr<const LatentCodes> codes_;  // of codesSession_
    ModelSessionPtr codesSession_;
    QString modelPath_;
    bool unsaved_ = false;

    QThread* thread_ = nullptr;
    TrainingWorker* worker_ = nullptr;
    bool variationalRun_ = true;

    QFutureWatcher<LatentCodes> codesWatcher_;
    QFutureWatcher<DecodedGrid> gridWatcher_;
    ModelSessionPtr jobSession_;
    bool jobRunning_ = false, pendingCodes_ = false, pendingGrid_ = false;

    std::function<CloseChoice(bool)> closePrompt_;
    std::function<void(const QString&, const QString&)> reportError_;
    std::function<bool(const QString&)> confirm_;
};
