#include "widgets/SelectionPanel.h"

#include "widgets/DigitView.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

SelectionPanel::SelectionPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    counts_ = new QLabel(this);
    counts_->setWordWrap(true);
    sheet_ = new DigitView(this);
    sheet_->setGrowsWithWidth(true);
    meanButton_ = new QPushButton(tr("&Decode the mean code"), this);
    meanButton_->setToolTip(tr("The decoder's picture of the selected digits' average code"));
    mean_ = new DigitView(this);
    csvButton_ = new QPushButton(tr("Export &CSV…"), this);
    csvButton_->setToolTip(tr("Index, label and code of every selected digit"));
    pngButton_ = new QPushButton(tr("Export &sheet…"), this);
    pngButton_->setToolTip(tr("Every selected digit as one PNG sheet"));
    auto* exports = new QHBoxLayout;
    exports->addWidget(csvButton_);
    exports->addWidget(pngButton_);
    layout->addWidget(summary_);
    layout->addWidget(counts_);
    layout->addWidget(sheet_, 3);
    layout->addWidget(meanButton_);
    layout->addWidget(mean_, 1);
    layout->addLayout(exports);
    layout->addStretch();
    connect(meanButton_, &QPushButton::clicked, this, &SelectionPanel::decodeMeanRequested);
    connect(csvButton_, &QPushButton::clicked, this, &SelectionPanel::exportCsvRequested);
    connect(pngButton_, &QPushButton::clicked, this, &SelectionPanel::exportSheetRequested);
    clearSelection();
}

void SelectionPanel::showSelection(int count, const std::vector<int>& perClass, const QStringList& classNames,
                                   const QVector<QImage>& digits)
{
    if (count == 0) {
        clearSelection();
        return;
    }
    summary_->setText(count > digits.size() ? tr("<b>%1 digits selected</b> (the first %2 shown)").arg(count).arg(digits.size())
                                            : tr("<b>%1 digits selected</b>").arg(count));
    QStringList parts;
    for (size_t l = 0; l < perClass.size(); ++l)
        if (perClass[l] > 0)
            parts << (int(l) < classNames.size() ? QStringLiteral("%1 (%2): %3").arg(l).arg(classNames[int(l)]).arg(perClass[l])
                                                 : QStringLiteral("%1: %2").arg(l).arg(perClass[l]));
    counts_->setText(tr("By label: %1").arg(parts.join(QStringLiteral(" · "))));
    sheet_->setImage(sheetOf(digits, kSheetColumns));
    mean_->clear();
    for (QPushButton* b : {meanButton_, csvButton_, pngButton_}) b->setEnabled(true);
}

void SelectionPanel::showMean(const QImage& decoded) { mean_->setImage(decoded, tr("mean code, decoded")); }

void SelectionPanel::clearSelection()
{
    summary_->setText(tr("Shift+drag on the map to select digits with a lasso (Ctrl+Shift+drag adds; Esc clears)."));
    counts_->clear();
    sheet_->clear();
    mean_->clear();
    for (QPushButton* b : {meanButton_, csvButton_, pngButton_}) b->setEnabled(false);
}

QString SelectionPanel::summary() const { return summary_->text(); }

QString SelectionPanel::classCounts() const { return counts_->text(); }

QImage SelectionPanel::sheetOf(const QVector<QImage>& digits, int columns)
{
    if (digits.isEmpty() || columns < 1) return {};
    const int cols = std::min(columns, int(digits.size())), rows = (int(digits.size()) + cols - 1) / cols;
    QImage sheet(cols * 28 + (cols - 1) * 2, rows * 28 + (rows - 1) * 2, QImage::Format_Grayscale8);
    sheet.fill(QColor(90, 90, 90));  // grey gaps: the digits' black ground keeps its edge
    QPainter p(&sheet);
    for (int i = 0; i < int(digits.size()); ++i) p.drawImage(QPoint((i % cols) * 30, (i / cols) * 30), digits[i]);
    return sheet;
}
