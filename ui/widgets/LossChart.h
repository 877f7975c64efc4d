#pragma once
#include <QString>
#include <QWidget>

#include <vector>

class TrainingRun;
namespace latent {
struct TrainingHistory;
}

class QAbstractAxis;
class QChart;
class QChartView;
class QCheckBox;
class QLineSeries;
class QLogValueAxis;
class QValueAxis;

// Live loss curves (Qt Charts): total, reconstruction and KL on the training set every few steps
// (solid) and on the test set after every epoch (dashed, with points). The small term (a VAE's KL
// ~6, the separated map's neighbour loss ~3, an adversarial autoencoder's discriminator and
// generator losses ~1) has its own axis at the right, scaled to its own values, so that its change
// reads beside a total of ~150. Clicking a legend entry (below the plot) hides or shows its
// series; the left axis can be logarithmic; the axes follow the visible data.
class LossChart : public QWidget {
    Q_OBJECT
public:
    // The series, in legend order: the three loss parts on the training and the test set, then
    // the adversarial phases' losses (training only).
    enum Series { TrainTotal, TrainReconstruction, TrainKl, TestTotal, TestReconstruction, TestKl, Discriminator, Generator, SeriesCount };

    explicit LossChart(QWidget* parent = nullptr);

    // Starts a new history; the KL series exist only for variational models, the discriminator
    // and generator series only for adversarial ones; the separated map's neighbour KL (training
    // only) takes the training KL series.
    void reset(bool variational, bool adversarial = false, bool neighbours = false);
    void addTrainPoint(int epoch, double step, double total, double reconstruction, double kl, double discriminator = 0,
                       double generator = 0);
    void addTestPoint(int epoch, double step, double total, double reconstruction, double kl);
    // Plots a run's losses as they come: training every N steps, test every epoch.
    void follow(const TrainingRun* run);
    // Plots a saved model's losses (its history), after reset() for its kind.
    void showHistory(const latent::TrainingHistory& history);
    void setLogScale(bool on);
    bool logScale() const { return logScale_; }

    int trainPointCount() const;
    int testPointCount() const;
    QLineSeries* series(Series which) const { return series_[size_t(which)]; }
    QChart* chart() const { return chart_; }
    QValueAxis* termAxis() const { return yTerm_; }  // the small term's axis (right)
    // "split,epoch,step,total,reconstruction,kl" (adversarial: ",discriminator,generator" too),
    // then one line per point, in order of arrival.
    QString historyCsv() const;

private:
    struct Record {
        bool test;
        int epoch;
        double step, total, reconstruction, kl;
        double discriminator = 0, generator = 0;
    };
    void append(const Record& r);
    void updateRanges();
    void attachSeries();

    QChart* chart_;
    QChartView* view_;
    QCheckBox* logBox_;
    std::vector<QLineSeries*> series_;
    QValueAxis* xAxis_;
    QValueAxis* yLinear_;
    QLogValueAxis* yLog_;
    QValueAxis* yTerm_;  // the right axis: KL, neighbour or adversarial losses
    bool logScale_ = false;
    bool variational_ = true;
    bool adversarial_ = false;
    bool neighbours_ = false;
    std::vector<Record> history_;
};
