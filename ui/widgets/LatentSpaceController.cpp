#include "widgets/LatentSpaceController.h"

#include "widgets/LatentPanel.h"
#include "widgets/ExplorerView.h"
#include "widgets/PreviewPanel.h"

#include "runtime/ThreadGovernor.h"

#include <cmath>

namespace {
// A grid expected to take longer than this to decode is shown coarse first.
constexpr double kCoarseGridFirstSeconds = 0.03;
}  // namespace

LatentSpaceController::LatentSpaceController(LatentPanel* panel, PreviewPanel* preview, QObject* parent)
    : QObject(parent), panel_(panel), preview_(preview)
{
    connect(view(), &LatentView::cursorMoved, this, &LatentSpaceController::updatePreview);
    connect(panel_, &LatentPanel::gridSettingsChanged, this, &LatentSpaceController::onSettingsChanged);
    connect(panel_, &LatentPanel::dimsChanged, this, [this] {
        preview_->clear(tr("Drag in the latent view to decode a point."));
        showMarker();
        showPath();
    });
}

LatentSpaceController::~LatentSpaceController() { refreshJob_.cancel(); }

LatentView* LatentSpaceController::view() const { return panel_->view(); }

void LatentSpaceController::setDataset(const DigitDataset& data)
{
    data_ = data;
    codes_.reset();
    codesSession_.reset();
    if (session_) refresh(true);
}

void LatentSpaceController::setSession(InferenceSessionPtr session)
{
    const bool sameShape = session && session_ && session->latentDim() == session_->latentDim();
    session_ = std::move(session);
    if (!session_) {
        codes_.reset();
        codesSession_.reset();
        view()->clearModel();
        preview_->clear(tr("Train or open a model, then drag in the latent view."));
        return;
    }
    panel_->setLatentDim(session_->latentDim());
    panel_->setConditional(session_->isConditional());
    session_->setCondition(panel_->settings().condition);
    if (!sameShape) {
        ownDigit_ = DigitEncoding();
        view()->clearModel();
    }
    if (!session_->hasLatent())
        view()->setMessage(
            tr("A %1 model has no latent space to plot. Click Train for a VAE or an autoencoder.").arg(session_->kindName()));
    else if (!data_.isEmpty())
        view()->setMessage(QString());
    // While training, the worker sends the codes and the grid with each model (showPublished).
    if (!training_) refresh(true);
    // A first model gets a cursor at the origin (the prior's mean), so the preview shows a digit.
    if (!view()->hasCursor() && session_->hasLatent()) view()->setCursorPoint(QPointF(0, 0));
    updatePreview();
}

void LatentSpaceController::onSettingsChanged()
{
    if (session_ && session_->isConditional() && session_->condition() != panel_->settings().condition) {
        session_->setCondition(panel_->settings().condition);
        updatePreview();
        Q_EMIT conditionChanged();
    }
    refresh(false);
}

void LatentSpaceController::showPublished(const LatentUpdate& update)
{
    if (!session_ || session_->snapshot() != update.model) return;
    codes_ = update.codes;
    codesSession_ = session_;
    view()->setCodes(codes_);
    view()->setMessage(QString());
    // A grid for other settings (changed since the worker read them) or for a selected digit's
    // slice is decoded here instead.
    const GridSettings now = panel_->settings();
    if (now == update.settings && !(now.held == GridSettings::Held::Selected && view()->selectedIndex() >= 0))
        view()->setGrid(update.grid);
    else
        refresh(false);
    if (!isRefreshing()) Q_EMIT refreshed();
}

