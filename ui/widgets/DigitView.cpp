#include "widgets/DigitView.h"

#include "ImageFile.h"

#include <QContextMenuEvent>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>

namespace {
constexpr int kMargin = 4;
int captionHeight(const QFontMetrics& fm) { return fm.lineSpacing() * 2 + 6; }
}  // namespace

DigitView::DigitView(QWidget* parent) : QWidget(parent) { setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding); }

void DigitView::setGrowsWithWidth(bool on)
{
    growsWithWidth_ = on;
    QSizePolicy policy = sizePolicy();
    policy.setHeightForWidth(on);
    setSizePolicy(policy);
    updateGeometry();
}

void DigitView::setImage(const QImage& image, const QString& caption)
{
    const bool resized = image.size() != image_.size();
    image_ = image;
    caption_ = caption;
    if (resized) updateGeometry();
    update();
}

void DigitView::clear(const QString& caption)
{
    const bool resized = !image_.isNull();
    image_ = QImage();
    caption_ = caption;
    if (resized) updateGeometry();
    update();
}

int DigitView::heightForWidth(int width) const
{
    const int chrome = kMargin + captionHeight(fontMetrics());
    if (image_.isNull()) return sizeHint().height();
    // As wide as the view (a sheet in a wide dock fills it), never below 1:1.
    const double scale = std::max(1.0, double(width - 2 * kMargin) / image_.width());
    return std::max(minimumSizeHint().height(), int(scale * image_.height()) + chrome);
}

void DigitView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const QFontMetrics fm(font());
    const int captionH = captionHeight(fm);
    const QRect area = rect().adjusted(kMargin, kMargin, -kMargin, -captionH);
    if (!image_.isNull() && area.width() > 0 && area.height() > 0) {
        const int s = std::min(area.width() / image_.width(), area.height() / image_.height());
        const double fit = std::min(double(area.width()) / image_.width(), double(area.height()) / image_.height());
        // Whole-number enlargement, pixel-exact; a view that grows with its width fills it (smoothly
        // between whole numbers); a picture larger than the area is shrunk smoothly.
        const bool fill = growsWithWidth_ && fit >= 1.0 && fit - s > 0.05;
        const QSize shown = fill     ? image_.size().scaled(area.size(), Qt::KeepAspectRatio)
                            : s >= 1 ? image_.size() * s
                                     : image_.size().scaled(area.size(), Qt::KeepAspectRatio);
        const QRect target(area.center() - QPoint(shown.width() / 2, shown.height() / 2), shown);
        p.setRenderHint(QPainter::SmoothPixmapTransform, s < 1 || fill);
        p.drawImage(target, image_);
        p.setPen(QColor(128, 128, 128));
        p.drawRect(target.adjusted(-1, -1, 0, 0));
    } else {
        p.fillRect(area, QColor(30, 30, 30));
    }
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(0, height() - captionH, width(), captionH), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, caption_);
}

bool DigitView::saveImage(const QString& path, QString* error) const
{
    if (image_.isNull()) {
        if (error) *error = tr("there is no image here");
        return false;
    }
    try {
        ImageFile::writePng(image_, path);
    } catch (const ImageFileError& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

void DigitView::contextMenuEvent(QContextMenuEvent* e)
{
    if (image_.isNull()) return;
    QMenu menu(this);
    QAction* save = menu.addAction(tr("Save Image As…"));
    if (menu.exec(e->globalPos()) != save) return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Image"), QString(), tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    QString error;
    if (!saveImage(QFileInfo(path).suffix().isEmpty() ? path + ".png" : path, &error)) QMessageBox::warning(this, tr("Save Image"), error);
}
