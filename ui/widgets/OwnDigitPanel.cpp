#include "widgets/OwnDigitPanel.h"

#include "widgets/DigitView.h"
#include "widgets/ScrollPanel.h"
#include "widgets/DrawingCanvas.h"
#include "ImageFile.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <tuple>

namespace {
DigitView* makeDigitView(QWidget* parent)
{
    auto* v = new DigitView(parent);
    v->setMinimumSize(84, 110);
    return v;
}

QString modelFilter() { return QObject::tr("Latent Explorer models (*.pt);;All files (*)"); }

// A flat arrow button that folds a section in and out.
QToolButton* makeFoldButton(const QString& text, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    b->setAutoRaise(true);
    b->setCheckable(true);
    return b;
}

void setFolded(QToolButton* toggle, QWidget* section, bool show)
{
    const QSignalBlocker block(toggle);
    toggle->setChecked(show);
    toggle->setArrowType(show ? Qt::DownArrow : Qt::RightArrow);
    section->setVisible(show);
}
}  // namespace

OwnDigitPanel::OwnDigitPanel(QWidget* parent) : QWidget(parent)
{
    auto* inner = new QWidget;
    auto* layout = new QVBoxLayout(inner);

    layout->addWidget(makePictureBox(inner));
    layout->addWidget(makeDenoiseBox(inner));

    // Where it lands.
    auto* latentBox = new QGroupBox(tr("Latent position"), inner);
    auto* latentLayout = new QHBoxLayout(latentBox);
    latentLabel_ = new QLabel(latentBox);
    latentLabel_->setWordWrap(true);
    reconstruction_ = makeDigitView(latentBox);
    reconstruction_->setMaximumSize(130, 150);
    latentLayout->addWidget(latentLabel_, 1);
    latentLayout->addWidget(reconstruction_);
    layout->addWidget(latentBox);

    // Super-resolution, on demand.
    srToggle_ = makeFoldButton(tr("Super-resolution"), inner);
    layout->addWidget(srToggle_);
    srBox_ = new QGroupBox(tr("Super-resolution"), inner);
    auto* srLayout = new QVBoxLayout(srBox_);
    srLayout->addWidget(makeHelperRow(upscale_, latent::KeptModels::Upscaler, srBox_));
    auto* srViews = new QHBoxLayout;
    small_ = makeDigitView(srBox_);
    upscaled_ = makeDigitView(srBox_);
    bilinear_ = makeDigitView(srBox_);
    for (DigitView* v : {small_, upscaled_, bilinear_}) srViews->addWidget(v);
    srLayout->addLayout(srViews);
    layout->addWidget(srBox_);
    layout->addStretch(1);
    connect(srToggle_, &QToolButton::toggled, this, &OwnDigitPanel::showSuperResolution);

    fillWithScrollArea(this, inner);
    setAcceptDrops(false);  // the window takes drops
    showStages(false);
    showSuperResolution(false);
    reloadKeptModels();
    clear();
}

