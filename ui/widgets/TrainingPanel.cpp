#include "widgets/TrainingPanel.h"

#include "session/TrainingRun.h"

#include "models/ModelCatalog.h"
#include "runtime/ComputeDevice.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
QString clock(double seconds)
{
    if (!(seconds >= 0) || seconds > 1e7) return QStringLiteral("--:--");
    const qint64 s = qint64(seconds + 0.5);
    return s >= 3600
               ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'))
               : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

// The form's words for the core's kinds and architectures (ModelCatalog says which exist).
QString kindLabel(latent::ModelKind kind)
{
    switch (kind) {
    case latent::ModelKind::Vae: return TrainingPanel::tr("Variational autoencoder (VAE)");
    case latent::ModelKind::Ae: return TrainingPanel::tr("Convolutional autoencoder");
    case latent::ModelKind::Dae: return TrainingPanel::tr("Denoising autoencoder");
    case latent::ModelKind::Sr: return TrainingPanel::tr("Super-resolution autoencoder (14x14 to 28x28)");
    case latent::ModelKind::Cvae: return TrainingPanel::tr("Conditional VAE (cvae: label in, style in the latent)");
    case latent::ModelKind::Aae: return TrainingPanel::tr("Adversarial autoencoder (aae: codes pushed to N(0, I))");
    case latent::ModelKind::Map: return TrainingPanel::tr("Separated 2-D map (map: neighbours kept together, no labels)");
    }
    return {};
}

QString archLabel(const latent::ModelKindInfo& kind, latent::Arch arch)
{
    switch (arch) {
    case latent::Arch::Mlp: return TrainingPanel::tr("MLP (784-512-latent)");
    case latent::Arch::Wide: return TrainingPanel::tr("Wide conv 32-32 (the lesson's denoiser)");
    case latent::Arch::Script: return TrainingPanel::tr("TorchScript module");
    case latent::Arch::Conv:
        return kind.kind == latent::ModelKind::Ae || kind.kind == latent::ModelKind::Dae
                   ? TrainingPanel::tr("Conv 16-8-8 (plots its codes)")
                   : TrainingPanel::tr("Convolutional");
    }
    return {};
}

struct Preset {
    const char* label;
    const char* model;
    const char* arch;
    int epochs;
    int latentDim;
    int klWarmup = 0;
};
// The first is "Custom" (no change). Times and figures: the standard MNIST on two cores (docs/PERFORMANCE.md).
const Preset kPresets[] = {
    {QT_TRANSLATE_NOOP("TrainingPanel", "Custom"), nullptr, nullptr, 0, 0},
    {QT_TRANSLATE_NOOP("TrainingPanel", "Quick look: MLP VAE, 3 epochs (~7 s)"), "vae", "mlp", 3, 2},
    {QT_TRANSLATE_NOOP("TrainingPanel", "Lesson VAE: MLP, 20 epochs (~45 s, 5-NN 0.69)"), "vae", "mlp", 20, 2},
    {QT_TRANSLATE_NOOP("TrainingPanel", "Smoothest VAE map: MLP VAE, 50 epochs (~2 min, 5-NN 0.72)"), "vae", "mlp", 50, 2},
    {QT_TRANSLATE_NOOP("TrainingPanel", "Separated 2-D map: map (UMAP), 40 epochs (~2.5 min, 5-NN 0.95)"), "map", "mlp", 40, 2},
    {QT_TRANSLATE_NOOP("TrainingPanel", "Conv VAE, 3 epochs, KL warm-up 2 (~2 min, 5-NN 0.44)"), "vae", "conv", 3, 2, 2},
    {QT_TRANSLATE_NOOP("TrainingPanel", "Denoiser: wide conv AE, noise 0.5, 3 epochs"), "dae", "wide", 3, 0},
    {QT_TRANSLATE_NOOP("TrainingPanel", "Super-resolution x2, 2 epochs"), "sr", "conv", 2, 0}};

const latent::ModelKindInfo& kindOf(const QString& name)
{
    const latent::ModelKindInfo* kind = latent::ModelCatalog::find(name.toStdString());
    return kind ? *kind : latent::ModelCatalog::kinds().front();
}
}  // namespace

