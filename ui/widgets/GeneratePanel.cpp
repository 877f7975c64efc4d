#include "widgets/GeneratePanel.h"

#include "widgets/DigitView.h"
#include "widgets/ScrollPanel.h"

#include "ImageFile.h"
#include "runtime/ThreadGovernor.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

GeneratePanel::GeneratePanel(QWidget* parent) : QWidget(parent)
{
    auto* inner = new QWidget;
    auto* layout = new QVBoxLayout(inner);
    warning_ = new QLabel(inner);
    warning_->setWordWrap(true);
    layout->addWidget(warning_);

    layout->addWidget(makeSampleBox(inner));
    layout->addWidget(makePathBox(inner));
    layout->addWidget(makeNoiseBox(inner));
    layout->addStretch(1);
    connect(sigma_, &QSlider::valueChanged, this, [this] { refresh(); });
    connect(noiseCount_, &QSpinBox::valueChanged, this, [this] { refresh(); });

    fillWithScrollArea(this, inner);
    refresh();
}

QGroupBox* GeneratePanel::makeSampleBox(QWidget* parent)
{
    // Samples from the prior (or the map's fitted density: updateLabels names which).
    auto* sampleBox = new QGroupBox(tr("Sample from the prior N(0, I)"), parent);
    sampleBox_ = sampleBox;
    auto* sampleLayout = new QVBoxLayout(sampleBox);
    auto* sampleRow = new QHBoxLayout;
    sampleCount_ = new QSpinBox(sampleBox);
    sampleCount_->setRange(1, 400);
    sampleCount_->setValue(36);
    sampleCount_->setSuffix(tr(" digits"));
    seed_ = new QSpinBox(sampleBox);
    seed_->setRange(0, 999999);  // six digits keep the row narrow enough for the dock
    seed_->setPrefix(tr("seed "));
    auto* reseed = new QPushButton(tr("&Reseed"), sampleBox);
    auto* exportSamples = new QPushButton(tr("Export…"), sampleBox);
    sampleRow->addWidget(sampleCount_);
    sampleRow->addWidget(seed_);
    sampleRow->addWidget(reseed);
    sampleLayout->addLayout(sampleRow);
    // Two short rows rather than one long one: the dock is narrow.
    auto* sampleRow2 = new QHBoxLayout;
    digitRows_ = new QCheckBox(tr("One row per &digit"), sampleBox);
    digitRows_->setToolTip(tr("A conditional VAE draws each sampled style vector as every digit: row d is digit d, "
                              "each column one style"));
    digitRows_->setChecked(true);
    sampleRow2->addWidget(digitRows_);
    sampleRow2->addStretch(1);
    sampleRow2->addWidget(exportSamples);
    sampleLayout->addLayout(sampleRow2);
    connect(digitRows_, &QCheckBox::toggled, this, [this] { refresh(); });
    samples_ = new DigitView(sampleBox);
    samples_->setMinimumHeight(200);
    samples_->setGrowsWithWidth(true);
    sampleLayout->addWidget(samples_);
    connect(reseed, &QPushButton::clicked, this, [this] { seed_->setValue(seed_->value() + 1); });
    connect(seed_, &QSpinBox::valueChanged, this, [this] { refresh(); });
    connect(sampleCount_, &QSpinBox::valueChanged, this, [this] { refresh(); });
    connect(exportSamples, &QPushButton::clicked, this, [this] { Q_EMIT exportRequested(samples_->image(), tr("samples")); });

    return sampleBox;
}

