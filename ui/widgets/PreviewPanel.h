#pragma once
#include <QWidget>

class DigitView;
class NeighboursPanel;
class QLabel;

// The decoded-preview dock: the digit under the latent cursor, or a clicked test digit beside
// its reconstruction, and its nearest neighbours.
class PreviewPanel : public QWidget {
    Q_OBJECT
public:
    explicit PreviewPanel(QWidget* parent = nullptr);
    void showDecoded(const QImage& image, const QString& coordinates);
    void showTestDigit(const QImage& original, const QImage& reconstruction, int index, int label, const QString& className);
    void clear(const QString& why);
    DigitView* mainView() const { return main_; }      // decoded at cursor / the test digit
    DigitView* secondView() const { return second_; }  // reconstruction of the test digit
    NeighboursPanel* neighbours() const { return neighbours_; }

private:
    DigitView* main_;
    DigitView* second_;
    NeighboursPanel* neighbours_;
    QLabel* title_;
};
