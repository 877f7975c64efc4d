#pragma once
#include <QImage>
#include <QVector>
#include <QWidget>

class QLabel;
class QToolButton;

// A clicked digit's nearest test digits, in code space and in pixel space: a row of thumbnails
// with labels each, and how many share the digit's label. Clicking a thumbnail asks to move there.
class NeighboursPanel : public QWidget {
    Q_OBJECT
public:
    enum Space { Code, Pixel };
    struct Entry {
        int index = -1, label = -1;
        QImage image;
    };
    static constexpr int kShown = 8;

    explicit NeighboursPanel(QWidget* parent = nullptr);
    void showSearching();
    // label: the digit's own; an empty list says that space has none (no model: no codes).
    void showNeighbours(int label, const QVector<Entry>& code, const QVector<Entry>& pixel);
    void clear();

    QVector<int> indices(Space space) const;
    QString summary(Space space) const;
    QToolButton* button(Space space, int i) const;

Q_SIGNALS:
    void digitChosen(int index);

private:
    void fill(Space space, int label, const QVector<Entry>& entries);

    QLabel* heading_[2];
    QToolButton* buttons_[2][kShown];
    QVector<int> indices_[2];
};
