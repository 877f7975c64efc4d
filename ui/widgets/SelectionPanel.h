#pragma once
#include <QImage>
#include <QVector>
#include <QWidget>

class DigitView;
class QLabel;
class QPushButton;

// The digits a lasso selected on the map: how many of each class, a sheet of them, the decode of
// their mean code, and their export (CSV of index, label and codes; the sheet as PNG). The window
// fills it when the selection changes and answers its buttons.
class SelectionPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kSheetDigits = 100;  // the sheet shows the first ones; the PNG export has all
    static constexpr int kSheetColumns = 10;

    explicit SelectionPanel(QWidget* parent = nullptr);
    // perClass: counts by label; digits: up to kSheetDigits of them, in index order.
    void showSelection(int count, const std::vector<int>& perClass, const QStringList& classNames, const QVector<QImage>& digits);
    void showMean(const QImage& decoded);
    void clearSelection();

    QString summary() const;
    QString classCounts() const;
    DigitView* sheetView() const { return sheet_; }
    DigitView* meanView() const { return mean_; }
    QPushButton* meanButton() const { return meanButton_; }
    QPushButton* csvButton() const { return csvButton_; }
    QPushButton* pngButton() const { return pngButton_; }

    // A sheet of 28 x 28 digits, columns a row, 2-pixel gaps (as the Generate dock's).
    static QImage sheetOf(const QVector<QImage>& digits, int columns);

Q_SIGNALS:
    void decodeMeanRequested();
    void exportCsvRequested();
    void exportSheetRequested();

private:
    QLabel* summary_;
    QLabel* counts_;
    DigitView* sheet_;
    DigitView* mean_;
    QPushButton* meanButton_;
    QPushButton* csvButton_;
    QPushButton* pngButton_;
};
