#pragma once
#include <QImage>
#include <QWidget>

// A square sheet of paper to draw a digit on with the mouse: dark ink on white, as a pen would,
// so that it goes through the same preprocessing as a photographed digit.
class DrawingCanvas : public QWidget {
    Q_OBJECT
public:
    explicit DrawingCanvas(QWidget* parent = nullptr);
    const QImage& image() const { return image_; }
    bool isBlank() const { return blank_; }
    void clear();
    QSize sizeHint() const override { return QSize(224, 224); }

Q_SIGNALS:
    void strokeFinished();  // after each stroke (mouse release)

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void resizeEvent(QResizeEvent*) override;

private:
    QPointF toImage(const QPointF& widgetPos) const;
    QImage image_;
    QPointF last_;
    bool drawing_ = false, blank_ = true;
};
