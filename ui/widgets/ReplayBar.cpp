#include "widgets/ReplayBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <cmath>

ReplayBar::ReplayBar(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    play_ = new QToolButton(this);
    play_->setToolTip(tr("Replay how the map formed while the model trained"));
    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setRange(0, kTicks);
    slider_->setToolTip(tr("Drag to see the map after any part of the training; at the right end it is live"));
    label_ = new QLabel(this);
    label_->setMinimumWidth(label_->fontMetrics().horizontalAdvance(tr("epoch %1 of %2").arg("00.00", "00")));
    layout->addWidget(new QLabel(tr("Replay:"), this));
    layout->addWidget(play_);
    layout->addWidget(slider_, 1);
    layout->addWidget(label_);
    timer_ = new QTimer(this);
    timer_->setInterval(33);  // 30 frames a second
    connect(timer_, &QTimer::timeout, this, &ReplayBar::step);
    connect(play_, &QToolButton::clicked, this, [this] { isPlaying() ? stop() : play(); });
    connect(slider_, &QSlider::valueChanged, this, [this] {
        showPosition();
        Q_EMIT positionChanged(position());
    });
    setSpan(0, 0);
}

void ReplayBar::setSpan(double first, double last)
{
    stop();
    first_ = first;
    last_ = std::max(first, last);
    setEnabled(last_ > first_);
    QSignalBlocker block(slider_);
    slider_->setValue(kTicks);
    showPosition();
}

double ReplayBar::position() const { return first_ + (last_ - first_) * slider_->value() / kTicks; }

void ReplayBar::setPosition(double epoch)
{
    if (last_ <= first_) return;
    slider_->setValue(int(std::lround((epoch - first_) / (last_ - first_) * kTicks)));
}

bool ReplayBar::isLive() const { return slider_->value() >= kTicks; }

bool ReplayBar::isPlaying() const { return timer_->isActive(); }

void ReplayBar::play()
{
    if (last_ <= first_) return;
    if (isLive()) slider_->setValue(0);  // from the start
    timer_->start();
    showPosition();
}

void ReplayBar::stop()
{
    timer_->stop();
    showPosition();
}

void ReplayBar::step()
{
    // Five seconds for the whole training at 30 frames a second.
    const int next = std::min(kTicks, slider_->value() + kTicks / 150);
    slider_->setValue(next);
    if (next >= kTicks) stop();
}

void ReplayBar::showPosition()
{
    play_->setIcon(style()->standardIcon(isPlaying() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    play_->setText(isPlaying() ? tr("Pause") : tr("Play"));
    label_->setText(last_ <= first_ ? tr("no history")
                    : isLive()      ? tr("now (epoch %1)").arg(last_, 0, 'f', 0)
                                    : tr("epoch %1 of %2").arg(position(), 0, 'f', 2).arg(last_, 0, 'f', 0));
}
