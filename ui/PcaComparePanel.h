#pragma once
#include "ModelSession.h"

#include <QWidget>

class DigitView;
class LatentView;
class QLabel;

// The lesson's claim, made visible: the 2-D PCA projection of the same test digits, coloured the
// same way, beside the learned latent space, with 5-NN accuracy and silhouette for each.
class PcaComparePanel : public QWidget {
    Q_OBJECT
public:
    explicit PcaComparePanel(QWidget* parent = nullptr);
    void setPca(const PcaComparison& pca);
    void setLatentScores(const EmbeddingScores& scores, const QString& model);  // model empty: none yet
    void setClassNames(const QStringList& names);
    // A test digit, the model's reconstruction and PCA's from as many components, side by side.
    void showDigit(const QImage& original, const QImage& reconstruction);
    DigitView* pcaView() const { return pcaDigit_; }
    LatentView* view() const { return view_; }
    QString summary() const;

private:
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
};
