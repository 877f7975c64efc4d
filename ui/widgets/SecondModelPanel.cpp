#include "widgets/SecondModelPanel.h"

#include "widgets/ExplorerView.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

SecondModelPanel::SecondModelPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    title_ = new QLabel(this);
    title_->setWordWrap(true);
    close_ = new QToolButton(this);
    close_->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close_->setToolTip(tr("Close the second model"));
    close_->setAutoRaise(true);
    top->addWidget(title_, 1);
    top->addWidget(close_);
    view_ = new ExplorerView(this);
    layout->addLayout(top);
    layout->addWidget(view_, 1);
    connect(close_, &QToolButton::clicked, this, &SecondModelPanel::closeRequested);
}

void SecondModelPanel::setTitle(const QString& title) { title_->setText(title); }

QString SecondModelPanel::title() const { return title_->text(); }
