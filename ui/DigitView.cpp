#include "DigitView.h"

#include <QPainter>

DigitView::DigitView(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void DigitView::setImage(const QImage& image, const QString& caption)
{
    image_ = image;
    caption_ = caption;
    update();
}

void DigitView::clear(const QString& caption)
{
    image_ = QImage();
    caption_ = caption;
    update();
}

void DigitView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const QFontMetrics fm(font());
    const int captionHeight = fm.lineSpacing() * 2 + 6;
    const QRect area = rect().adjusted(4, 4, -4, -captionHeight);
    if (!image_.isNull() && area.width() > 0 && area.height() > 0) {
        const int s = std::max(1, std::min(area.width() / image_.width(), area.height() / image_.height()));
        const QSize shown = image_.size() * s;
        const QRect target(area.center() - QPoint(shown.width() / 2, shown.height() / 2), shown);
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.drawImage(target, image_);
        p.setPen(QColor(128, 128, 128));
        p.drawRect(target.adjusted(-1, -1, 0, 0));
    } else {
        p.fillRect(area, QColor(30, 30, 30));
    }
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(0, height() - captionHeight, width(), captionHeight), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
               caption_);
}