QGroupBox* OwnDigitPanel::makePictureBox(QWidget* parent)
{
    // Picture (open, paste, draw) beside the MNIST-style digit it became; the stages unfold.
    auto* pictureBox = new QGroupBox(tr("Picture"), parent);
    auto* pictureLayout = new QGridLayout(pictureBox);
    auto* buttons = new QHBoxLayout;
    auto* open = new QPushButton(tr("Open…"), pictureBox);
    open->setToolTip(tr("A picture of one digit (PNG, JPEG, BMP, GIF, …); you can also drop a file on the window or paste (Ctrl+V)"));
    auto* paste = new QPushButton(tr("Paste"), pictureBox);
    auto* clearButton = new QPushButton(tr("Clear"), pictureBox);
    buttons->addWidget(open);
    buttons->addWidget(paste);
    buttons->addWidget(clearButton);
    pictureLayout->addLayout(buttons, 0, 0, 1, 2);
    canvas_ = new DrawingCanvas(pictureBox);
    canvas_->setMaximumSize(150, 150);
    canvas_->setToolTip(tr("Draw a digit here with the mouse"));
    pictureLayout->addWidget(canvas_, 1, 0, Qt::AlignCenter);
    clean_ = makeDigitView(pictureBox);
    clean_->setMinimumSize(112, 140);
    clean_->setMaximumSize(150, 180);
    pictureLayout->addWidget(clean_, 1, 1);
    source_ = new QLabel(tr("Open, drop, paste or draw a digit."), pictureBox);
    source_->setWordWrap(true);
    error_ = new QLabel(pictureBox);
    error_->setWordWrap(true);
    error_->setStyleSheet("color: #b00020");
    error_->hide();
    pictureBusy_ = new QProgressBar(pictureBox);
    pictureBusy_->setRange(0, 0);  // busy: reading and preprocessing have no steps to count
    pictureBusy_->setMaximumHeight(8);
    pictureBusy_->setTextVisible(false);
    pictureBusy_->hide();
    auto* sourceRow = new QVBoxLayout;
    sourceRow->addWidget(source_);
    sourceRow->addWidget(pictureBusy_);
    pictureLayout->addLayout(sourceRow, 2, 0, 1, 2);
    pictureLayout->addWidget(error_, 3, 0, 1, 2);
    stagesToggle_ = makeFoldButton(tr("Preprocessing stages (as MNIST was made)"), pictureBox);
    pictureLayout->addWidget(stagesToggle_, 4, 0, 1, 2);
    stagesBox_ = new QWidget(pictureBox);
    auto* stagesGrid = new QGridLayout(stagesBox_);
    stagesGrid->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < 6; ++i) {
        stages_.push_back(makeDigitView(stagesBox_));
        stagesGrid->addWidget(stages_.back(), i / 3, i % 3);
    }
    pictureLayout->addWidget(stagesBox_, 5, 0, 1, 2);
    connect(open, &QPushButton::clicked, this, &OwnDigitPanel::openPictureDialog);
    connect(paste, &QPushButton::clicked, this, &OwnDigitPanel::pasteFromClipboard);
    connect(clearButton, &QPushButton::clicked, this, &OwnDigitPanel::clear);
    connect(canvas_, &DrawingCanvas::strokeFinished, this, [this] { setPicture(canvas_->image(), tr("your drawing")); });
    connect(stagesToggle_, &QToolButton::toggled, this, &OwnDigitPanel::showStages);

    return pictureBox;
}

QGroupBox* OwnDigitPanel::makeDenoiseBox(QWidget* parent)
{
    // Denoising: which model, one click to train one, the noise, and the result.
    auto* denoiseBox = new QGroupBox(tr("Denoise"), parent);
    auto* denoiseLayout = new QVBoxLayout(denoiseBox);
    denoiseLayout->addWidget(makeHelperRow(denoise_, latent::KeptModels::Denoiser, denoiseBox));
    auto* noiseRow = new QHBoxLayout;
    noise_ = new QSlider(Qt::Horizontal, denoiseBox);
    noise_->setRange(0, 100);
    noise_->setSingleStep(5);
    noise_->setPageStep(10);
    noise_->setValue(50);
    noiseLabel_ = new QLabel(denoiseBox);
    seed_ = new QSpinBox(denoiseBox);
    seed_->setRange(0, 999999);
    seed_->setPrefix(tr("seed "));
    noiseRow->addWidget(new QLabel(tr("Noise std"), denoiseBox));
    noiseRow->addWidget(noise_, 1);
    noiseRow->addWidget(noiseLabel_);
    noiseRow->addWidget(seed_);
    denoiseLayout->addLayout(noiseRow);
    auto* denoiseViews = new QHBoxLayout;
    noisy_ = makeDigitView(denoiseBox);
    denoised_ = makeDigitView(denoiseBox);
    for (DigitView* v : {noisy_, denoised_}) {
        v->setMaximumSize(130, 150);  // the latent position stays in view below
        denoiseViews->addWidget(v);
    }
    denoiseLayout->addLayout(denoiseViews);
    connect(noise_, &QSlider::valueChanged, this, [this] { refresh(); });
    connect(seed_, &QSpinBox::valueChanged, this, [this] { refresh(); });

    return denoiseBox;
}

