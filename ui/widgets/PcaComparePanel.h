#pragma once
#include "session/BackgroundJob.h"
#include "session/DigitDataset.h"
#include "session/InferenceSession.h"

#include <QWidget>

class DigitView;
class LatentView;
class QLabel;

// The lesson's claim, made visible: the 2-D PCA projection of the same test digits, coloured the
// same way, beside the learned latent space, with 5-NN accuracy and silhouette for each. Both are
// computed in the background, and only while the panel can be seen: on 60,000 digits they take
// seconds, which would slow training down on two cores.
class PcaComparePanel : public QWidget {
    Q_OBJECT
public:
    explicit PcaComparePanel(QWidget* parent = nullptr);
    void setDataset(const DigitDataset& data);
    // The model to score; a model in training is scored once training is over.
    void setModel(InferenceSessionPtr session, bool training);
    // Whether the panel is in front (a dock behind another's tab counts as visible to its widgets).
    void setOnScreen(bool on);
    bool isScoring() const { return pcaJob_.isBusy() || scoresJob_.isBusy(); }

    void setPca(const PcaComparison& pca);
    void setLatentScores(const EmbeddingScores& scores, const QString& model);  // model empty: none yet
    void setClassNames(const QStringList& names);
    // A test digit, the model's reconstruction and PCA's from as many components, side by side.
    void showDigit(const QImage& original, const QImage& reconstruction);
    DigitView* pcaView() const { return pcaDigit_; }
    LatentView* view() const { return view_; }
    QString summary() const;

private:
    void computeWhenShown();
    void showEvent(QShowEvent* event) override;
    void updateText();
    LatentView* view_;
    QLabel* text_;
    DigitView* original_;
    DigitView* modelDigit_;
    DigitView* pcaDigit_;
    QImage lastOriginal_, lastReconstruction_;
    bool havePca_ = false, haveLatent_ = false;
    EmbeddingScores pca_, latent_;
    QString model_;
    DigitDataset data_;
    InferenceSessionPtr session_;
    bool training_ = false, onScreen_ = false, pcaStale_ = false, scoresStale_ = false;  // on screen: as its dock says
    BackgroundJob<PcaComparison> pcaJob_;
    BackgroundJob<EmbeddingScores> scoresJob_;
};
