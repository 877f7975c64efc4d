#include "PcaComparePanel.h"

#include "LatentView.h"

#include <QLabel>
#include <QVBoxLayout>

PcaComparePanel::PcaComparePanel(QWidget* parent) : QWidget(parent)
{
    view_ = new LatentView(this);
    view_->setGridVisible(false);
    text_ = new QLabel(this);
    text_->setWordWrap(true);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(view_, 1);
    layout->addWidget(text_);
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
}

void PcaComparePanel::setClassNames(const QStringList& names) { view_->setClassNames(names); }

QString PcaComparePanel::summary() const { return text_->text(); }

void PcaComparePanel::updateText()
{
    QString t = havePca_ ? tr("<b>PCA, 2 components</b> (above): 5-NN %1, silhouette %2")
                               .arg(pca_.knn, 0, 'f', 3).arg(pca_.silhouette, 0, 'f', 3)
                         : tr("<b>PCA</b>: waiting for a dataset");
    t += "<br>";
    t += haveLatent_ ? tr("<b>Learned latent</b> (%1, main view): 5-NN %2, silhouette %3")
                           .arg(model_.toHtmlEscaped()).arg(latent_.knn, 0, 'f', 3).arg(latent_.silhouette, 0, 'f', 3)
                     : tr("<b>Learned latent</b>: scored when training ends or a model is opened");
    text_->setText(t);
}