QWidget* OwnDigitPanel::makeHelperRow(Helper& h, KeptModelTrainer::Role role, QWidget* parent)
{
    auto* row = new QWidget(parent);
    auto* v = new QVBoxLayout(row);
    v->setContentsMargins(0, 0, 0, 0);
    h.label = new QLabel(row);
    h.label->setWordWrap(true);
    v->addWidget(h.label);
    auto* buttonsWidget = new QWidget(row);
    auto* buttons = new QHBoxLayout(buttonsWidget);
    buttons->setContentsMargins(0, 0, 0, 0);
    const QString what = QString::fromStdString(latent::KeptModels::describe(role));
    h.train = new QPushButton(role == latent::KeptModels::Denoiser ? tr("Train a denoiser") : tr("Train a super-resolution model"), row);
    h.train->setToolTip(tr("Trains a %1 in the background and keeps it in %2 for next time")
                            .arg(what, QString::fromStdString(latent::KeptModels::directory())));
    h.progress = new QProgressBar(row);
    h.progress->setRange(0, 100);
    h.cancel = new QPushButton(tr("Cancel"), row);
    const bool denoiser = role == latent::KeptModels::Denoiser;
    auto* openButton = new QPushButton(tr("Model…"), row);
    openButton->setToolTip(denoiser ? tr("Open a denoising autoencoder (dae); any autoencoder works")
                                    : tr("Open a super-resolution model (sr)"));
    buttons->addWidget(h.train);
    buttons->addWidget(h.progress, 1);
    buttons->addWidget(h.cancel);
    buttons->addStretch(0);
    buttons->addWidget(openButton);
    connect(openButton, &QPushButton::clicked, this, [this, denoiser] {
        const QString path =
            QFileDialog::getOpenFileName(this, denoiser ? tr("Open a Denoising Model") : tr("Open a Super-Resolution Model"),
                                         QSettings().value("dirs/models").toString(), modelFilter());
        if (!path.isEmpty()) denoiser ? void(openDenoiser(path)) : void(openUpscaler(path));
    });
    v->addWidget(buttonsWidget);
    h.trainer = new KeptModelTrainer(role, this);
    connect(h.train, &QPushButton::clicked, this, [this, &h] {
        h.trainer->start();
        updateModelLabels();
    });
    connect(h.cancel, &QPushButton::clicked, h.trainer, &KeptModelTrainer::cancel);
    connect(h.trainer, &KeptModelTrainer::progress, this, [&h](int percent, const QString& text) {
        h.progress->setValue(percent);
        h.progress->setFormat(text);
    });
    connect(h.trainer, &KeptModelTrainer::finished, this, [this, &h](bool ok, const QString& message) { helperFinished(h, ok, message); });
    return row;
}

void OwnDigitPanel::helperFinished(Helper& h, bool ok, const QString& message)
{
    if (ok) {
        reloadKeptModel(h);
        Q_EMIT this->message(tr("Kept %1").arg(message));
    } else {
        showError(
            tr("Training the %1 did not finish: %2").arg(QString::fromStdString(latent::KeptModels::describe(h.trainer->role())), message));
    }
    updateModelLabels();
    refresh();
}

void OwnDigitPanel::reloadKeptModels()
{
    for (Helper* h : {&denoise_, &upscale_}) reloadKeptModel(*h);
}

void OwnDigitPanel::reloadKeptModel(Helper& h)
{
    const latent::KeptModels::Role role = h.trainer->role();
    h.kept = nullptr;
    if (latent::KeptModels::exists(role)) {
        QString error;
        h.kept = InferenceSession::open(QString::fromStdString(latent::KeptModels::path(role)), &error);
        if (!h.kept)
            showError(tr("The kept %1 could not be opened (%2): train it again")
                          .arg(QString::fromStdString(latent::KeptModels::describe(role)), error));
    }
    updateModelLabels();
}

void OwnDigitPanel::trainDenoiser() { denoise_.train->click(); }
void OwnDigitPanel::trainUpscaler() { upscale_.train->click(); }
bool OwnDigitPanel::isTraining() const { return denoise_.trainer->isRunning() || upscale_.trainer->isRunning(); }

void OwnDigitPanel::showStages(bool show) { setFolded(stagesToggle_, stagesBox_, show); }

void OwnDigitPanel::showSuperResolution(bool show)
{
    setFolded(srToggle_, srBox_, show);
    srToggle_->setVisible(!show);  // the section's own title takes its place
}

QString OwnDigitPanel::errorText() const { return error_->isHidden() ? QString() : error_->text(); }

void OwnDigitPanel::showError(const QString& text)
{
    error_->setText(text);
    error_->setVisible(!text.isEmpty());
    if (!text.isEmpty()) Q_EMIT message(text);
}

void OwnDigitPanel::setExplorerModel(InferenceSessionPtr model)
{
    explorer_ = std::move(model);
    updateModelLabels();
    refresh();
}

