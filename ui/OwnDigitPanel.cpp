#include "OwnDigitPanel.h"

#include "DigitView.h"
#include "DrawingCanvas.h"
#include "ImageFile.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {
DigitView* makeDigitView(QWidget* parent)
{
    auto* v = new DigitView(parent);
    v->setMinimumSize(84, 110);
    return v;
}

QString modelFilter() { return QObject::tr("Latent Explorer models (*.pt);;All files (*)"); }
}  // namespace

OwnDigitPanel::OwnDigitPanel(QWidget* parent) : QWidget(parent)
{
    auto* inner = new QWidget;
    auto* layout = new QVBoxLayout(inner);

    // Picture: open, paste, draw.
    auto* pictureBox = new QGroupBox(tr("Picture"), inner);
    auto* pictureLayout = new QVBoxLayout(pictureBox);
    auto* buttons = new QHBoxLayout;
    auto* open = new QPushButton(tr("Open…"), pictureBox);
    open->setToolTip(tr("A picture of one digit (PNG, JPEG, BMP, GIF, …); you can also drop a file on the window or paste (Ctrl+V)"));
    auto* paste = new QPushButton(tr("Paste"), pictureBox);
    auto* clearButton = new QPushButton(tr("Clear"), pictureBox);
    buttons->addWidget(open);
    buttons->addWidget(paste);
    buttons->addWidget(clearButton);
    pictureLayout->addLayout(buttons);
    canvas_ = new DrawingCanvas(pictureBox);
    pictureLayout->addWidget(canvas_, 0, Qt::AlignHCenter);
    source_ = new QLabel(tr("Open, drop, paste or draw a digit."), pictureBox);
    source_->setWordWrap(true);
    error_ = new QLabel(pictureBox);
    error_->setWordWrap(true);
    error_->setStyleSheet("color: #b00020");
    error_->hide();
    pictureLayout->addWidget(source_);
    pictureLayout->addWidget(error_);
    layout->addWidget(pictureBox);
    connect(open, &QPushButton::clicked, this, &OwnDigitPanel::openPictureDialog);
    connect(paste, &QPushButton::clicked, this, &OwnDigitPanel::pasteFromClipboard);
    connect(clearButton, &QPushButton::clicked, this, &OwnDigitPanel::clear);
    connect(canvas_, &DrawingCanvas::strokeFinished, this, [this] { setPicture(canvas_->image(), tr("your drawing")); });

    // The preprocessing stages, as MNIST was made.
    auto* stagesBox = new QGroupBox(tr("Preprocessing (as MNIST was made)"), inner);
    auto* stagesGrid = new QGridLayout(stagesBox);
    for (int i = 0; i < 6; ++i) {
        stages_.push_back(makeDigitView(stagesBox));
        stagesGrid->addWidget(stages_.back(), i / 3, i % 3);
    }
    layout->addWidget(stagesBox);

    // Denoising.
    auto* denoiseBox = new QGroupBox(tr("Denoise"), inner);
    auto* denoiseLayout = new QVBoxLayout(denoiseBox);
    auto* denoiserRow = new QHBoxLayout;
    denoiserLabel_ = new QLabel(denoiseBox);
    denoiserLabel_->setWordWrap(true);
    auto* openDenoiserButton = new QPushButton(tr("Model…"), denoiseBox);
    openDenoiserButton->setToolTip(tr("Open a denoising autoencoder (dae); any autoencoder works"));
    denoiserRow->addWidget(denoiserLabel_, 1);
    denoiserRow->addWidget(openDenoiserButton);
    denoiseLayout->addLayout(denoiserRow);
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
    clean_ = makeDigitView(denoiseBox);
    noisy_ = makeDigitView(denoiseBox);
    denoised_ = makeDigitView(denoiseBox);
    for (DigitView* v : {clean_, noisy_, denoised_}) denoiseViews->addWidget(v);
    denoiseLayout->addLayout(denoiseViews);
    layout->addWidget(denoiseBox);
    connect(openDenoiserButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a Denoising Model"), QSettings().value("dirs/models").toString(), modelFilter());
        if (!path.isEmpty()) openDenoiser(path);
    });
    connect(noise_, &QSlider::valueChanged, this, [this] { refresh(); });
    connect(seed_, &QSpinBox::valueChanged, this, [this] { refresh(); });

    // Super-resolution.
    auto* srBox = new QGroupBox(tr("Super-resolution"), inner);
    auto* srLayout = new QVBoxLayout(srBox);
    auto* srRow = new QHBoxLayout;
    upscalerLabel_ = new QLabel(srBox);
    upscalerLabel_->setWordWrap(true);
    auto* openUpscalerButton = new QPushButton(tr("Model…"), srBox);
    openUpscalerButton->setToolTip(tr("Open a super-resolution model (sr)"));
    srRow->addWidget(upscalerLabel_, 1);
    srRow->addWidget(openUpscalerButton);
    srLayout->addLayout(srRow);
    auto* srViews = new QHBoxLayout;
    small_ = makeDigitView(srBox);
    upscaled_ = makeDigitView(srBox);
    bilinear_ = makeDigitView(srBox);
    for (DigitView* v : {small_, upscaled_, bilinear_}) srViews->addWidget(v);
    srLayout->addLayout(srViews);
    layout->addWidget(srBox);
    connect(openUpscalerButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a Super-Resolution Model"), QSettings().value("dirs/models").toString(), modelFilter());
        if (!path.isEmpty()) openUpscaler(path);
    });

    // Where it lands.
    auto* latentBox = new QGroupBox(tr("Latent position"), inner);
    auto* latentLayout = new QHBoxLayout(latentBox);
    latentLabel_ = new QLabel(latentBox);
    latentLabel_->setWordWrap(true);
    reconstruction_ = makeDigitView(latentBox);
    latentLayout->addWidget(latentLabel_, 1);
    latentLayout->addWidget(reconstruction_);
    layout->addWidget(latentBox);
    layout->addStretch(1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(inner);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    setAcceptDrops(false);  // the window takes drops
    clear();
}

