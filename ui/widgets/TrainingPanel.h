#pragma once
#include "session/TrainingWorker.h"  // TrainingRequest, TrainingProgress (no torch)

#include <QWidget>

class QAction;
class TrainingRun;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QSettings;
class QSpinBox;
class QToolButton;

// The training form: dataset, model, hyper-parameters with sensible ranges, the Train / Pause /
// Stop buttons (driven by the window's actions, so shortcuts and menus stay in step) and a
// progress bar with epoch, step, samples/s and time left.
class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget* parent = nullptr);

    void setActions(QAction* train, QAction* continueTraining, QAction* pause, QAction* stop);
    TrainingRequest request() const;
    void setRequest(const TrainingRequest& r);
    void setRunning(bool running);
    void showProgress(const TrainingProgress& p);
    // Shows a run's progress and how it ended (errors are the window's to report).
    void follow(const TrainingRun* run);
    void showStatus(const QString& text);  // under the progress bar
    QString statusText() const;
    void saveSettings(QSettings& s) const;
    void loadSettings(QSettings& s);

    // Presets of the whole form (model and hyper-parameters).
    void applyPreset(int index);

Q_SIGNALS:
    void browseDatasetRequested();
    void datasetChanged(const QString& nameOrDir);

public:
    QComboBox* datasetBox() const { return dataset_; }
    QComboBox* modelBox() const { return model_; }
    QSpinBox* epochsBox() const { return epochs_; }

private:
    // The form's rows: dataset, preset, model and architecture; then the training settings.
    void addModelRows(QFormLayout* form);
    void addTrainingRows(QFormLayout* form);
    void addMapRows(QFormLayout* form);
    void showPreparation(const QString& stage, double fraction);
    void updateEnabledFields();
    void fillArchitectures();

    QComboBox* dataset_;
    QComboBox* preset_;
    QComboBox* model_;
    QComboBox* arch_;
    QSpinBox* latent_;
    QSpinBox* epochs_;
    QSpinBox* batch_;
    QDoubleSpinBox* lr_;
    QDoubleSpinBox* beta_;
    QSpinBox* warmup_;
    QDoubleSpinBox* noise_;
    QSpinBox* mapNeighbours_;
    QDoubleSpinBox* minDist_;
    QDoubleSpinBox* mapWeight_;
    QDoubleSpinBox* layoutWeight_;
    QSpinBox* seed_;
    QSpinBox* threads_;
    QComboBox* device_ = nullptr;  // only where a GPU exists
    QSpinBox* every_;
    QToolButton* trainButton_;
    QToolButton* pauseButton_;
    QToolButton* stopButton_;
    QToolButton* continueButton_;
    QProgressBar* progress_;
    QLabel* status_;
    bool running_ = false;
};