QGroupBox* GeneratePanel::makePathBox(QWidget* parent)
{
    // Interpolation.
    auto* pathBox = new QGroupBox(tr("Interpolate"), parent);
    auto* pathLayout = new QGridLayout(pathBox);
    for (int k = 0; k < 2; ++k) {
        endLabels_[k] = new QLabel(pathBox);
        endLabels_[k]->setWordWrap(true);
        // Short labels: the dock is narrow; the tooltips say the rest.
        auto* useSelection = new QPushButton(tr("Selected"), pathBox);
        useSelection->setToolTip(tr("%1 = the digit selected in the latent view (click one there first)").arg(k == 0 ? "A" : "B"));
        auto* useOwn = new QPushButton(tr("Your digit"), pathBox);
        useOwn->setToolTip(tr("%1 = the digit of the Your Digit panel").arg(k == 0 ? "A" : "B"));
        pathLayout->addWidget(endLabels_[k], k, 0);
        pathLayout->addWidget(useSelection, k, 1);
        pathLayout->addWidget(useOwn, k, 2);
        connect(useSelection, &QPushButton::clicked, this, [this, k] { useSelectionAs(k); });
        connect(useOwn, &QPushButton::clicked, this, [this, k] {
            if (!ownDigit_.empty()) setEndpoint(k, ownDigit_, tr("your digit"));
        });
    }
    steps_ = new QSpinBox(pathBox);
    steps_->setRange(2, 40);
    steps_->setValue(10);
    steps_->setSuffix(tr(" steps"));
    spherical_ = new QCheckBox(tr("&Spherical (slerp)"), pathBox);
    auto* exportPath = new QPushButton(tr("Export…"), pathBox);
    pathLayout->addWidget(steps_, 2, 0);
    pathLayout->addWidget(spherical_, 2, 1);
    pathLayout->addWidget(exportPath, 2, 2);
    strip_ = new DigitView(pathBox);
    strip_->setGrowsWithWidth(true);
    strip_->setMinimumHeight(90);
    pathLayout->addWidget(strip_, 3, 0, 1, 3);
    connect(steps_, &QSpinBox::valueChanged, this, [this] { refresh(); });
    connect(spherical_, &QCheckBox::toggled, this, [this] { refresh(); });
    connect(exportPath, &QPushButton::clicked, this, [this] { Q_EMIT exportRequested(strip_->image(), tr("interpolation")); });

    return pathBox;
}

QGroupBox* GeneratePanel::makeNoiseBox(QWidget* parent)
{
    // Latent noise around one code.
    auto* noiseBox = new QGroupBox(tr("Latent noise around a digit"), parent);
    auto* noiseLayout = new QVBoxLayout(noiseBox);
    noiseSource_ = new QLabel(noiseBox);
    noiseSource_->setWordWrap(true);
    noiseLayout->addWidget(noiseSource_);
    auto* noiseRow = new QHBoxLayout;
    sigma_ = new QSlider(Qt::Horizontal, noiseBox);
    sigma_->setRange(0, 300);
    sigma_->setValue(50);
    sigmaLabel_ = new QLabel(noiseBox);
    noiseCount_ = new QSpinBox(noiseBox);
    noiseCount_->setRange(1, 100);
    noiseCount_->setValue(16);
    noiseCount_->setSuffix(tr(" digits"));
    noiseRow->addWidget(new QLabel(tr("sigma"), noiseBox));
    noiseRow->addWidget(sigma_, 1);
    noiseRow->addWidget(sigmaLabel_);
    noiseRow->addWidget(noiseCount_);
    noiseLayout->addLayout(noiseRow);
    noise_ = new DigitView(noiseBox);
    noise_->setMinimumHeight(120);
    noise2_ = new DigitView(noiseBox);
    noise2_->setMinimumHeight(120);
    for (DigitView* v : {noise_, noise2_}) v->setGrowsWithWidth(true);
    auto* sheets = new QHBoxLayout;
    sheets->addWidget(noise_);
    sheets->addWidget(noise2_);
    noiseLayout->addLayout(sheets);
    auto* compareRow = new QHBoxLayout;
    noise2Label_ = new QLabel(tr("Compare with another model (e.g. a plain AE beside a VAE):"), noiseBox);
    noise2Label_->setWordWrap(true);
    auto* openCompare = new QPushButton(tr("Model…"), noiseBox);
    compareRow->addWidget(noise2Label_, 1);
    compareRow->addWidget(openCompare);
    noiseLayout->addLayout(compareRow);
    connect(openCompare, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Model to Compare"), QString(), tr("Latent Explorer models (*.pt)"));
        QString error;
        if (!path.isEmpty() && !openComparisonModel(path, &error)) noise2Label_->setText(error);
    });
    return noiseBox;
}

quint64 GeneratePanel::seed() const { return quint64(seed_->value()); }

