#pragma once
// No torch headers.
#include "session/TrainingWorker.h"
#include "persistence/KeptModels.h"  // core, torch-free

#include <QObject>
#include <QString>

#include <memory>

class TrainingRun;

// Trains a helper model of the Your Digit panel (a denoiser or an x2 super-resolution model)
// with the recommended recipe in the background, on its own TrainingRun, and keeps it in the
// data folder (KeptModels) when it finishes, so that it is trained once and found next time.
class KeptModelTrainer : public QObject {
    Q_OBJECT
public:
    using Role = latent::KeptModels::Role;
    explicit KeptModelTrainer(Role role, QObject* parent = nullptr);
    ~KeptModelTrainer() override;

    static TrainingRequest recipe(Role role);  // KeptModels::recipe, for the worker
    Role role() const { return role_; }
    bool isRunning() const { return run_ != nullptr; }
    void start();   // does nothing while running
    void cancel();  // nothing is kept; the previous kept model (if any) stays

Q_SIGNALS:
    void progress(int percent, const QString& text);
    // ok: the model is at KeptModels::path(role()); otherwise message says why.
    void finished(bool ok, const QString& message);

private:
    void end(bool ok, const QString& message);

    Role role_;
    std::unique_ptr<TrainingRun> run_;
    ModelSnapshot last_;
    bool cancelled_ = false;
};