TrainingPanel::TrainingPanel(QWidget* parent) : QWidget(parent)
{
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    addModelRows(form);
    addTrainingRows(form);

    trainButton_ = new QToolButton(this);
    pauseButton_ = new QToolButton(this);
    stopButton_ = new QToolButton(this);
    continueButton_ = new QToolButton(this);
    auto* buttons = new QHBoxLayout;
    for (QToolButton* b : {trainButton_, continueButton_, pauseButton_, stopButton_}) {
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        buttons->addWidget(b);
    }
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    progress_->setFormat(QString());
    status_ = new QLabel(tr("Ready."), this);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addStretch(1);

    connect(model_, &QComboBox::currentIndexChanged, this, &TrainingPanel::fillArchitectures);
    connect(arch_, &QComboBox::currentIndexChanged, this, &TrainingPanel::updateEnabledFields);
    // A model the user picks comes with the epochs that train it well in a minute or two.
    auto suggestEpochs = [this] {
        const latent::ModelKindInfo& kind = kindOf(model_->currentData().toString());
        const latent::Arch arch = kind.archs[size_t(std::max(0, arch_->currentIndex()))];
        epochs_->setValue(latent::ModelCatalog::suggestedEpochs(kind.kind, arch));
        batch_->setValue(latent::ModelCatalog::suggestedBatch(kind.kind));
    };
    connect(model_, &QComboBox::activated, this, suggestEpochs);
    connect(arch_, &QComboBox::activated, this, suggestEpochs);
    fillArchitectures();
}

void TrainingPanel::addModelRows(QFormLayout* form)
{
    dataset_ = new QComboBox(this);
    dataset_->setEditable(true);
    dataset_->addItems({"mnist", "fashion-mnist"});
    dataset_->setToolTip(tr("\"mnist\", \"fashion-mnist\" or a folder holding the four IDX files (plain or .gz)"));
    auto* browse = new QPushButton(tr("Folder…"), this);
    connect(browse, &QPushButton::clicked, this, &TrainingPanel::browseDatasetRequested);
    connect(dataset_, &QComboBox::currentTextChanged, this, &TrainingPanel::datasetChanged);
    auto* datasetRow = new QHBoxLayout;
    datasetRow->addWidget(dataset_, 1);
    datasetRow->addWidget(browse);
    auto* datasetLabel = new QLabel(tr("&Dataset:"), this);
    datasetLabel->setBuddy(dataset_);
    form->addRow(datasetLabel, datasetRow);

    preset_ = new QComboBox(this);
    for (const Preset& p : kPresets) preset_->addItem(tr(p.label));
    connect(preset_, &QComboBox::activated, this, &TrainingPanel::applyPreset);
    form->addRow(tr("Pre&set:"), preset_);

    model_ = new QComboBox(this);
    // The VAE first: it is what the lesson starts with.
    model_->addItem(kindLabel(latent::ModelKind::Vae), QString::fromLatin1(latent::ModelCatalog::info(latent::ModelKind::Vae).name));
    for (const latent::ModelKindInfo& k : latent::ModelCatalog::kinds())
        if (k.kind != latent::ModelKind::Vae) model_->addItem(kindLabel(k.kind), QString::fromLatin1(k.name));
    form->addRow(tr("&Model:"), model_);
    arch_ = new QComboBox(this);
    form->addRow(tr("&Architecture:"), arch_);
}

