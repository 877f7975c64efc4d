#pragma once
#include <QImage>
#include <QWidget>

// One small grayscale image shown pixel-exact: scaled by a whole number with no smoothing, so
// each model pixel is a crisp square, with a caption underneath.
class DigitView : public QWidget {
    Q_OBJECT
public:
    explicit DigitView(QWidget* parent = nullptr);
    void setImage(const QImage& image, const QString& caption = QString());
    void clear(const QString& caption = QString());
    const QImage& image() const { return image_; }
    QString caption() const { return caption_; }
    QSize sizeHint() const override { return QSize(28 * 6, 28 * 6 + 40); }
    QSize minimumSizeHint() const override { return QSize(28 * 2, 28 * 2 + 30); }
    // Writes the image at its own size (not as shown); false with *error set on failure.
    bool saveImage(const QString& path, QString* error = nullptr) const;

protected:
    void paintEvent(QPaintEvent*) override;
    void contextMenuEvent(QContextMenuEvent*) override;  // "Save Image As…"

private:
    QImage image_;
    QString caption_;
};
