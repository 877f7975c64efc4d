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
    // Asks for the height the image needs at the largest whole-number scale the width allows: a
    // sheet in a scrolled dock then grows with the dock's width instead of staying at its
    // smallest size. Off by default (a view beside others keeps the height its layout gives it).
    void setGrowsWithWidth(bool on);
    bool hasHeightForWidth() const override { return growsWithWidth_ && !image_.isNull(); }
    int heightForWidth(int width) const override;
    // Writes the image at its own size (not as shown); false with *error set on failure.
    bool saveImage(const QString& path, QString* error = nullptr) const;

protected:
    void paintEvent(QPaintEvent*) override;
    void contextMenuEvent(QContextMenuEvent*) override;  // "Save Image As…"

private:
    QImage image_;
    QString caption_;
    bool growsWithWidth_ = false;
};
