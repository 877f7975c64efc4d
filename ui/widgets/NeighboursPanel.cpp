#include "widgets/NeighboursPanel.h"

#include <QGridLayout>
#include <QLabel>
#include <QPixmap>
#include <QToolButton>

NeighboursPanel::NeighboursPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    // Per space: its heading, then two rows of four thumbnails (as narrow as the preview dock).
    constexpr int kColumns = kShown / 2;
    for (int s = 0; s < 2; ++s) {
        heading_[s] = new QLabel(this);
        heading_[s]->setWordWrap(true);
        layout->addWidget(heading_[s], 3 * s, 0, 1, kColumns);
        for (int i = 0; i < kShown; ++i) {
            auto* b = new QToolButton(this);
            b->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
            b->setIconSize(QSize(42, 42));
            b->setAutoRaise(true);
            connect(b, &QToolButton::clicked, this, [this, s, i] {
                if (i < indices_[s].size()) Q_EMIT digitChosen(indices_[s][i]);
            });
            buttons_[s][i] = b;
            layout->addWidget(b, 3 * s + 1 + i / kColumns, i % kColumns, Qt::AlignCenter);
        }
    }
    clear();
}

void NeighboursPanel::showSearching()
{
    for (int s = 0; s < 2; ++s) fill(Space(s), -1, {});
    heading_[Code]->setText(tr("Finding the nearest digits…"));
    heading_[Pixel]->clear();
}

void NeighboursPanel::clear()
{
    for (int s = 0; s < 2; ++s) fill(Space(s), -1, {});
    heading_[Code]->setText(tr("Click a digit on the map to see its nearest neighbours."));
    heading_[Pixel]->clear();
}

void NeighboursPanel::showNeighbours(int label, const QVector<Entry>& code, const QVector<Entry>& pixel)
{
    fill(Code, label, code);
    fill(Pixel, label, pixel);
}

void NeighboursPanel::fill(Space space, int label, const QVector<Entry>& entries)
{
    indices_[space].clear();
    int same = 0;
    for (int i = 0; i < kShown; ++i) {
        QToolButton* b = buttons_[space][i];
        if (i >= entries.size()) {
            b->hide();
            continue;
        }
        const Entry& e = entries[i];
        indices_[space] << e.index;
        same += e.label == label;
        // Twice the digit's size, pixel-exact (no smoothing), as the other digit views.
        b->setIcon(QPixmap::fromImage(e.image.scaled(e.image.size() * 2, Qt::IgnoreAspectRatio, Qt::FastTransformation)));
        b->setText(QString::number(e.label));
        b->setToolTip(tr("Test digit #%1, label %2: click to go to it").arg(e.index).arg(e.label));
        b->show();
    }
    if (label < 0) return;
    const QString where = space == Code ? tr("In code space") : tr("In pixel space");
    heading_[space]->setText(entries.isEmpty() ? tr("%1: no codes (no model)").arg(where)
                                               : tr("%1: %2 of %3 share label %4").arg(where).arg(same).arg(entries.size()).arg(label));
}

QVector<int> NeighboursPanel::indices(Space space) const { return indices_[space]; }

QString NeighboursPanel::summary(Space space) const { return heading_[space]->text(); }

QToolButton* NeighboursPanel::button(Space space, int i) const { return buttons_[space][i]; }