QString OwnDigitPanel::errorText() const { return error_->isHidden() ? QString() : error_->text(); }

void OwnDigitPanel::showError(const QString& text)
{
    error_->setText(text);
    error_->setVisible(!text.isEmpty());
    if (!text.isEmpty()) Q_EMIT message(text);
}

void OwnDigitPanel::setExplorerModel(ModelSessionPtr model)
{
    explorer_ = std::move(model);
    updateModelLabels();
    refresh();
}

ModelSessionPtr OwnDigitPanel::denoiser() const
{
    if (ownDenoiser_) return ownDenoiser_;
    return explorer_ && explorer_->canDenoise() ? explorer_ : nullptr;
}

ModelSessionPtr OwnDigitPanel::upscaler() const
{
    if (ownUpscaler_) return ownUpscaler_;
    return explorer_ && explorer_->isSuperResolution() ? explorer_ : nullptr;
}

void OwnDigitPanel::updateModelLabels()
{
    const ModelSessionPtr d = denoiser(), u = upscaler();
    denoiserLabel_->setText(d ? tr("Model: %1").arg(d->description()) : tr("No denoiser: open a dae (Model…) or train one."));
    upscalerLabel_->setText(u ? tr("Model: %1").arg(u->description()) : tr("No super-resolution model: open an sr model (Model…) or train one."));
}

bool OwnDigitPanel::openDenoiser(const QString& path)
{
    QString error;
    ModelSessionPtr m = ModelSession::open(path, &error);
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
    ModelSessionPtr m = ModelSession::open(path, &error);
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
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a Picture of a Digit"), s.value("dirs/pictures").toString(),
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

bool OwnDigitPanel::openPicture(const QString& path)
{
    try {
        return usePicture(ImageFile::read(path), QFileInfo(path).fileName());
    } catch (const ImageFileError& e) {
        showError(QString::fromStdString(e.what()));
        return false;
    }
}

bool OwnDigitPanel::setPicture(const QImage& image, const QString& what)
{
    if (image.width() > ImageFile::kMaxSide || image.height() > ImageFile::kMaxSide ||
        qint64(image.width()) * image.height() > ImageFile::kMaxPixels) {
        showError(tr("%1 is %2x%3 pixels; the limit is %4 per side").arg(what).arg(image.width()).arg(image.height()).arg(ImageFile::kMaxSide));
        return false;
    }
    try {
        return usePicture(ImageFile::fromImage(image), what);
    } catch (const ImageFileError& e) {
        showError(what + ": " + QString::fromStdString(e.what()));
        return false;
    }
}

bool OwnDigitPanel::usePicture(const latent::GrayImage& picture, const QString& what)
{
    try {
        latent::PreprocessResult r = latent::preprocessDigit(picture);
        result_ = std::move(r);
    } catch (const latent::PreprocessError& e) {
        showError(tr("%1: %2").arg(what, QString::fromStdString(e.what())));
        return false;
    }
    hasDigit_ = true;
    showError(QString());
    source_->setText(tr("%1, %2x%3 pixels").arg(what).arg(picture.width).arg(picture.height));
    for (size_t i = 0; i < stages_.size(); ++i) {
        if (i < result_.stages.size()) {
            const latent::PreprocessStage& s = result_.stages[i];
            stages_[i]->setImage(ImageFile::toImage(s.image), QString::fromStdString(s.name));
            stages_[i]->setToolTip(QString::fromStdString(s.note));
        } else {
            stages_[i]->clear();
        }
    }
    refresh();
    return true;
}

void OwnDigitPanel::clear()
{
    hasDigit_ = false;
    result_ = {};
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
    for (DigitView* v : {clean_, noisy_, denoised_, small_, upscaled_, bilinear_, reconstruction_}) v->clear();
    latentLabel_->setText(explorer_ ? tr("Encoded by the explorer's model (%1).").arg(explorer_->kindName())
                                    : tr("Train or open a model to see where the digit lands."));
    if (!hasDigit_) {
        Q_EMIT digitEncoded(DigitEncoding());
        return;
    }
    const latent::GrayImage& digit = result_.digit;
    clean_->setImage(ImageFile::toImage(digit), tr("clean"));
    QStringList warnings;
    try {
        if (const ModelSessionPtr d = denoiser()) {
            const DigitDenoising r = d->denoise(digit, noise_->value() / 100.0, quint64(seed_->value()));
            noisy_->setImage(r.noisy, tr("noisy\n%1 dB").arg(r.psnrNoisy, 0, 'f', 1));
            denoised_->setImage(r.output, tr("denoised\n%1 dB").arg(r.psnrOutput, 0, 'f', 1));
            if (!r.warning.isEmpty()) warnings << r.warning;
        }
        if (const ModelSessionPtr u = upscaler()) {
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
            latentLabel_->setText(tr("z = (%1%2)%3")
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