void LatentSpaceController::refresh(bool encode)
{
    if (!session_ || !session_->hasLatent() || data_.isEmpty()) return;
    encodePending_ = encodePending_ || encode || codesSession_ != session_ || !codes_;
    const std::shared_ptr<const LatentCodes> known = encodePending_ ? nullptr : codes_;
    // One thread for the jobs while training holds the cores, all of them otherwise.
    const int threads = training_ ? 1 : latent::ThreadGovernor::defaultThreads();
    const GridSettings settings = panel_->settings();
    refreshJob_.start(
        [session = session_, data = data_, known, settings, selected = selectedCode(),
         threads](const BackgroundJob<Refresh>::Partial& partial) {
            InferenceSession::setThreadsForThisThread(threads);
            Refresh r;
            r.codes = known ? known : std::make_shared<const LatentCodes>(session->encode(data));
            const GridSpec spec = settings.spec(session->latentDim(), r.codes.get(), selected);
            // A grid that takes long (the conv VAE's 30x30: ~50 ms on 2 cores, more while training)
            // shows a third as many images a side first, decoded in a ninth of the time. A session
            // that has not decoded a grid yet decodes the coarse one anyway: its time tells.
            const auto slow = [&] { return session->expectedGridSeconds(spec.n) > kCoarseGridFirstSeconds; };
            if (spec.n >= 9 && (session->expectedGridSeconds(spec.n) == 0 || slow())) {
                GridSpec coarse = spec;
                coarse.n = (spec.n + 2) / 3;
                DecodedGrid grid = session->decodeGrid(coarse);
                if (slow()) partial(Refresh{r.codes, std::move(grid)});
            }
            r.grid = session->decodeGrid(spec);
            return r;
        },
        [this, session = session_, encoded = !known](const Refresh& r) {
            if (session != session_) return;
            if (encoded && codes_ != r.codes) {  // once: a coarse grid brings the codes first
                encodePending_ = false;
                codes_ = r.codes;
                codesSession_ = session;
                view()->setCodes(codes_);
                view()->setMessage(QString());
            }
            view()->setGrid(r.grid);
            if (!isRefreshing()) Q_EMIT refreshed();
        });
}

std::vector<float> LatentSpaceController::selectedCode() const
{
    const int i = view()->selectedIndex();
    if (!codes_ || i < 0 || i >= codes_->count) return {};
    return std::vector<float>(codes_->mean.begin() + ptrdiff_t(i) * codes_->dim, codes_->mean.begin() + ptrdiff_t(i + 1) * codes_->dim);
}

std::vector<float> LatentSpaceController::cursorLatent() const
{
    if (!view()->hasCursor() || !session_) return {};
    return panel_->settings().latentVector(view()->cursorPoint(), session_->latentDim(), codes_.get(), selectedCode());
}

void LatentSpaceController::updatePreview()
{
    if (!session_ || !session_->hasLatent() || !view()->hasCursor()) return;
    const std::vector<float> z = cursorLatent();
    QStringList parts;
    for (size_t d = 0; d < z.size() && d < 4; ++d) parts << QString::number(z[d], 'f', 3);
    if (z.size() > 4) parts << QStringLiteral("… (%1 dims)").arg(z.size());
    preview_->showDecoded(session_->decode(z), QStringLiteral("z = (%1)").arg(parts.join(", ")));
    Q_EMIT previewChanged();
}

void LatentSpaceController::setOwnDigit(const DigitEncoding& code)
{
    ownDigit_ = code;
    showMarker();
}

void LatentSpaceController::showMarker()
{
    const GridSettings s = panel_->settings();
    const std::vector<float>& m = ownDigit_.mean;
    if (!session_ || int(m.size()) != session_->latentDim() || s.dimX >= int(m.size()) || s.dimY >= int(m.size())) {
        view()->clearMarker();
        return;
    }
    QSizeF sigma;
    if (ownDigit_.logvar.size() == m.size())
        sigma = QSizeF(std::exp(0.5 * ownDigit_.logvar[size_t(s.dimX)]), std::exp(0.5 * ownDigit_.logvar[size_t(s.dimY)]));
    view()->setMarker(QPointF(m[size_t(s.dimX)], m[size_t(s.dimY)]), sigma);
}

void LatentSpaceController::setPath(const LatentPath& path)
{
    path_ = path;
    showPath();
}

void LatentSpaceController::showPath()
{
    const GridSettings s = panel_->settings();
    QPolygonF poly;
    for (const std::vector<float>& z : path_.points)
        if (s.dimX < int(z.size()) && s.dimY < int(z.size())) poly << QPointF(z[size_t(s.dimX)], z[size_t(s.dimY)]);
    view()->setPath(poly);
}