void TrainingPanel::addTrainingRows(QFormLayout* form)
{
    latent_ = new QSpinBox(this);
    latent_->setRange(0, 512);
    latent_->setValue(2);
    latent_->setToolTip(tr("Size of the latent code; 2 can be plotted directly. For the autoencoders 0 means no dense bottleneck."));
    form->addRow(tr("&Latent size:"), latent_);
    epochs_ = new QSpinBox(this);
    epochs_->setRange(1, 1000);
    epochs_->setValue(latent::ModelCatalog::suggestedEpochs(latent::ModelKind::Vae, latent::Arch::Mlp));
    form->addRow(tr("&Epochs:"), epochs_);
    batch_ = new QSpinBox(this);
    batch_->setRange(1, 4096);
    batch_->setValue(128);
    form->addRow(tr("&Batch size:"), batch_);
    lr_ = new QDoubleSpinBox(this);
    lr_->setDecimals(5);
    lr_->setRange(0.00001, 1.0);
    lr_->setSingleStep(0.0001);
    lr_->setValue(0.001);
    form->addRow(tr("Learning &rate:"), lr_);
    beta_ = new QDoubleSpinBox(this);
    beta_->setRange(0.0, 100.0);
    beta_->setSingleStep(0.1);
    beta_->setValue(1.0);
    beta_->setToolTip(tr("Weight of the KL term (beta-VAE); 1 is the plain ELBO"));
    form->addRow(tr("&Beta (KL weight):"), beta_);
    warmup_ = new QSpinBox(this);
    warmup_->setRange(0, 1000);
    warmup_->setSuffix(tr(" epochs"));
    warmup_->setToolTip(tr("Beta rises linearly from 0 over this many epochs"));
    form->addRow(tr("&KL warm-up:"), warmup_);
    noise_ = new QDoubleSpinBox(this);
    noise_->setRange(0.0, 1.0);
    noise_->setSingleStep(0.05);
    noise_->setValue(0.5);
    noise_->setToolTip(tr("Standard deviation of the Gaussian noise the denoiser learns to remove"));
    form->addRow(tr("&Noise std:"), noise_);
    addMapRows(form);
    seed_ = new QSpinBox(this);
    seed_->setRange(0, 2147483647);
    form->addRow(tr("S&eed:"), seed_);
    threads_ = new QSpinBox(this);
    threads_->setRange(0, std::max(1, QThread::idealThreadCount()));
    threads_->setSpecialValueText(tr("Auto"));
    threads_->setValue(0);
    threads_->setToolTip(tr("Threads for training (LibTorch and OpenBLAS share them). Auto: one per core, "
                            "fewer while other programs keep cores busy"));
    form->addRow(tr("&Threads:"), threads_);
    // Where training runs: a row only where this build of LibTorch sees a GPU (Debian's has no CUDA).
    if (latent::hasGpu()) {
        device_ = new QComboBox(this);
        device_->setObjectName(QStringLiteral("device"));
        device_->addItem(tr("Auto (the first GPU)"), QStringLiteral("auto"));
        device_->addItem(tr("CPU"), QStringLiteral("cpu"));
        for (const latent::ComputeDeviceInfo& d : latent::computeDevices())
            if (d.name != "cpu") device_->addItem(tr("GPU %1").arg(QString::fromStdString(d.name)), QString::fromStdString(d.name));
        device_->setToolTip(tr("Where training computes. The latent view decodes from a copy of the weights on the CPU either way."));
        form->addRow(tr("De&vice:"), device_);
    }
    every_ = new QSpinBox(this);
    every_->setRange(1, 10000);
    every_->setValue(10);
    every_->setSuffix(tr(" steps"));
    every_->setToolTip(tr("How often the training loss is plotted"));
    form->addRow(tr("&Plot every:"), every_);
}

