#include "widgets/LatentPanel.h"

#include "widgets/ExplorerView.h"
#include "widgets/ReplayBar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <iterator>

LatentPanel::LatentPanel(QWidget* parent) : QWidget(parent)
{
    view_ = new ExplorerView(this);

    gridBox_ = new QCheckBox(tr("&Grid"), this);
    gridBox_->setChecked(true);
    gridBox_->setToolTip(tr("Show the decoded manifold grid under the scatter"));
    gridN_ = new QSpinBox(this);
    gridN_->setRange(2, 40);
    gridN_->setValue(20);
    gridN_->setPrefix(tr("n = "));
    gridArea_ = new QComboBox(this);
    gridArea_->addItem(tr("fitted to the codes"));
    gridArea_->addItem(tr("over ± range"));
    gridArea_->addItem(tr("Gaussian quantiles"));
    gridArea_->setToolTip(tr("Gaussian quantiles: z = Φ⁻¹(p), p evenly spaced in (0.05, 0.95), as in Kingma & Welling"));
    range_ = new QDoubleSpinBox(this);
    range_->setRange(0.1, 1000);
    range_->setValue(3.0);
    range_->setPrefix(tr("± "));
    auto* fit = new QPushButton(tr("&Fit view"), this);
    fit->setToolTip(tr("Zoom to the encoded digits (double-click or Home in the view)"));

    auto* top = new QHBoxLayout;
    top->addWidget(gridBox_);
    top->addWidget(gridN_);
    top->addWidget(gridArea_);
    top->addWidget(range_);
    top->addStretch(1);
    top->addWidget(fit);

    makePointsRow();
    makeDimsRow();

    openData_ = new QPushButton(tr("Open a Dataset &Folder…"), this);
    openData_->setToolTip(tr("A folder holding train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte "
                             "and t10k-labels-idx1-ubyte (plain or .gz)"));
    openData_->hide();
    connect(openData_, &QPushButton::clicked, this, &LatentPanel::openDatasetRequested);

    makeConditionRow();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(pointsRow_);
    layout->addWidget(conditionRow_);
    layout->addWidget(openData_, 0, Qt::AlignHCenter);
    layout->addWidget(dimsRow_);
    layout->addWidget(view_, 1);
    replay_ = new ReplayBar(this);
    layout->addWidget(replay_);

    connect(gridBox_, &QCheckBox::toggled, view_, &LatentView::setGridVisible);
    connect(gridN_, &QSpinBox::valueChanged, this, &LatentPanel::gridSettingsChanged);
    connect(range_, &QDoubleSpinBox::valueChanged, this, &LatentPanel::gridSettingsChanged);
    connect(gridArea_, &QComboBox::currentIndexChanged, this, [this](int i) {
        range_->setEnabled(i == int(GridSettings::Area::Range));
        Q_EMIT gridSettingsChanged();
    });
    connect(held_, &QComboBox::currentIndexChanged, this, &LatentPanel::gridSettingsChanged);
    auto dimsChangedNow = [this] {
        if (dimX_->currentIndex() < 0 || dimY_->currentIndex() < 0) return;
        view_->setDims(dimX_->currentIndex(), dimY_->currentIndex());
        Q_EMIT dimsChanged(dimX_->currentIndex(), dimY_->currentIndex());
        Q_EMIT gridSettingsChanged();
    };
    connect(dimX_, &QComboBox::activated, this, dimsChangedNow);
    connect(dimY_, &QComboBox::activated, this, dimsChangedNow);
    connect(fit, &QPushButton::clicked, view_, &LatentView::fitToData);
    range_->setEnabled(false);
}

namespace {
// "How many points": the values behind the choices (-1: all, 0: none).
const int kPointLimits[] = {-1, 5000, 2000, 500, 0};
}  // namespace

