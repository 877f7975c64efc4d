#include "widgets/PcaComparePanel.h"

#include "widgets/DigitView.h"
#include "widgets/LatentView.h"
#include "runtime/ThreadGovernor.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

PcaComparePanel::PcaComparePanel(QWidget* parent) : QWidget(parent)
{
    view_ = new LatentView(this);
    view_->setGridVisible(false);
    view_->setAxisNames(QStringLiteral("PC"), 1);
    text_ = new QLabel(this);
    text_->setWordWrap(true);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    original_ = new DigitView(this);
    modelDigit_ = new DigitView(this);
    pcaDigit_ = new DigitView(this);
    auto* digits = new QVBoxLayout;
    for (DigitView* v : {original_, modelDigit_, pcaDigit_}) {
        v->setMinimumSize(70, 80);
        digits->addWidget(v);
    }
    auto* top = new QHBoxLayout;
    top->addWidget(view_, 1);
    top->addLayout(digits);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top, 1);
    layout->addWidget(text_);
    original_->clear(tr("click a digit\nin the latent view"));
    view_->setMessage(tr("Computing PCA…"));
    updateText();
}

void PcaComparePanel::setPca(const PcaComparison& pca)
{
    havePca_ = pca.codes.count > 0;
    pca_ = pca.scores;
    view_->setCodes(std::make_shared<const LatentCodes>(pca.codes));
    view_->setMessage(havePca_ ? QString() : tr("No dataset."));
    updateText();
}

void PcaComparePanel::setLatentScores(const EmbeddingScores& scores, const QString& model)
{
    haveLatent_ = !model.isEmpty();
    latent_ = scores;
    model_ = model;
    updateText();
    if (!lastOriginal_.isNull()) showDigit(lastOriginal_, lastReconstruction_);
}

void PcaComparePanel::showDigit(const QImage& original, const QImage& reconstruction)
{
    lastOriginal_ = original;
    lastReconstruction_ = reconstruction;
    original_->setImage(original, tr("test digit"));
    modelDigit_->setImage(reconstruction, tr("model"));
    const QImage pca = haveLatent_ ? InferenceSession::pcaReconstruction(latent_, original) : QImage();
    if (pca.isNull())
        pcaDigit_->clear(tr("PCA: after scoring"));
    else
        pcaDigit_->setImage(pca, tr("PCA, %1 comp.").arg(latent_.pcaComponents));
}

void PcaComparePanel::setClassNames(const QStringList& names) { view_->setClassNames(names); }

QString PcaComparePanel::summary() const { return text_->text(); }

void PcaComparePanel::updateText()
{
    QString t =
        havePca_ ? tr("<b>PCA, 2 components</b> (above): 5-NN %1, silhouette %2").arg(pca_.knn, 0, 'f', 3).arg(pca_.silhouette, 0, 'f', 3)
                 : tr("<b>PCA</b>: waiting for a dataset");
    t += "<br>";
    t += haveLatent_ ? tr("<b>Learned latent</b> (%1, main view): 5-NN %2, silhouette %3")
                           .arg(model_.toHtmlEscaped())
                           .arg(latent_.knn, 0, 'f', 3)
                           .arg(latent_.silhouette, 0, 'f', 3)
                     : tr("<b>Learned latent</b>: scored when training ends or a model is opened");
    if (haveLatent_ && latent_.reconMse >= 0)
        t += tr("<br><b>Reconstruction MSE</b> per pixel on the test split: model %1, PCA with %2 components %3")
                 .arg(latent_.reconMse, 0, 'f', 4)
                 .arg(latent_.pcaComponents)
                 .arg(latent_.pcaMse, 0, 'f', 4);
    text_->setText(t);
}

void PcaComparePanel::setDataset(const DigitDataset& data)
{
    data_ = data;
    pcaJob_.cancel();
    setClassNames(data_.classNames());
    havePca_ = false;
    view_->setCodes(std::make_shared<const LatentCodes>());
    view_->setMessage(data_.isEmpty() ? tr("No dataset.") : tr("Computed when this panel is in front."));
    updateText();
    pcaStale_ = !data_.isEmpty();
    scoresStale_ = session_ != nullptr;
    computeWhenShown();
}

void PcaComparePanel::setModel(InferenceSessionPtr session, bool training)
{
    if (session != session_) setLatentScores({}, QString());
    session_ = std::move(session);
    training_ = training;
    scoresJob_.cancel();
    scoresStale_ = session_ && session_->hasLatent();
    computeWhenShown();
}

void PcaComparePanel::setOnScreen(bool on)
{
    onScreen_ = on;
    computeWhenShown();
}

void PcaComparePanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    computeWhenShown();
}

void PcaComparePanel::computeWhenShown()
{
    if (!onScreen_ || !isVisible() || data_.isEmpty()) return;
    if (pcaStale_) {
        pcaStale_ = false;
        pcaJob_.start(
            [data = data_] {
                InferenceSession::setThreadsForThisThread(1);
                return InferenceSession::pcaComparison(data);
            },
            [this](const PcaComparison& pca) { setPca(pca); });
    }
    if (scoresStale_ && !training_) {
        scoresStale_ = false;
        scoresJob_.start(
            [session = session_, data = data_] {
                InferenceSession::setThreadsForThisThread(latent::ThreadGovernor::defaultThreads());
                return session->scores(data);
            },
            [this, session = session_](const EmbeddingScores& scores) {
                if (session == session_) setLatentScores(scores, session_->description());
            });
    }
}