void TrainingPanel::addMapRows(QFormLayout* form)
{
    // What a user tunes of the separated map (TrainOptions, `latent-cli train --help`).
    mapNeighbours_ = new QSpinBox(this);
    mapNeighbours_->setRange(2, 200);
    mapNeighbours_->setValue(15);
    mapNeighbours_->setToolTip(tr("Map: how many nearest neighbours of each training image its graph keeps together"));
    minDist_ = new QDoubleSpinBox(this);
    minDist_->setRange(0.0, 2.99);
    minDist_->setSingleStep(0.05);
    minDist_->setValue(0.1);
    minDist_->setToolTip(tr("Map: how close codes may pack (UMAP's min_dist); smaller gives tighter clusters"));
    auto* graphRow = new QHBoxLayout;
    graphRow->addWidget(mapNeighbours_, 1);
    graphRow->addWidget(new QLabel(tr("min. distance"), this));
    graphRow->addWidget(minDist_, 1);
    // A row of two fields gets its label made here, so that its shortcut reaches the first field.
    auto* graphLabel = new QLabel(tr("Map &neighbours:"), this);
    graphLabel->setBuddy(mapNeighbours_);
    form->addRow(graphLabel, graphRow);
    mapWeight_ = new QDoubleSpinBox(this);
    mapWeight_->setRange(0.0, 1000.0);
    mapWeight_->setValue(10.0);
    mapWeight_->setToolTip(tr("Map: weight of UMAP's neighbour loss beside the reconstruction"));
    layoutWeight_ = new QDoubleSpinBox(this);
    layoutWeight_->setRange(0.0, 1000.0);
    layoutWeight_->setValue(10.0);
    layoutWeight_->setToolTip(tr("Map: pull of the codes towards UMAP's own layout of the graph, which gives the map its shape early"));
    auto* weightRow = new QHBoxLayout;
    weightRow->addWidget(mapWeight_, 1);
    weightRow->addWidget(new QLabel(tr("layout"), this));
    weightRow->addWidget(layoutWeight_, 1);
    auto* weightLabel = new QLabel(tr("Map &weights:"), this);
    weightLabel->setBuddy(mapWeight_);
    form->addRow(weightLabel, weightRow);
}

void TrainingPanel::setActions(QAction* train, QAction* continueTraining, QAction* pause, QAction* stop)
{
    trainButton_->setDefaultAction(train);
    continueButton_->setDefaultAction(continueTraining);
    pauseButton_->setDefaultAction(pause);
    stopButton_->setDefaultAction(stop);
}

void TrainingPanel::fillArchitectures()
{
    // The architectures the core allows for this kind, its default first; changing the model
    // also suggests its epochs and batch (ModelCatalog) unless a preset or the settings
    // set them.
    const latent::ModelKindInfo& kind = kindOf(model_->currentData().toString());
    const QSignalBlocker block(arch_);
    arch_->clear();
    for (latent::Arch a : kind.archs) arch_->addItem(archLabel(kind, a), QString::fromStdString(latent::toString(a)));
    updateEnabledFields();
}

void TrainingPanel::updateEnabledFields()
{
    const latent::ModelKindInfo& kind = kindOf(model_->currentData().toString());
    for (QWidget* w : std::initializer_list<QWidget*>{dataset_, preset_, model_, latent_, epochs_, batch_, lr_, seed_, threads_, every_})
        w->setEnabled(!running_);
    latent::Arch arch = latent::ModelCatalog::defaultArch(kind.kind);
    try {
        arch = latent::ModelCatalog::parseArch(kind.kind, arch_->currentData().toString().toStdString());
    } catch (const std::invalid_argument&) {
    }
    arch_->setEnabled(!running_ && arch_->count() > 1);
    beta_->setEnabled(!running_ && kind.variational);
    warmup_->setEnabled(!running_ && kind.variational);
    noise_->setEnabled(!running_ && kind.noisyInput);
    for (QWidget* w : std::initializer_list<QWidget*>{mapNeighbours_, minDist_, mapWeight_, layoutWeight_})
        w->setEnabled(!running_ && kind.kind == latent::ModelKind::Map);
    const bool freeLatent = latent::ModelCatalog::latentDimIsFree(kind.kind, arch);
    latent_->setEnabled(!running_ && freeLatent);
    latent_->setMinimum(kind.minLatentDim);
    if (kind.latent && !freeLatent) latent_->setValue(latent::ModelCatalog::defaultLatentDim(kind.kind, arch));
}

TrainingRequest TrainingPanel::request() const
{
    TrainingRequest r;
    r.dataset = dataset_->currentText().trimmed();
    r.model = model_->currentData().toString();
    r.arch = arch_->currentData().toString();
    r.latentDim = latent_->value();
    r.epochs = epochs_->value();
    r.batchSize = batch_->value();
    r.learningRate = lr_->value();
    r.beta = beta_->value();
    r.klWarmupEpochs = warmup_->value();
    r.noiseStd = noise_->value();
    r.seed = seed_->value();
    r.threads = threads_->value();
    if (device_) r.device = device_->currentData().toString();
    r.progressEvery = every_->value();
    r.mapNeighbours = mapNeighbours_->value();
    r.minDist = minDist_->value();
    r.mapWeight = mapWeight_->value();
    r.layoutWeight = layoutWeight_->value();
    return r;
}