void LatentPanel::makePointsRow()
{
    const LatentView::PointStyle defaults;
    pointsRow_ = new QWidget(this);
    pointSize_ = new QSpinBox(pointsRow_);
    pointSize_->setRange(1, 12);
    pointSize_->setValue(int(defaults.size));
    pointSize_->setSuffix(tr(" px"));
    pointSize_->setToolTip(tr("Size of each encoded digit's mark"));
    pointOpacity_ = new QSlider(Qt::Horizontal, pointsRow_);
    pointOpacity_->setRange(5, 100);
    pointOpacity_->setValue(int(std::lround(defaults.opacity * 100)));
    pointOpacity_->setMinimumWidth(50);
    pointOpacity_->setMaximumWidth(90);
    pointOpacity_->setToolTip(tr("Opacity of the points"));
    pointLimit_ = new QComboBox(pointsRow_);
    pointLimit_->setObjectName("pointLimit");
    const QLocale locale;
    pointLimit_->addItems({tr("all"), locale.toString(5000), locale.toString(2000), locale.toString(500), tr("none")});
    pointLimit_->setCurrentIndex(
        int(std::find(std::begin(kPointLimits), std::end(kPointLimits), defaults.limit) - std::begin(kPointLimits)));
    pointLimit_->setToolTip(tr("How many test digits are drawn: a subset keeps each class's share, so every cluster keeps its shape"));
    clusterLabels_ = new QCheckBox(tr("&Labels"), pointsRow_);
    clusterLabels_->setChecked(defaults.clusterLabels);
    clusterLabels_->setToolTip(tr("Each class's digit at the middle (median) of its points"));
    gridOpacity_ = new QSlider(Qt::Horizontal, pointsRow_);
    gridOpacity_->setRange(0, 100);
    gridOpacity_->setValue(int(std::lround(defaults.gridOpacity * 100)));
    gridOpacity_->setMinimumWidth(50);
    gridOpacity_->setMaximumWidth(90);
    gridOpacity_->setToolTip(tr("Opacity of the decoded grid under the points"));

    auto* row = new QHBoxLayout(pointsRow_);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("Points"), pointsRow_));
    row->addWidget(pointLimit_);
    row->addWidget(pointSize_);
    row->addWidget(pointOpacity_);
    row->addWidget(clusterLabels_);
    row->addStretch(1);
    row->addWidget(new QLabel(tr("Grid"), pointsRow_));
    row->addWidget(gridOpacity_);

    connect(pointSize_, &QSpinBox::valueChanged, this, &LatentPanel::applyPointStyle);
    connect(pointOpacity_, &QSlider::valueChanged, this, &LatentPanel::applyPointStyle);
    connect(pointLimit_, &QComboBox::currentIndexChanged, this, &LatentPanel::applyPointStyle);
    connect(clusterLabels_, &QCheckBox::toggled, this, &LatentPanel::applyPointStyle);
    connect(gridOpacity_, &QSlider::valueChanged, this, &LatentPanel::applyPointStyle);
}

void LatentPanel::applyPointStyle()
{
    LatentView::PointStyle style;
    style.size = pointSize_->value();
    style.opacity = pointOpacity_->value() / 100.0;
    style.limit = kPointLimits[std::clamp(pointLimit_->currentIndex(), 0, int(std::size(kPointLimits)) - 1)];
    style.clusterLabels = clusterLabels_->isChecked();
    style.gridOpacity = gridOpacity_->value() / 100.0;
    view_->setPointStyle(style);
}

void LatentPanel::makeDimsRow()
{
    dimsRow_ = new QWidget(this);
    dimX_ = new QComboBox(dimsRow_);
    dimY_ = new QComboBox(dimsRow_);
    dimX_->setObjectName("dimX");
    dimY_->setObjectName("dimY");
    held_ = new QComboBox(dimsRow_);
    held_->addItems({tr("zero"), tr("the mean of the codes"), tr("the selected digit's code")});
    held_->setCurrentIndex(int(GridSettings::Held::Mean));  // zero means nothing for a plain AE's codes
    auto* dims = new QHBoxLayout(dimsRow_);
    dims->setContentsMargins(0, 0, 0, 0);
    dims->addWidget(new QLabel(tr("Plot"), dimsRow_));
    dims->addWidget(dimX_);
    dims->addWidget(new QLabel(tr("against"), dimsRow_));
    dims->addWidget(dimY_);
    dims->addWidget(new QLabel(tr("other dims held at"), dimsRow_));
    dims->addWidget(held_);
    dims->addStretch(1);
    dimsRow_->hide();
}

