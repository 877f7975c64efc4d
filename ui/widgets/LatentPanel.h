#pragma once
#include "session/InferenceSession.h"  // GridSpec, LatentCodes (no torch)

#include <QWidget>

class ExplorerView;
class ReplayBar;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSettings;
class QSpinBox;
class QWidget;

// The latent view with its controls: manifold grid (on/off, n, fitted to the codes, a fixed
// range or Gaussian quantiles) and, for latent sizes above 2, which two dims are plotted and
// where the other dims are held (zero, the codes' mean, or the selected digit's code).
class LatentPanel : public QWidget {
    Q_OBJECT
public:
    explicit LatentPanel(QWidget* parent = nullptr);
    ExplorerView* view() const { return view_; }
    ReplayBar* replayBar() const { return replay_; }

    void setLatentDim(int dim);             // 0: the model has no latent space
    void setConditional(bool conditional);  // shows the "draw digit" choice of a cvae
    int latentDim() const { return latentDim_; }
    GridSettings settings() const;  // dims as the view shows them
    bool gridVisible() const;
    // With no dataset, a button above the view offers to open a folder of IDX files.
    void setDatasetMissing(bool missing);
    // Says in the view where nameOrDir was looked for and how to get a dataset.
    void showDatasetMissing(const QString& nameOrDir, const QStringList& searched);

    void setGridSize(int n);
    void setGridArea(GridSettings::Area area, double range = 3.0);
    void saveSettings(QSettings& s) const;
    void loadSettings(QSettings& s);

Q_SIGNALS:
    void gridSettingsChanged();  // n, area, held dims: the grid must be decoded again
    void dimsChanged(int dimX, int dimY);
    void openDatasetRequested();

private:
    // The rows shown only for some models: which two dims are plotted (latent > 2), which digit a
    // conditional VAE draws.
    void makeDimsRow();
    // How the points lie over the grid: size, opacity, how many, labels on the clusters, and the
    // grid's own opacity (LatentView::PointStyle).
    void makePointsRow();
    void applyPointStyle();
    void makeConditionRow();

    ExplorerView* view_;
    ReplayBar* replay_;
    QCheckBox* gridBox_;
    QSpinBox* gridN_;
    QComboBox* gridArea_;
    QDoubleSpinBox* range_;
    QWidget* pointsRow_;
    QSpinBox* pointSize_;
    QSlider* pointOpacity_;
    QComboBox* pointLimit_;
    QCheckBox* clusterLabels_;
    QSlider* gridOpacity_;
    QWidget* dimsRow_;
    QComboBox* dimX_;
    QComboBox* dimY_;
    QComboBox* held_;
    QPushButton* openData_;
    QWidget* conditionRow_;
    QComboBox* condition_;
    int latentDim_ = 0;
};
