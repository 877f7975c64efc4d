#pragma once
#include "session/BackgroundJob.h"
#include "session/InferenceSession.h"

#include <QWidget>

class DigitView;
class QCheckBox;
class QGroupBox;
class QLabel;
class QSlider;
class QSpinBox;

// "Generate": a sheet of samples from the prior (reseed with one click), the decoded path between
// two codes (test digits picked in the latent view, or the user's own digit), linear or
// spherical, and a sheet of variations of one digit's code under latent noise.
class GeneratePanel : public QWidget {
    Q_OBJECT
public:
    explicit GeneratePanel(QWidget* parent = nullptr);

    void setModel(InferenceSessionPtr model);
    // The digit selected in the latent view (empty code: none) and the user's own digit's code.
    void setSelection(const std::vector<float>& code, const QString& what, const QImage& digit = QImage());
    // A second model for the latent-noise sheet, side by side (the lesson: a plain AE next to a
    // VAE); false with *error set when the file is not a usable model.
    bool openComparisonModel(const QString& path, QString* error);
    DigitView* comparisonNoiseView() const { return noise2_; }
    void setOwnDigit(const std::vector<float>& code);
    void setEndpoint(int which, const std::vector<float>& code, const QString& what);  // which: 0 = A, 1 = B
    void setSampling(int n, quint64 seed);
    // Conditional models: each sample drawn as every digit, one row per digit (else: the digit
    // chosen in the latent panel).
    void setDigitRows(bool on);
    void setInterpolation(int steps, bool spherical);
    void setNoise(double sigma, int n, quint64 seed);

    DigitView* sampleView() const { return samples_; }
    DigitView* pathView() const { return strip_; }
    DigitView* noiseView() const { return noise_; }
    const LatentPath& path() const { return path_; }
    quint64 seed() const;
    // Whether the panel can be seen (false behind another dock's tab): sheets are decoded only
    // then, and at once when it comes back with a newer model.
    void setOnScreen(bool on);
    // The line above the samples: why they may not look like digits (empty when they should).
    QString warningText() const;
    // Sheets are decoded off the GUI thread (a conv model's took up to 150 ms); sheetsShown
    // follows each set put on screen. Waits (running the event loop) until none is being made.
    bool isDecoding() const { return decoding_; }
    bool waitForSheets(int timeoutMs = 60000);

Q_SIGNALS:
    void pathChanged(const LatentPath& path);  // empty when there is none
    void sheetsShown();
    void exportRequested(const QImage& image, const QString& what);

protected:
    void showEvent(QShowEvent* event) override;

private:
    // The three groups of the panel; each connects its own controls.
    QGroupBox* makeSampleBox(QWidget* parent);
    QGroupBox* sampleBox_ = nullptr;
    QGroupBox* makePathBox(QWidget* parent);
    QGroupBox* makeNoiseBox(QWidget* parent);
    // Decodes every sheet (samples, path, noise) for the current settings.
    void refresh();
    // The same, or only the cheap labels while the panel is hidden (or behind another dock's tab):
    // with a convolutional model the sheets took 15-150 ms of the GUI thread for each model
    // published during training. refresh() runs when the panel is shown.
    void refreshWhenShown();
    void updateLabels();
    void useSelectionAs(int which);

    // What one background job decodes, with the captions that go with it.
    struct Sheets {
        QImage samples, strip, noise, noise2;
        QString samplesCaption, stripCaption, noiseCaption, noise2Caption;
        LatentPath path;
    };
    void showSheets(const Sheets& sheets);
    BackgroundJob<Sheets> job_;
    bool decoding_ = false;  // sheets were asked for and are not on screen yet

    InferenceSessionPtr model_;
    std::vector<float> selection_, ownDigit_, ends_[2];
    QString selectionName_, endNames_[2];
    LatentPath path_;
    QLabel* warning_;
    QSpinBox* sampleCount_;
    QCheckBox* digitRows_;  // conditional models: one row per digit
    bool stale_ = false;    // sheets not decoded for the current model or selection yet
    bool onScreen_ = true;
    QSpinBox* seed_;
    DigitView* samples_;
    QLabel* endLabels_[2];
    QSpinBox* steps_;
    QCheckBox* spherical_;
    DigitView* strip_;
    QSlider* sigma_;
    QLabel* sigmaLabel_;
    QSpinBox* noiseCount_;
    DigitView* noise_;
    DigitView* noise2_;
    QLabel* noise2Label_;
    InferenceSessionPtr comparison_;
    QImage selectionImage_;
    QLabel* noiseSource_;
};