void GeneratePanel::setModel(InferenceSessionPtr model)
{
    const bool sameShape = model && model_ && model->latentDim() == model_->latentDim();
    model_ = std::move(model);
    if (!sameShape) {
        for (int k = 0; k < 2; ++k) ends_[k].clear();
        selection_.clear();
        ownDigit_.clear();
        if (!path_.points.empty()) {
            path_ = LatentPath();
            Q_EMIT pathChanged(path_);
        }
    }
    refreshWhenShown();
}

void GeneratePanel::setSelection(const std::vector<float>& code, const QString& what, const QImage& digit)
{
    selection_ = code;
    selectionName_ = what;
    selectionImage_ = digit;
    refreshWhenShown();
}

bool GeneratePanel::openComparisonModel(const QString& path, QString* error)
{
    InferenceSessionPtr m = InferenceSession::open(path, error);
    if (m && (!m->hasLatent() || m->isSuperResolution() || m->isConditional())) {
        if (error) *error = tr("%1 has no plain latent space to add noise in").arg(QFileInfo(path).fileName());
        m.reset();
    }
    if (!m) return false;
    comparison_ = m;
    noise2Label_->setText(tr("Right: %1").arg(m->description()));
    refresh();
    return true;
}

void GeneratePanel::setOwnDigit(const std::vector<float>& code) { ownDigit_ = code; }

void GeneratePanel::useSelectionAs(int which)
{
    if (!selection_.empty()) setEndpoint(which, selection_, selectionName_);
}

void GeneratePanel::setEndpoint(int which, const std::vector<float>& code, const QString& what)
{
    ends_[which] = code;
    endNames_[which] = what;
    refresh();
}

void GeneratePanel::setSampling(int n, quint64 seed)
{
    const QSignalBlocker a(sampleCount_), b(seed_);
    sampleCount_->setValue(n);
    seed_->setValue(int(seed));
    refresh();
}

void GeneratePanel::setInterpolation(int steps, bool spherical)
{
    const QSignalBlocker a(steps_), b(spherical_);
    steps_->setValue(steps);
    spherical_->setChecked(spherical);
    refresh();
}

void GeneratePanel::setNoise(double sigma, int n, quint64 seed)
{
    const QSignalBlocker a(sigma_), b(noiseCount_), c(seed_);
    sigma_->setValue(int(std::lround(sigma * 100)));
    noiseCount_->setValue(n);
    seed_->setValue(int(seed));
    refresh();
}

void GeneratePanel::setDigitRows(bool on)
{
    const QSignalBlocker block(digitRows_);
    digitRows_->setChecked(on);
    refresh();
}

void GeneratePanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (stale_) refresh();
}

void GeneratePanel::setOnScreen(bool on)
{
    onScreen_ = on;
    if (on && stale_) refresh();
}

void GeneratePanel::refreshWhenShown()
{
    if (onScreen_ && isVisible()) {
        refresh();
        return;
    }
    stale_ = true;
    updateLabels();
}

QString GeneratePanel::warningText() const { return warning_->text(); }

void GeneratePanel::updateLabels()
{
    sigmaLabel_->setText(QString::number(sigma_->value() / 100.0, 'f', 2));
    const bool usable = model_ && model_->hasLatent() && model_->latentDim() > 0 && !model_->isSuperResolution();
    digitRows_->setVisible(usable && model_->isConditional());
    sampleBox_->setTitle(usable && model_->samplesFittedDensity() ? tr("Sample from the codes' fitted density (10 Gaussians)")
                                                                  : tr("Sample from the prior N(0, I)"));
    warning_->setText(!usable ? tr("Train or open a model with a latent space to generate from it.")
                      : model_->generates()
                          ? QString()
                          : tr("This %1 has no prior: its codes need not look like N(0, I), so prior samples may not look "
                               "like digits. Train a VAE, an aae or a map to see the difference.")
                                .arg(model_->kindName()));
    for (int k = 0; k < 2; ++k)
        endLabels_[k]->setText(tr("%1: %2").arg(k == 0 ? "A" : "B", ends_[k].empty() ? tr("not set") : endNames_[k]));
}

