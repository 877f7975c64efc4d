#include "widgets/PreviewPanel.h"

#include "widgets/DigitView.h"
#include "widgets/NeighboursPanel.h"

#include <QLabel>
#include <QVBoxLayout>

PreviewPanel::PreviewPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    title_ = new QLabel(this);
    title_->setWordWrap(true);
    main_ = new DigitView(this);
    second_ = new DigitView(this);
    layout->addWidget(title_);
    layout->addWidget(main_, 3);
    layout->addWidget(second_, 2);
    neighbours_ = new NeighboursPanel(this);
    layout->addWidget(neighbours_);
    clear(tr("Train or open a model, then drag in the latent view."));
}

void PreviewPanel::showDecoded(const QImage& image, const QString& coordinates)
{
    title_->setText(tr("<b>Decoded at the cursor</b>"));
    main_->setImage(image, coordinates);
    second_->hide();
}

void PreviewPanel::showTestDigit(const QImage& original, const QImage& reconstruction, int index, int label, const QString& className)
{
    title_->setText(tr("<b>Test digit #%1</b>, label %2%3")
                        .arg(index)
                        .arg(label)
                        .arg(className.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(className)));
    main_->setImage(original, tr("original"));
    second_->setImage(reconstruction, tr("reconstruction"));
    second_->show();
}

void PreviewPanel::clear(const QString& why)
{
    title_->setText(why);
    main_->clear();
    second_->clear();
    second_->hide();
    neighbours_->clear();
}
