#include "widgets/LossChart.h"

#include "persistence/TrainingHistory.h"
#include "session/TrainingRun.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {
const char* kNames[LossChart::SeriesCount] = {QT_TRANSLATE_NOOP("LossChart", "train total"),
                                              QT_TRANSLATE_NOOP("LossChart", "train reconstruction"),
                                              QT_TRANSLATE_NOOP("LossChart", "train KL"),
                                              QT_TRANSLATE_NOOP("LossChart", "test total"),
                                              QT_TRANSLATE_NOOP("LossChart", "test reconstruction"),
                                              QT_TRANSLATE_NOOP("LossChart", "test KL"),
                                              QT_TRANSLATE_NOOP("LossChart", "train discriminator"),
                                              QT_TRANSLATE_NOOP("LossChart", "train generator")};
// Paul Tol's "muted" scheme, as in the latent view: total, reconstruction and KL in the first
// three (test dashed), the adversarial losses in the last two.
const QColor kColours[5] = {QColor("#332288"), QColor("#117733"), QColor("#CC6677"), QColor("#DDCC77"), QColor("#88CCEE")};
bool isAdversarialSeries(int i) { return i >= LossChart::Discriminator; }
// The series on the right axis: the small terms.
bool isTermSeries(int i) { return i == LossChart::TrainKl || i == LossChart::TestKl || isAdversarialSeries(i); }
// Points before the y axis starts to follow the recent data (fewer: everything is shown).
constexpr int kRecentAfterPoints = 10;
bool isTestSeries(int i) { return i >= LossChart::TestTotal && i <= LossChart::TestKl; }
// The series of a loss part (0 total, 1 reconstruction, 2 KL) of the training or the test set.
LossChart::Series partSeries(bool test, int part)
{
    return LossChart::Series((test ? LossChart::TestTotal : LossChart::TrainTotal) + part);
}
}  // namespace

LossChart::LossChart(QWidget* parent) : QWidget(parent)
{
    chart_ = new QChart;
    chart_->setMargins(QMargins(4, 4, 4, 4));
    chart_->legend()->setAlignment(Qt::AlignBottom);  // outside the plot, leaving it the width
    for (int i = 0; i < SeriesCount; ++i) {
        auto* s = new QLineSeries(chart_);
        s->setName(tr(kNames[i]));
        const bool test = isTestSeries(i);
        const QColor colour = isAdversarialSeries(i) ? kColours[3 + i - Discriminator] : kColours[i % 3];
        QPen pen(colour, test ? 2.0 : 1.5, test ? Qt::DashLine : Qt::SolidLine);
        s->setPen(pen);
        if (test) s->setPointsVisible(true);
        series_.push_back(s);
        chart_->addSeries(s);
    }
    xAxis_ = new QValueAxis(chart_);
    xAxis_->setTitleText(tr("training step"));
    xAxis_->setLabelFormat("%d");
    yLinear_ = new QValueAxis(chart_);
    yLinear_->setTitleText(tr("loss per image"));
    yLinear_->setTickCount(6);
    yLog_ = new QLogValueAxis(chart_);
    yLog_->setTitleText(tr("loss per image (log)"));
    yLog_->setBase(10);
    yLog_->setLabelFormat("%g");
    yLog_->setMinorTickCount(-1);
    yTerm_ = new QValueAxis(chart_);
    yTerm_->setTickCount(6);
    chart_->addAxis(xAxis_, Qt::AlignBottom);
    chart_->addAxis(yLinear_, Qt::AlignLeft);
    chart_->addAxis(yTerm_, Qt::AlignRight);
    attachSeries();

    // Legend markers toggle their series, as in the Qt Charts "legend markers" example; the
    // marker stays, dimmed, so the series can be brought back.
    for (QLegendMarker* marker : chart_->legend()->markers()) {
        connect(marker, &QLegendMarker::clicked, this, [this, marker] {
            QAbstractSeries* s = marker->series();
            s->setVisible(!s->isVisible());
            marker->setVisible(true);
            const qreal alpha = s->isVisible() ? 1.0 : 0.35;
            QColor c = marker->labelBrush().color();
            c.setAlphaF(alpha);
            marker->setLabelBrush(c);
            QBrush b = marker->brush();
            QColor bc = b.color();
            bc.setAlphaF(alpha);
            b.setColor(bc);
            marker->setBrush(b);
            updateRanges();
        });
    }

    view_ = new QChartView(chart_, this);
    view_->setRenderHint(QPainter::Antialiasing);
    logBox_ = new QCheckBox(tr("&Logarithmic loss axis"), this);
    connect(logBox_, &QCheckBox::toggled, this, &LossChart::setLogScale);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_, 1);
    layout->addWidget(logBox_);
    reset(true);
}

