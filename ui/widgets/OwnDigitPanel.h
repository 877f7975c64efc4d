#pragma once
#include "image/DigitPreprocessor.h"  // core, torch-free
#include "session/BackgroundJob.h"
#include "session/KeptModelTrainer.h"
#include "session/InferenceSession.h"

#include <QWidget>

#include <memory>
#include <vector>

class QMimeData;

class DigitView;
class DrawingCanvas;
class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QToolButton;

// "Your digit": a picture opened, dropped, pasted or drawn becomes an MNIST-style digit (each
// preprocessing stage on demand), is cleaned by a denoiser and restored by a super-resolution
// model (with PSNR against the clean digit and a bilinear upscale for comparison), and is
// encoded by the explorer's model so the window can mark where it lands in latent space. The
// picture, the MNIST-style digit, the denoised digit and the latent position come first, so that
// they fit the dock without scrolling; stages and super-resolution unfold below. When no model
// can do a job, one click trains one with the recommended recipe and keeps it (KeptModels).
class OwnDigitPanel : public QWidget {
    Q_OBJECT
public:
    explicit OwnDigitPanel(QWidget* parent = nullptr);

    // The model of the explorer: it encodes the digit, and denoises or upscales it unless a
    // model was opened here for that.
    void setExplorerModel(InferenceSessionPtr model);
    // A picture is read and preprocessed off the GUI thread (a phone photo takes a while); the
    // newest picture wins, and pictureSettled tells whether it was shown. A bad picture shows
    // why, and the digit shown so far stays.
    void openPicture(const QString& path);
    void setPicture(const QImage& image, const QString& what);
    bool isLoadingPicture() const { return pictureWanted_; }
    // Waits (running the event loop) until no picture is loading; whether the last was shown.
    bool waitForPicture(int timeoutMs = 60000);
    // Each returns false and shows why (the digit shown so far stays) for a bad model.
    bool openDenoiser(const QString& path);
    bool openUpscaler(const QString& path);
    void setNoise(double stddev, int seed);
    // The models kept in the data folder, (re)read; called at start and after one is trained.
    void reloadKeptModels();
    // One click: trains the kept denoiser / super-resolution model in the background.
    void trainDenoiser();
    void trainUpscaler();
    bool isTraining() const;
    void showStages(bool show);
    void showSuperResolution(bool show);

    bool hasDigit() const { return hasDigit_; }
    const latent::PreprocessResult& preprocessed() const { return *result_; }
    QString errorText() const;
    DigitView* stageView(int index) const { return stages_[size_t(index)]; }
    int stageCount() const { return int(stages_.size()); }
    DigitView* cleanView() const { return clean_; }
    DigitView* noisyView() const { return noisy_; }
    DigitView* denoisedView() const { return denoised_; }
    DigitView* smallView() const { return small_; }
    DigitView* upscaledView() const { return upscaled_; }
    DigitView* bilinearView() const { return bilinear_; }
    DigitView* reconstructionView() const { return reconstruction_; }
    DrawingCanvas* canvas() const { return canvas_; }
    QPushButton* trainDenoiserButton() const { return denoise_.train; }
    QPushButton* trainUpscalerButton() const { return upscale_.train; }
    QString denoiserText() const;  // which model denoises, in the panel's words
    QString upscalerText() const;

Q_SIGNALS:
    // The digit's code under the explorer's model (empty mean: nothing to mark).
    void digitEncoded(const DigitEncoding& encoding);
    void message(const QString& text);  // for the status bar
    void pictureSettled(bool shown);    // the newest picture was shown, or refused (errorText says why)

public Q_SLOTS:
    void openPictureDialog();
    void pasteFromClipboard();
    // Drag and drop onto the window: whether the data holds a local file or an image, and taking
    // it (a picture opens here; the path of a dropped model checkpoint, *.pt, is returned instead).
    static bool canTake(const QMimeData* mime);
    QString take(const QMimeData* mime);
    void clear();

private:
    // What the background job makes of a picture: the preprocessing, or why not.
    struct LoadedPicture {
        std::shared_ptr<const latent::PreprocessResult> result;
        std::vector<QImage> stages;  // each stage as it is shown, made in the job too
        QString what, error;
        QSize size;  // the picture's own size (before any reduction)
        bool ok = false;
    };
    void loadPicture(const QString& what, std::function<latent::GrayImage(QSize*)> read);
    void showPicture(const LoadedPicture& picture);
    void showError(const QString& text);
    void refresh();
    InferenceSessionPtr denoiser() const;
    InferenceSessionPtr upscaler() const;
    void updateModelLabels();

    // A helper model's row: which model does the job, the one-click training and its progress.
    struct Helper {
        QLabel* label = nullptr;
        QPushButton* train = nullptr;
        QProgressBar* progress = nullptr;
        QPushButton* cancel = nullptr;
        KeptModelTrainer* trainer = nullptr;
        InferenceSessionPtr kept;
    };
    QWidget* makeHelperRow(Helper& h, KeptModelTrainer::Role role, QWidget* parent);
    // The picture with its stages, and the denoiser's group; each connects its own controls.
    QGroupBox* makePictureBox(QWidget* parent);
    QGroupBox* makeDenoiseBox(QWidget* parent);
    void helperFinished(Helper& h, bool ok, const QString& message);
    void reloadKeptModel(Helper& h);

    InferenceSessionPtr explorer_, ownDenoiser_, ownUpscaler_;
    Helper denoise_, upscale_;
    QToolButton* stagesToggle_;
    QWidget* stagesBox_;
    QToolButton* srToggle_;
    QWidget* srBox_;
    // Shared with the job that made it: a phone photo's stages are megabytes.
    std::shared_ptr<const latent::PreprocessResult> result_ = std::make_shared<latent::PreprocessResult>();
    bool hasDigit_ = false;
    bool lastPictureShown_ = false;
    bool pictureWanted_ = false;  // a picture was asked for and is not on screen (or refused) yet
    QString sourceText_;          // what the shown digit came from
    BackgroundJob<LoadedPicture> pictureJob_;
    QProgressBar* pictureBusy_;
    QLabel* source_;
    QLabel* error_;
    DrawingCanvas* canvas_;
    std::vector<DigitView*> stages_;
    QSlider* noise_;
    QLabel* noiseLabel_;
    QSpinBox* seed_;
    DigitView* clean_;
    DigitView* noisy_;
    DigitView* denoised_;
    DigitView* small_;
    DigitView* upscaled_;
    DigitView* bilinear_;
    QLabel* latentLabel_;
    DigitView* reconstruction_;
};
