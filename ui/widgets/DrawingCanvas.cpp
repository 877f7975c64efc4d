#include "widgets/DrawingCanvas.h"

#include <QMouseEvent>
#include <QPainter>

namespace {
constexpr int kSide = 224;  // 8x MNIST's 28: strokes the width of a pen line on MNIST digits
}

DrawingCanvas::DrawingCanvas(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(112, 112);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setCursor(Qt::CrossCursor);
    setToolTip(tr("Draw a digit with the mouse"));
    clear();
}

void DrawingCanvas::clear()
{
    image_ = QImage(kSide, kSide, QImage::Format_Grayscale8);
    image_.fill(255);
    blank_ = true;
    update();
}

QPointF DrawingCanvas::toImage(const QPointF& p) const
{
    const int side = std::min(width(), height());
    const QPointF origin((width() - side) / 2.0, (height() - side) / 2.0);
    return (p - origin) * (double(kSide) / side);
}

void DrawingCanvas::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const int side = std::min(width(), height());
    const QRect target((width() - side) / 2, (height() - side) / 2, side, side);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(target, image_);
    p.setPen(QColor(150, 150, 150));
    p.drawRect(target.adjusted(0, 0, -1, -1));
    if (blank_) p.drawText(target, Qt::AlignCenter, tr("draw here"));
}

void DrawingCanvas::mousePressEvent(QMouseEvent* e)
{
    if (e->button() != Qt::LeftButton) return;
    drawing_ = true;
    last_ = toImage(e->position());
    mouseMoveEvent(e);
}

void DrawingCanvas::mouseMoveEvent(QMouseEvent* e)
{
    if (!drawing_) return;
    const QPointF now = toImage(e->position());
    QPainter p(&image_);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(20, 20, 20), 18, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawLine(last_, now);
    last_ = now;
    blank_ = false;
    update();
}

void DrawingCanvas::mouseReleaseEvent(QMouseEvent* e)
{
    if (e->button() != Qt::LeftButton || !drawing_) return;
    drawing_ = false;
    Q_EMIT strokeFinished();
}

void DrawingCanvas::resizeEvent(QResizeEvent*) { update(); }