void TrainingPanel::setRequest(const TrainingRequest& r)
{
    dataset_->setCurrentText(r.dataset);
    const int m = model_->findData(r.model);
    if (m >= 0) model_->setCurrentIndex(m);
    fillArchitectures();
    const int a = arch_->findData(r.arch);
    if (a >= 0) arch_->setCurrentIndex(a);
    updateEnabledFields();
    latent_->setValue(r.latentDim);
    epochs_->setValue(r.epochs);
    batch_->setValue(r.batchSize);
    lr_->setValue(r.learningRate);
    beta_->setValue(r.beta);
    warmup_->setValue(r.klWarmupEpochs);
    noise_->setValue(r.noiseStd);
    seed_->setValue(r.seed);
    threads_->setValue(std::max(0, r.threads));
    if (device_) {
        const int d = device_->findData(r.device);
        device_->setCurrentIndex(d >= 0 ? d : 0);  // a GPU this machine does not have: Auto
    }
    every_->setValue(r.progressEvery);
    mapNeighbours_->setValue(r.mapNeighbours);
    minDist_->setValue(r.minDist);
    mapWeight_->setValue(r.mapWeight);
    layoutWeight_->setValue(r.layoutWeight);
}

void TrainingPanel::applyPreset(int index)
{
    TrainingRequest r = request();
    r.latentDim = 2;
    r.batchSize = 128;
    r.learningRate = 1e-3;
    r.beta = 1.0;
    r.klWarmupEpochs = 0;
    if (index <= 0 || index >= int(std::size(kPresets))) return;
    const Preset& p = kPresets[index];
    r.model = QString::fromLatin1(p.model);
    r.arch = QString::fromLatin1(p.arch);
    r.batchSize = latent::ModelCatalog::suggestedBatch(kindOf(r.model).kind);
    r.epochs = p.epochs;
    r.latentDim = p.latentDim;
    r.klWarmupEpochs = p.klWarmup;  // the conv VAE collapsed without it (docs/PERFORMANCE.md)
    if (kindOf(r.model).noisyInput) r.noiseStd = 0.5;
    setRequest(r);
}

void TrainingPanel::setRunning(bool running)
{
    const bool starting = running && !running_;
    running_ = running;
    updateEnabledFields();
    if (starting) {
        progress_->setValue(0);
        progress_->setFormat(tr("starting…"));
    }
}

void TrainingPanel::showProgress(const TrainingProgress& p)
{
    const double total = double(p.epochs) * double(std::max<qint64>(1, p.stepsPerEpoch));
    const double done = double(p.epoch - 1) * double(p.stepsPerEpoch) + double(p.step);
    progress_->setValue(int(1000.0 * done / total));
    progress_->setFormat(tr("epoch %1/%2 · %3%").arg(p.epoch).arg(p.epochs).arg(int(100.0 * done / total)));
    const QString speed = QLocale().toString(qint64(p.samplesPerSecond + 0.5));
    if (p.device.startsWith(QLatin1String("cuda")))
        status_->setText(tr("Epoch %1/%2, step %3/%4\n%5 samples/s on the GPU (%6), %7 left")
                             .arg(p.epoch)
                             .arg(p.epochs)
                             .arg(p.step)
                             .arg(p.stepsPerEpoch)
                             .arg(speed, p.device, clock(p.secondsLeft)));
    else
        status_->setText(tr("Epoch %1/%2, step %3/%4\n%5 samples/s on %n thread(s), %6 left", nullptr, p.threads)
                             .arg(p.epoch)
                             .arg(p.epochs)
                             .arg(p.step)
                             .arg(p.stepsPerEpoch)
                             .arg(speed)
                             .arg(clock(p.secondsLeft)));
}

