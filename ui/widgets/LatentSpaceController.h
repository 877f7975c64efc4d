#pragma once
// No torch headers.
#include "session/BackgroundJob.h"
#include "session/DigitDataset.h"
#include "session/InferenceSession.h"
#include "session/TrainingWorker.h"

#include <QObject>

#include <memory>

class LatentPanel;
class LatentView;
class PreviewPanel;

// What the latent view shows for the current model: the encoded test digits and the decoded grid
// (from the training worker's updates, or from background jobs on the model's copy), the
// decoded preview at the cursor (the only decoding on the GUI thread), the user's own digit as a
// marker and a generated path.
class LatentSpaceController : public QObject {
    Q_OBJECT
public:
    LatentSpaceController(LatentPanel* panel, PreviewPanel* preview, QObject* parent = nullptr);
    ~LatentSpaceController() override;

    void setDataset(const DigitDataset& data);
    void setSession(InferenceSessionPtr session);
    // While training, the worker sends codes and grids itself, and background jobs get one thread.
    void setTraining(bool training) { training_ = training; }
    void showPublished(const LatentUpdate& update);
    void refresh(bool encode);  // the grid, and the codes too when encode
    bool isRefreshing() const { return refreshJob_.isBusy(); }

    std::shared_ptr<const LatentCodes> codes() const { return codes_; }
    std::vector<float> selectedCode() const;  // of the clicked digit, or empty
    std::vector<float> cursorLatent() const;  // the full latent vector at the cursor, or empty
    void setOwnDigit(const DigitEncoding& code);
    void setPath(const LatentPath& path);

Q_SIGNALS:
    void refreshed();  // codes and grid of the current model are on screen
    void previewChanged();
    void conditionChanged();  // a conditional model draws another digit now

private:
    struct Refresh {
        std::shared_ptr<const LatentCodes> codes;
        DecodedGrid grid;
    };
    LatentView* view() const;
    void onSettingsChanged();
    void updatePreview();
    void showMarker();
    void showPath();

    LatentPanel* panel_;
    PreviewPanel* preview_;
    DigitDataset data_;
    InferenceSessionPtr session_;
    bool training_ = false;
    std::shared_ptr<const LatentCodes> codes_;  // of codesSession_
    InferenceSessionPtr codesSession_;
    bool encodePending_ = false;  // a refresh that must encode waits or runs
    DigitEncoding ownDigit_;
    LatentPath path_;
    BackgroundJob<Refresh> refreshJob_;
};