// The model for each job: one opened here, else the explorer's when it was made for the job,
// else the kept one, else the explorer's when it can do the job at all.
InferenceSessionPtr OwnDigitPanel::denoiser() const
{
    if (ownDenoiser_) return ownDenoiser_;
    if (explorer_ && explorer_->isDenoiser()) return explorer_;
    if (denoise_.kept) return denoise_.kept;
    return explorer_ && explorer_->canDenoise() ? explorer_ : nullptr;
}

InferenceSessionPtr OwnDigitPanel::upscaler() const
{
    if (ownUpscaler_) return ownUpscaler_;
    if (explorer_ && explorer_->isSuperResolution()) return explorer_;
    return upscale_.kept;
}

QString OwnDigitPanel::denoiserText() const { return denoise_.label->text(); }
QString OwnDigitPanel::upscalerText() const { return upscale_.label->text(); }

void OwnDigitPanel::updateModelLabels()
{
    const InferenceSessionPtr d = denoiser(), u = upscaler();
    QString denoiseText;
    if (!d)
        denoiseText = tr("No denoiser yet: train one (one click, kept for next time) or open a dae (Model…).");
    else if (d == ownDenoiser_)
        denoiseText = tr("Denoiser: %1 (opened here).").arg(d->description());
    else if (d == denoise_.kept)
        denoiseText = tr("Denoiser: the kept %1.").arg(d->description());
    else if (d->isDenoiser())
        denoiseText = tr("Denoiser: the explorer's model, %1.").arg(d->description());
    else
        denoiseText =
            tr("Denoiser: the explorer's model, %1. It was not trained to remove noise: train a denoiser for that.").arg(d->description());
    QString upscaleText;
    if (!u)
        upscaleText = tr("No super-resolution model yet: train one (one click, kept for next time) or open an sr model (Model…).");
    else if (u == ownUpscaler_)
        upscaleText = tr("Model: %1 (opened here).").arg(u->description());
    else if (u == upscale_.kept)
        upscaleText = tr("Model: the kept %1.").arg(u->description());
    else
        upscaleText = tr("Model: the explorer's model, %1.").arg(u->description());
    const bool denoiserFits = d && d->isDenoiser();
    for (auto [h, text, fits] : {std::tuple{&denoise_, denoiseText, denoiserFits}, std::tuple{&upscale_, upscaleText, bool(u)}}) {
        const bool running = h->trainer->isRunning();
        h->label->setText(running ? tr("Training the %1…").arg(QString::fromStdString(latent::KeptModels::describe(h->trainer->role())))
                                  : text);
        h->train->setVisible(!running && !fits);
        h->progress->setVisible(running);
        h->cancel->setVisible(running);
    }
}

bool OwnDigitPanel::openDenoiser(const QString& path)
{
    QString error;
    InferenceSessionPtr m = InferenceSession::open(path, &error);
    if (m && !m->canDenoise()) error = tr("%1 is a super-resolution model; open it under Super-resolution").arg(QFileInfo(path).fileName());
    if (!m || !error.isEmpty()) {
        showError(tr("Could not use %1 as a denoiser: %2").arg(QFileInfo(path).fileName(), error));
        return false;
    }
    ownDenoiser_ = m;
    showError(QString());
    updateModelLabels();
    refresh();
    return true;
}

bool OwnDigitPanel::openUpscaler(const QString& path)
{
    QString error;
    InferenceSessionPtr m = InferenceSession::open(path, &error);
    if (m && !m->isSuperResolution()) error = tr("it is a %1 model, not super-resolution (sr)").arg(m->kindName());
    if (!m || !error.isEmpty()) {
        showError(tr("Could not use %1 for super-resolution: %2").arg(QFileInfo(path).fileName(), error));
        return false;
    }
    ownUpscaler_ = m;
    showError(QString());
    updateModelLabels();
    refresh();
    return true;
}

void OwnDigitPanel::setNoise(double stddev, int seed)
{
    const QSignalBlocker a(noise_), b(seed_);
    noise_->setValue(int(std::lround(stddev * 100)));
    seed_->setValue(seed);
    refresh();
}

void OwnDigitPanel::openPictureDialog()
{
    QSettings s;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open a Picture of a Digit"), s.value("dirs/pictures").toString(),
                                     tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.pgm *.ppm *.tif *.tiff *.webp);;All files (*)"));
    if (path.isEmpty()) return;
    s.setValue("dirs/pictures", QFileInfo(path).absolutePath());
    openPicture(path);
}