void LossChart::attachSeries()
{
    QAbstractAxis* y = logScale_ ? static_cast<QAbstractAxis*>(yLog_) : yLinear_;
    for (size_t i = 0; i < series_.size(); ++i) {
        QLineSeries* s = series_[i];
        for (QAbstractAxis* a : s->attachedAxes()) s->detachAxis(a);
        s->attachAxis(xAxis_);
        s->attachAxis(isTermSeries(int(i)) ? yTerm_ : y);
    }
}

void LossChart::setLogScale(bool on)
{
    if (on == logScale_) return;
    logScale_ = on;
    QSignalBlocker block(logBox_);
    logBox_->setChecked(on);
    QAbstractAxis* off = on ? static_cast<QAbstractAxis*>(yLinear_) : yLog_;
    chart_->removeAxis(off);
    off->setParent(chart_);  // removeAxis gives up ownership: the spare axis leaked (found by ASan)
    chart_->addAxis(on ? static_cast<QAbstractAxis*>(yLog_) : yLinear_, Qt::AlignLeft);
    attachSeries();
    updateRanges();
}

void LossChart::reset(bool variational, bool adversarial, bool neighbours)
{
    variational_ = variational;
    adversarial_ = adversarial;
    neighbours_ = neighbours && !variational;
    history_.clear();
    for (QLineSeries* s : series_) s->clear();
    // KL is zero by construction for the plain autoencoders, and only the adversarial one has a
    // discriminator: no series, no legend entry, no right axis.
    const auto show = [this](Series i, bool on) {
        const auto markers = chart_->legend()->markers(series_[size_t(i)]);
        for (QLegendMarker* m : markers) m->setVisible(on);
        series_[size_t(i)]->setVisible(on);
    };
    show(TrainKl, variational_ || neighbours_);
    show(TestKl, variational_);
    // The map's test loss is its reconstruction alone (the neighbour loss needs a training batch):
    // a "test total" beside a train total with the neighbour term would compare unlike things.
    show(TestTotal, !neighbours_);
    series_[TrainKl]->setName(neighbours_ ? tr("train neighbour loss") : tr(kNames[TrainKl]));
    for (Series i : {Discriminator, Generator}) show(i, adversarial);
    yTerm_->setVisible(variational_ || neighbours_ || adversarial_);
    yTerm_->setTitleText(adversarial_ ? tr("adversarial loss (BCE)") : neighbours_ ? tr("neighbour loss") : tr("KL per image"));
    yTerm_->setLinePenColor(kColours[adversarial_ ? 3 : 2]);
    yTerm_->setLabelsColor(kColours[adversarial_ ? 3 : 2].darker(120));
    updateRanges();
}

void LossChart::append(const Record& r)
{
    history_.push_back(r);
    series(partSeries(r.test, 0))->append(r.step, r.total);
    series(partSeries(r.test, 1))->append(r.step, r.reconstruction);
    if (variational_ || (neighbours_ && !r.test)) series(partSeries(r.test, 2))->append(r.step, r.kl);
    if (adversarial_ && !r.test) {
        series(Discriminator)->append(r.step, r.discriminator);
        series(Generator)->append(r.step, r.generator);
    }
    updateRanges();
}

void LossChart::addTrainPoint(int epoch, double step, double total, double reconstruction, double kl, double discriminator,
                              double generator)
{
    append({false, epoch, step, total, reconstruction, kl, discriminator, generator});
}

void LossChart::addTestPoint(int epoch, double step, double total, double reconstruction, double kl)
{
    append({true, epoch, step, total, reconstruction, kl});
}

int LossChart::trainPointCount() const { return int(series(TrainTotal)->count()); }
int LossChart::testPointCount() const { return int(series(TestTotal)->count()); }

namespace {
// A linear axis over [lo, hi] of values that are never negative, with 5 % room.
void fitLinear(QValueAxis* axis, double lo, double hi)
{
    const double pad = std::max((hi - lo) * 0.05, 1e-6);
    axis->setRange(lo >= 0 ? std::max(0.0, lo - pad) : lo - pad, hi + pad);
    axis->applyNiceNumbers();
}
// A linear axis over [lo, hi] in about five steps of 1, 2 or 5 x 10^k, ticks on the steps: unlike
// applyNiceNumbers, which may double the range, the data keeps most of the axis.
void fitInSteps(QValueAxis* axis, double lo, double hi)
{
    const double raw = std::max((hi - lo) / 5, 1e-9);
    const double unit = std::pow(10.0, std::floor(std::log10(raw)));
    const double step = raw <= unit ? unit : raw <= 2 * unit ? 2 * unit : raw <= 5 * unit ? 5 * unit : 10 * unit;
    const double a = std::floor(lo / step) * step, b = std::max(std::ceil(hi / step) * step, a + step);
    axis->setRange(a, b);
    axis->setTickCount(std::clamp(int(std::lround((b - a) / step)) + 1, 2, 12));
}
}  // namespace