void GeneratePanel::refresh()
{
    stale_ = false;
    updateLabels();
    const double sigma = sigma_->value() / 100.0;
    const bool usable = model_ && model_->hasLatent() && model_->latentDim() > 0 && !model_->isSuperResolution();
    const int cols = std::max(1, int(std::ceil(std::sqrt(double(sampleCount_->value())))));
    if (!usable) {
        job_.cancel();
        decoding_ = false;
        path_ = LatentPath();
        samples_->clear();
        strip_->clear();
        noise_->clear();
        noise2_->clear();
        noiseSource_->setText(tr("Select a digit in the latent view."));
        Q_EMIT pathChanged(path_);
        return;
    }
    // What to decode is read here, on the GUI thread; the job only decodes.
    const std::vector<float>& centre = !selection_.empty() ? selection_ : ends_[0];
    noiseSource_->setText(centre.empty() ? tr("Select a digit in the latent view.")
                                         : tr("Around %1").arg(!selection_.empty() ? selectionName_ : endNames_[0]));
    const int n = noiseCount_->value(), samples = sampleCount_->value(), steps = steps_->value();
    const int noiseCols = std::max(1, int(std::ceil(std::sqrt(double(n)))));
    const quint64 seedValue = seed();
    const bool rows = model_->isConditional() && digitRows_->isChecked();
    const int styles = std::clamp((samples + 9) / 10, 1, 40);  // n samples as about n / 10 styles of all ten digits
    Sheets captions;
    captions.samplesCaption = rows ? tr("digits 0-9 (rows) in %1 styles (columns), seed %2").arg(styles).arg(seedValue)
                                   : tr("%1 samples, seed %2").arg(samples).arg(seedValue);
    captions.stripCaption = tr("%1 from A to B, %2").arg(steps).arg(spherical_->isChecked() ? tr("spherical") : tr("linear"));
    captions.noiseCaption = tr("%1 variations, sigma %2").arg(n).arg(sigma, 0, 'f', 2);
    if (comparison_) captions.noise2Caption = tr("%1, same sigma").arg(comparison_->kindName());
    const bool withPath = !ends_[0].empty() && !ends_[1].empty();
    const int threads = latent::ThreadGovernor::defaultThreads();
    job_.cancel();  // the newest settings win
    decoding_ = true;
    job_.start(
        [model = model_, comparison = comparison_, selectionImage = selectionImage_, from = ends_[0], to = ends_[1], centre, captions, rows,
         styles, samples, cols, seedValue, withPath, steps, spherical = spherical_->isChecked(), n, noiseCols, sigma, threads] {
            InferenceSession::setThreadsForThisThread(threads);
            Sheets s = captions;
            s.samples = rows ? model->digitRowsSheet(styles, seedValue) : model->sampleSheet(samples, cols, seedValue);
            if (withPath) {
                s.path = model->interpolate(from, to, steps, spherical);
                s.strip = s.path.strip;
            }
            if (!centre.empty()) s.noise = model->jitterSheet(centre, n, noiseCols, sigma, seedValue);
            // The other model encodes the same digit and gets the same noise.
            if (comparison && !selectionImage.isNull()) {
                const DigitEncoding e = comparison->encodeDigit(ImageFile::fromImage(selectionImage));
                if (!e.mean.empty()) s.noise2 = comparison->jitterSheet(e.mean, n, noiseCols, sigma, seedValue);
            }
            return s;
        },
        [this](const Sheets& s) { showSheets(s); });
}

void GeneratePanel::showSheets(const Sheets& s)
{
    samples_->setImage(s.samples, s.samplesCaption);
    path_ = s.path;
    if (!s.strip.isNull())
        strip_->setImage(s.strip, s.stripCaption);
    else
        strip_->clear(tr("Set A and B"));
    Q_EMIT pathChanged(path_);
    if (!s.noise.isNull())
        noise_->setImage(s.noise, s.noiseCaption);
    else
        noise_->clear();
    if (!s.noise2.isNull())
        noise2_->setImage(s.noise2, s.noise2Caption);
    else
        noise2_->clear();
    decoding_ = job_.isBusy();  // else newer sheets are on their way
    if (!decoding_) Q_EMIT sheetsShown();
}

bool GeneratePanel::waitForSheets(int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (decoding_ && t.elapsed() < timeoutMs) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return !decoding_;
}