void LatentPanel::makeConditionRow()
{
    conditionRow_ = new QWidget(this);
    condition_ = new QComboBox(conditionRow_);
    for (int d = 0; d < 10; ++d) condition_->addItem(QString::number(d));
    auto* conditionLayout = new QHBoxLayout(conditionRow_);
    conditionLayout->setContentsMargins(0, 0, 0, 0);
    conditionLayout->addWidget(new QLabel(tr("Conditional VAE: draw digit"), conditionRow_));
    conditionLayout->addWidget(condition_);
    conditionLayout->addWidget(new QLabel(tr("(the plane is its style space)"), conditionRow_));
    conditionLayout->addStretch(1);
    conditionRow_->hide();
    connect(condition_, &QComboBox::currentIndexChanged, this, &LatentPanel::gridSettingsChanged);
}

void LatentPanel::setLatentDim(int dim)
{
    if (dim == latentDim_) return;
    latentDim_ = dim;
    for (QComboBox* c : {dimX_, dimY_}) {
        QSignalBlocker block(c);
        c->clear();
        for (int d = 0; d < dim; ++d) c->addItem(QStringLiteral("z%1").arg(d));
    }
    dimX_->setCurrentIndex(0);
    dimY_->setCurrentIndex(dim > 1 ? 1 : 0);
    dimsRow_->setVisible(dim > 2);
    view_->setDims(0, dim > 1 ? 1 : 0);
}

void LatentPanel::setConditional(bool conditional) { conditionRow_->setVisible(conditional); }

void LatentPanel::setDatasetMissing(bool missing) { openData_->setVisible(missing); }

void LatentPanel::showDatasetMissing(const QString& nameOrDir, const QStringList& searched)
{
    view()->setMessage(tr("No dataset found for \"%1\".\n\nLooked in:\n%2\n\nTo get one: run "
                          "\"bash scripts/bootstrap.sh setup\" (imports MNIST), install the Debian "
                          "package dataset-fashion-mnist, or use File > Open Dataset Folder… to pick "
                          "a folder with the four IDX files.")
                           .arg(nameOrDir, searched.join('\n')));
    setDatasetMissing(true);
}

bool LatentPanel::gridVisible() const { return gridBox_->isChecked(); }

void LatentPanel::setGridSize(int n) { gridN_->setValue(n); }

void LatentPanel::setGridArea(GridSettings::Area area, double range)
{
    range_->setValue(range);
    gridArea_->setCurrentIndex(int(area));
}

GridSettings LatentPanel::settings() const
{
    GridSettings s;
    s.n = gridN_->value();
    s.area = GridSettings::Area(gridArea_->currentIndex());
    s.range = range_->value();
    s.dimX = view_->dimX();
    s.dimY = view_->dimY();
    s.held = GridSettings::Held(held_->currentIndex());
    s.condition = condition_->currentIndex();
    return s;
}

void LatentPanel::saveSettings(QSettings& s) const
{
    s.beginGroup("latent");
    s.setValue("grid", gridBox_->isChecked());
    s.setValue("gridN", gridN_->value());
    s.setValue("gridArea", gridArea_->currentIndex());
    s.setValue("range", range_->value());
    s.setValue("held", held_->currentIndex());
    s.setValue("pointSize", pointSize_->value());
    s.setValue("pointOpacity", pointOpacity_->value());
    s.setValue("pointLimit", pointLimit_->currentIndex());
    s.setValue("clusterLabels", clusterLabels_->isChecked());
    s.setValue("gridOpacity", gridOpacity_->value());
    s.endGroup();
}

void LatentPanel::loadSettings(QSettings& s)
{
    s.beginGroup("latent");
    gridBox_->setChecked(s.value("grid", true).toBool());
    gridN_->setValue(s.value("gridN", 20).toInt());
    range_->setValue(s.value("range", 3.0).toDouble());
    gridArea_->setCurrentIndex(std::clamp(s.value("gridArea", 0).toInt(), 0, 2));
    held_->setCurrentIndex(std::clamp(s.value("held", int(GridSettings::Held::Mean)).toInt(), 0, 2));
    pointSize_->setValue(s.value("pointSize", pointSize_->value()).toInt());
    pointOpacity_->setValue(s.value("pointOpacity", pointOpacity_->value()).toInt());
    pointLimit_->setCurrentIndex(std::clamp(s.value("pointLimit", pointLimit_->currentIndex()).toInt(), 0, pointLimit_->count() - 1));
    clusterLabels_->setChecked(s.value("clusterLabels", clusterLabels_->isChecked()).toBool());
    gridOpacity_->setValue(s.value("gridOpacity", gridOpacity_->value()).toInt());
    s.endGroup();
}
