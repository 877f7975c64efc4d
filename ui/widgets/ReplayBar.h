#pragma once
#include <QWidget>

class QLabel;
class QSlider;
class QTimer;
class QToolButton;

// The timeline under the map: a slider from the first snapshot of a model's training to now, a
// Play button that sweeps it in about five seconds, and the epoch shown. At its right end the map
// is live again.
class ReplayBar : public QWidget {
    Q_OBJECT
public:
    static constexpr int kTicks = 1000;

    explicit ReplayBar(QWidget* parent = nullptr);
    // A replay from first to last epoch; first == last: nothing to replay (the bar is disabled).
    void setSpan(double first, double last);
    double position() const;  // in epochs
    void setPosition(double epoch);
    bool isLive() const;  // at the right end
    bool isPlaying() const;
    void play();
    void stop();
    QSlider* slider() const { return slider_; }
    QToolButton* playButton() const { return play_; }

Q_SIGNALS:
    void positionChanged(double epoch);  // also when the end (live) is reached

private:
    void step();
    void showPosition();

    QToolButton* play_;
    QSlider* slider_;
    QLabel* label_;
    QTimer* timer_;
    double first_ = 0, last_ = 0;
};
