#include "widgets/ScrollPanel.h"

#include <QScrollArea>
#include <QVBoxLayout>

QScrollArea* newScrollArea(QWidget* content, QWidget* parent)
{
    auto* scroll = new QScrollArea(parent);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
}

void fillWithScrollArea(QWidget* panel, QWidget* content)
{
    auto* outer = new QVBoxLayout(panel);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(newScrollArea(content, panel));
}