void LossChart::updateRanges()
{
    // Every visible value with its axis: left (total, reconstruction) or right (the small terms).
    auto visit = [this](auto&& f) {
        for (const Record& r : history_) {
            const double values[5] = {r.total, r.reconstruction, r.kl, r.discriminator, r.generator};
            for (int k = 0; k < 5; ++k) {
                const Series which = k < 3 ? partSeries(r.test, k) : (k == 3 ? Discriminator : Generator);
                if (k >= 3 && r.test) continue;
                if (!series(which)->isVisible() || !std::isfinite(values[k])) continue;
                const bool right = isTermSeries(which);
                if (!right && logScale_ && values[k] <= 0) continue;
                f(right, r.step, values[k]);
            }
        }
    };
    double x0 = std::numeric_limits<double>::max(), x1 = -x0;
    visit([&](bool, double x, double) { x0 = std::min(x0, x), x1 = std::max(x1, x); });
    // The axes follow the recent data: the first tenth of the steps (the untrained model's losses,
    // several times the rest) would otherwise flatten every later curve onto the floor. Those
    // first points run off the chart instead.
    const double recentFrom = trainPointCount() >= kRecentAfterPoints ? x0 + 0.1 * (x1 - x0) : x0;
    double lo[2] = {std::numeric_limits<double>::max(), std::numeric_limits<double>::max()}, hi[2] = {-lo[0], -lo[0]};
    visit([&](bool right, double x, double y) {
        lo[right] = std::min(lo[right], y);  // the low end from all points: the curve's floor stays in view
        if (x >= recentFrom) hi[right] = std::max(hi[right], y);
    });
    if (x0 > x1) x0 = 0, x1 = 100;  // nothing to show yet (or an opened model, whose history was not saved)
    if (x1 <= x0) x1 = x0 + 1;
    xAxis_->setRange(x0, x1);
    if (lo[1] <= hi[1])
        fitInSteps(yTerm_, lo[1], hi[1]);
    else
        yTerm_->setRange(0, 1);
    if (lo[0] > hi[0]) {
        lo[0] = logScale_ ? 1 : 0;
        hi[0] = logScale_ ? 1000 : 1;
    }
    if (logScale_)
        yLog_->setRange(std::pow(10.0, std::floor(std::log10(lo[0]))), std::pow(10.0, std::ceil(std::log10(hi[0]))));
    else
        fitLinear(yLinear_, lo[0], hi[0]);
}

QString LossChart::historyCsv() const
{
    QString out = adversarial_ ? QStringLiteral("split,epoch,step,total,reconstruction,kl,discriminator,generator\n")
                               : QStringLiteral("split,epoch,step,total,reconstruction,kl\n");
    for (const Record& r : history_) {
        out += QStringLiteral("%1,%2,%3,%4,%5,%6")
                   .arg(r.test ? "test" : "train")
                   .arg(r.epoch)
                   .arg(r.step, 0, 'f', 0)
                   .arg(r.total, 0, 'g', 8)
                   .arg(r.reconstruction, 0, 'g', 8)
                   .arg(r.kl, 0, 'g', 8);
        // The discriminator is not run on the test set: its columns stay empty there.
        if (adversarial_)
            out += r.test ? QStringLiteral(",,") : QStringLiteral(",%1,%2").arg(r.discriminator, 0, 'g', 8).arg(r.generator, 0, 'g', 8);
        out += QLatin1Char('\n');
    }
    return out;
}

void LossChart::showHistory(const latent::TrainingHistory& history)
{
    for (const latent::TrainingHistory::LossPoint& p : history.losses)
        if (p.test)
            addTestPoint(p.epoch, p.step, p.total, p.reconstruction, p.kl);
        else
            addTrainPoint(p.epoch, p.step, p.total, p.reconstruction, p.kl, p.discriminator, p.generator);
}

void LossChart::follow(const TrainingRun* run)
{
    connect(run, &TrainingRun::progress, this, [this](const TrainingProgress& p) {
        addTrainPoint(p.epoch, double(p.globalStep), p.total, p.reconstruction, p.kl, p.discriminator, p.generator);
    });
    connect(run, &TrainingRun::epochFinished, this, [this](const EpochSummary& s) {
        if (s.hasTest) addTestPoint(s.epoch, double(s.globalStep), s.testTotal, s.testReconstruction, s.testKl);
    });
}
