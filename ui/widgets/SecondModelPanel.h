#pragma once
#include <QWidget>

class ExplorerView;
class QLabel;
class QToolButton;

// A second model's map of the same test digits, beside the first (e.g. the VAE and the separated
// map): its own view, titled with the model, closed with a button. The window links the two:
// a digit hovered in one is ringed in the other, a selection made in either is the other's too.
class SecondModelPanel : public QWidget {
    Q_OBJECT
public:
    explicit SecondModelPanel(QWidget* parent = nullptr);
    ExplorerView* view() const { return view_; }
    void setTitle(const QString& title);
    QString title() const;

Q_SIGNALS:
    void closeRequested();

private:
    QLabel* title_;
    QToolButton* close_;
    ExplorerView* view_;
};
