#include "training/TrainingPlan.h"

#include "data/DatasetLocator.h"
#include "io/NumberText.h"
#include "models/ModelCatalog.h"
#include "models/ModelFactory.h"

namespace latent {

TrainingPlan TrainingPlan::start(const RunRequest& request)
{
    const ModelKind kind = ModelCatalog::parseKind(request.model);
    std::optional<Arch> arch;
    if (request.arch) arch = ModelCatalog::parseArch(kind, *request.arch);
    TrainingPlan plan;
    plan.spec = ModelSpec::forKind(kind, arch, request.latentDim);
    plan.spec.noiseStd = request.noiseStd;
    plan.spec.downscale = request.downscale;
    plan.spec.reconstruction = parseReconstructionLoss(request.loss);
    plan.spec.validate();
    plan.spec.dataset = request.dataset;
    // The words of an unknown optimiser or precision, before they are stored in a checkpoint.
    for (const auto& [key, value] : request.settings) {
        if (key == "optimizer") parseOptimizerKind(value);
        if (key == "matmul") parseMatmulPrecision(value);
    }
    plan.spec.hyperParameters = request.settings;
    // Stored, so that a resumed run keeps the batch whatever the default becomes. The map's first
    // objective finds neighbours within a batch and wants big ones (1000, docs/PERFORMANCE.md).
    const auto objective = request.settings.find("map-objective");
    const bool tsne = objective != request.settings.end() && objective->second == "tsne";
    plan.spec.hyperParameters.emplace("batch", std::to_string(tsne ? 1000 : ModelCatalog::suggestedBatch(kind)));
    plan.options = trainOptionsFromSettings(plan.spec.hyperParameters, "the training settings");
    torch::manual_seed(plan.options.seed);
    plan.model = makeModel(plan.spec);
    return plan;
}

TrainingPlan TrainingPlan::resume(const ModelCheckpoint& saved, const std::string& where)
{
    TrainingPlan plan;
    plan.spec = saved.spec;
    plan.options = trainOptionsFromSettings(saved.spec.hyperParameters, where);
    plan.model = cloneModel(saved.spec, *saved.model);
    for (const auto& [name, t] : saved.training.optimizer) plan.state.optimizer[name] = t.clone();
    if (saved.training.generator.defined()) plan.state.generator = saved.training.generator.clone();
    plan.history = saved.history;
    return plan;
}

void TrainingPlan::setEpochs(int epochsInAll)
{
    options.startEpoch = spec.epochsDone;
    options.epochs = epochsInAll;
    spec.hyperParameters["epochs"] = std::to_string(epochsInAll);
}

void TrainingPlan::setDevice(const std::string& device)
{
    options.device = device;
    spec.hyperParameters["device"] = device;
}

DatasetSplits TrainingPlan::loadData() const
{
    DatasetSplits data = DatasetLocator::load(spec.dataset);
    const auto limit = spec.hyperParameters.find("train-limit");
    const long long trainLimit =
        limit == spec.hyperParameters.end() ? 0 : integerSetting(limit->second, "train-limit", "the training settings");
    if (trainLimit > 0) data.train = data.train.subset(trainLimit);
    return data;
}

}  // namespace latent