void TrainingPanel::showPreparation(const QString& stage, double fraction)
{
    const int percent = int(100 * fraction);
    progress_->setValue(0);
    if (stage == QLatin1String("neighbours")) {
        progress_->setFormat(tr("neighbours: %1 %").arg(percent));
        showStatus(tr("Finding each training image's nearest neighbours (once per run)…"));
    } else {
        progress_->setFormat(tr("layout: %1 %").arg(percent));
        showStatus(tr("Laying out the neighbour graph (UMAP), before the first step…"));
    }
}

void TrainingPanel::showStatus(const QString& text) { status_->setText(text); }
QString TrainingPanel::statusText() const { return status_->text(); }

void TrainingPanel::saveSettings(QSettings& s) const
{
    const TrainingRequest r = request();
    s.beginGroup("training");
    s.setValue("dataset", r.dataset);
    s.setValue("model", r.model);
    s.setValue("arch", r.arch);
    s.setValue("latentDim", r.latentDim);
    s.setValue("epochs", r.epochs);
    s.setValue("batch", r.batchSize);
    s.setValue("lr", r.learningRate);
    s.setValue("beta", r.beta);
    s.setValue("klWarmup", r.klWarmupEpochs);
    s.setValue("noise", r.noiseStd);
    s.setValue("seed", r.seed);
    s.setValue("threads", r.threads);
    s.setValue("device", r.device);
    s.setValue("plotEvery", r.progressEvery);
    s.setValue("mapNeighbours", r.mapNeighbours);
    s.setValue("minDist", r.minDist);
    s.setValue("mapWeight", r.mapWeight);
    s.setValue("layoutWeight", r.layoutWeight);
    s.endGroup();
}

void TrainingPanel::loadSettings(QSettings& s)
{
    TrainingRequest r = request();
    s.beginGroup("training");
    r.dataset = s.value("dataset", r.dataset).toString();
    r.model = s.value("model", r.model).toString();
    r.arch = s.value("arch", r.arch).toString();
    r.latentDim = s.value("latentDim", r.latentDim).toInt();
    r.epochs = s.value("epochs", r.epochs).toInt();
    r.batchSize = s.value("batch", r.batchSize).toInt();
    r.learningRate = s.value("lr", r.learningRate).toDouble();
    r.beta = s.value("beta", r.beta).toDouble();
    r.klWarmupEpochs = s.value("klWarmup", r.klWarmupEpochs).toInt();
    r.noiseStd = s.value("noise", r.noiseStd).toDouble();
    r.seed = s.value("seed", r.seed).toInt();
    r.threads = s.value("threads", r.threads).toInt();
    r.device = s.value("device", r.device).toString();
    r.progressEvery = s.value("plotEvery", r.progressEvery).toInt();
    r.mapNeighbours = s.value("mapNeighbours", r.mapNeighbours).toInt();
    r.minDist = s.value("minDist", r.minDist).toDouble();
    r.mapWeight = s.value("mapWeight", r.mapWeight).toDouble();
    r.layoutWeight = s.value("layoutWeight", r.layoutWeight).toDouble();
    s.endGroup();
    setRequest(r);
}

void TrainingPanel::follow(const TrainingRun* run)
{
    connect(run, &TrainingRun::started, this, [this](const QString& description, qint64 train, qint64 test) {
        showStatus(tr("Training %1 on %2 images (%3 test)").arg(description).arg(train).arg(test));
    });
    connect(run, &TrainingRun::progress, this, &TrainingPanel::showProgress);
    connect(run, &TrainingRun::preparing, this, &TrainingPanel::showPreparation);
    connect(run, &TrainingRun::finished, this, [this](TrainingWorker::Outcome outcome, const QString& message) {
        if (outcome == TrainingWorker::Finished) {
            showStatus(tr("Finished. %1").arg(statusText().section('\n', 1)));
            progress_->setValue(progress_->maximum());
        } else if (outcome == TrainingWorker::Stopped) {
            showStatus(tr("Stopped: %1. The weights of the last step are kept.").arg(message));
        }
    });
}