void OwnDigitPanel::pasteFromClipboard()
{
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    if (mime && mime->hasImage()) {
        setPicture(qvariant_cast<QImage>(mime->imageData()), tr("the clipboard"));
    } else if (mime && mime->hasUrls() && mime->urls().first().isLocalFile()) {
        openPicture(mime->urls().first().toLocalFile());
    } else if (mime && mime->hasText() && QFileInfo(mime->text().trimmed()).isFile()) {
        openPicture(mime->text().trimmed());
    } else {
        showError(tr("The clipboard holds no picture."));
    }
}

void OwnDigitPanel::openPicture(const QString& path)
{
    loadPicture(QFileInfo(path).fileName(), [path](QSize* size) { return ImageFile::read(path, size); });
}

void OwnDigitPanel::setPicture(const QImage& image, const QString& what)
{
    loadPicture(what, [image, what](QSize* size) {
        *size = image.size();
        if (image.width() > ImageFile::kMaxSide || image.height() > ImageFile::kMaxSide ||
            qint64(image.width()) * image.height() > ImageFile::kMaxPixels)
            throw ImageFileError(tr("%1 is %2x%3 pixels; the limit is %4 per side")
                                     .arg(what)
                                     .arg(image.width())
                                     .arg(image.height())
                                     .arg(ImageFile::kMaxSide)
                                     .toStdString());
        // Reduced before the copy into floats: a pasted screenshot needs no more than the
        // preprocessing works at.
        const int working = latent::PreprocessOptions{}.workingSide;
        if (std::max(image.width(), image.height()) <= working) return ImageFile::fromImage(image);
        return ImageFile::fromImage(image.scaled(working, working, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    });
}

void OwnDigitPanel::loadPicture(const QString& what, std::function<latent::GrayImage(QSize*)> read)
{
    pictureJob_.cancel();  // the newest picture wins: an older one still running is not shown
    pictureWanted_ = true;
    source_->setText(tr("Opening %1…").arg(what));
    pictureBusy_->show();
    pictureJob_.start(
        [what, read = std::move(read)] {
            LoadedPicture p;
            p.what = what;
            try {
                const latent::GrayImage picture = read(&p.size);
                if (!p.size.isValid()) p.size = QSize(picture.width, picture.height);
                auto result = std::make_shared<latent::PreprocessResult>(latent::preprocessDigit(picture));
                for (const latent::PreprocessStage& s : result->stages) p.stages.push_back(ImageFile::toImage(s.image));
                p.result = std::move(result);
                p.ok = true;
            } catch (const ImageFileError& e) {
                p.error = QString::fromStdString(e.what());
            } catch (const std::exception& e) {  // PreprocessError: says why in words for users
                p.error = tr("%1: %2").arg(what, QString::fromStdString(e.what()));
            }
            return p;
        },
        [this](const LoadedPicture& p) { showPicture(p); });
}

bool OwnDigitPanel::waitForPicture(int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (pictureWanted_ && t.elapsed() < timeoutMs) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return !pictureWanted_ && lastPictureShown_;
}

void OwnDigitPanel::showPicture(const LoadedPicture& picture)
{
    if (!pictureJob_.isBusy()) pictureBusy_->hide();  // else a newer picture is on its way
    pictureWanted_ = pictureJob_.isBusy();
    lastPictureShown_ = picture.ok;
    if (!picture.ok) {
        source_->setText(hasDigit_ ? sourceText_ : tr("Open, drop, paste or draw a digit."));
        showError(picture.error);
        Q_EMIT pictureSettled(false);
        return;
    }
    result_ = picture.result;  // shared, not copied: ~25 ms of the GUI thread for a photo's stages
    hasDigit_ = true;
    showError(QString());
    sourceText_ = tr("%1, %2x%3 pixels").arg(picture.what).arg(picture.size.width()).arg(picture.size.height());
    if (result_->severalDigits) sourceText_ += "\n" + tr("It shows several digits or marks: the largest was taken.");
    source_->setText(sourceText_);
    for (size_t i = 0; i < stages_.size(); ++i) {
        if (i < result_->stages.size()) {
            const latent::PreprocessStage& s = result_->stages[i];
            stages_[i]->setImage(picture.stages[i], QString::fromStdString(s.name));
            stages_[i]->setToolTip(QString::fromStdString(s.note));
        } else {
            stages_[i]->clear();
        }
    }
    refresh();
    Q_EMIT pictureSettled(true);
}

void OwnDigitPanel::clear()
{
    pictureJob_.cancel();
    pictureWanted_ = false;
    pictureBusy_->hide();
    hasDigit_ = false;
    result_ = std::make_shared<latent::PreprocessResult>();
    canvas_->clear();
    showError(QString());
    source_->setText(tr("Open, drop, paste or draw a digit."));
    for (DigitView* v : stages_) v->clear();
    refresh();
}

void OwnDigitPanel::refresh()
{
    noiseLabel_->setText(QString::number(noise_->value() / 100.0, 'f', 2));
    updateModelLabels();
    for (DigitView* v : {noisy_, denoised_, small_, upscaled_, bilinear_, reconstruction_}) v->clear();
    clean_->clear(tr("MNIST-style"));
    latentLabel_->setText(explorer_ ? tr("Encoded by the explorer's model (%1).").arg(explorer_->kindName())
                                    : tr("Train or open a model to see where the digit lands."));
    if (!hasDigit_) {
        Q_EMIT digitEncoded(DigitEncoding());
        return;
    }
    const latent::GrayImage& digit = result_->digit;
    clean_->setImage(ImageFile::toImage(digit), tr("MNIST-style"));
    QStringList warnings;
    try {
        if (const InferenceSessionPtr d = denoiser()) {
            const DigitDenoising r = d->denoise(digit, noise_->value() / 100.0, quint64(seed_->value()));
            noisy_->setImage(r.noisy, tr("noisy\n%1 dB").arg(r.psnrNoisy, 0, 'f', 1));
            denoised_->setImage(r.output, tr("denoised\n%1 dB").arg(r.psnrOutput, 0, 'f', 1));
            if (!r.warning.isEmpty()) warnings << r.warning;
        }
        if (const InferenceSessionPtr u = upscaler()) {
            const DigitUpscaling r = u->upscale(digit);
            small_->setImage(r.small, tr("%1x%2 input").arg(r.small.width()).arg(r.small.height()));
            upscaled_->setImage(r.output, tr("model\n%1 dB").arg(r.psnrOutput, 0, 'f', 1));
            bilinear_->setImage(r.bilinear, tr("bilinear\n%1 dB").arg(r.psnrBilinear, 0, 'f', 1));
            if (!r.warning.isEmpty()) warnings << r.warning;
        }
        DigitEncoding e;
        if (explorer_ && explorer_->hasLatent() && !explorer_->isSuperResolution()) {
            e = explorer_->encodeDigit(digit);
            reconstruction_->setImage(e.reconstruction, tr("reconstruction"));
            QStringList z;
            for (size_t i = 0; i < e.mean.size() && i < 4; ++i) z << QString::number(e.mean[i], 'f', 3);
            latentLabel_->setText(
                tr("z = (%1%2)%3")
                    .arg(z.join(", "), e.mean.size() > 4 ? QStringLiteral(", …") : QString())
                    .arg(e.logvar.empty() ? QString() : tr("\nthe ellipse in the latent view is 1 and 2 standard deviations of q(z|x)")));
        }
        Q_EMIT digitEncoded(e);
    } catch (const std::exception& ex) {
        showError(QString::fromStdString(ex.what()));
    }
    if (!warnings.isEmpty()) {
        warnings.removeDuplicates();
        error_->setText(tr("Warning: %1").arg(warnings.join("; ")));
        error_->show();
    }
}

bool OwnDigitPanel::canTake(const QMimeData* mime)
{
    return mime->hasImage() || (mime->hasUrls() && !mime->urls().isEmpty() && mime->urls().first().isLocalFile());
}

QString OwnDigitPanel::take(const QMimeData* mime)
{
    if (mime->hasUrls() && !mime->urls().isEmpty() && mime->urls().first().isLocalFile()) {
        const QString path = mime->urls().first().toLocalFile();
        for (const char* suffix : {".pt", ".pth", ".ts", ".ptl"})
            if (path.endsWith(QLatin1String(suffix), Qt::CaseInsensitive)) return path;  // a model: checkpoint or TorchScript
        openPicture(path);
    } else if (mime->hasImage()) {
        setPicture(qvariant_cast<QImage>(mime->imageData()), tr("the dropped image"));
    }
    return {};
}
