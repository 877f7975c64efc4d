#pragma once
#include <QString>
#include <QWidget>

#include <vector>

class QAbstractAxis;
class QChart;
class QChartView;
class QCheckBox;
class QLineSeries;
class QLogValueAxis;
class QValueAxis;

// Live loss curves (Qt Charts): total, reconstruction and KL on the training set every few steps
// (solid) and on the test set after every epoch (dashed, with points). Clicking a legend entry
// hides or shows its series; the y axis can be logarithmic; both axes follow the visible data.
class LossChart : public QWidget {
    Q_OBJECT
public:
    explicit LossChart(QWidget* parent = nullptr);

    // Starts a new history; the KL series exist only for variational models.
    void reset(bool variational);
    void addTrainPoint(int epoch, double step, double total, double reconstruction, double kl);
    void addTestPoint(int epoch, double step, double total, double reconstruction, double kl);
    void setLogScale(bool on);
    bool logScale() const { return logScale_; }

    int trainPointCount() const;
    int testPointCount() const;
    QLineSeries* series(int index) const { return series_[size_t(index)]; }  // 0-2 train, 3-5 test
    QChart* chart() const { return chart_; }
    // "split,epoch,step,total,reconstruction,kl" then one line per point, in order of arrival.
    QString historyCsv() const;

private:
    struct Record {
        bool test;
        int epoch;
        double step, total, reconstruction, kl;
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
    bool logScale_ = false;
    bool variational_ = true;
    std::vector<Record> history_;
};
