#include "training/TrainStepFactory.h"

#include "training/AdversarialTrainStep.h"
#include "training/AutogradTrainStep.h"
#include "training/TsneMapTrainStep.h"
#include "training/UmapMapTrainStep.h"
#include "training/MlpVaeTrainStep.h"
#include "runtime/FastPaths.h"

namespace latent {

std::unique_ptr<TrainStep> makeTrainStep(AutoencoderImpl& model, const ModelSpec& spec, const TrainOptions& options)
{
    // makeModel builds the class the spec names, so the spec says which class model is.
    if (spec.kind == ModelKind::Aae) {
        const double adversarialLr = options.adversarialLearningRate > 0 ? options.adversarialLearningRate : 0.5 * options.learningRate;
        return std::make_unique<AdversarialTrainStep>(static_cast<AdversarialAutoencoderImpl&>(model), spec, options.learningRate,
                                                      adversarialLr);
    }
    if (spec.kind == ModelKind::Map) {
        auto& map = static_cast<MapAutoencoderImpl&>(model);
        if (options.mapObjective == MapObjective::Tsne) return std::make_unique<TsneMapTrainStep>(map, spec, options);
        return std::make_unique<UmapMapTrainStep>(map, spec, options);
    }
    if (spec.kind == ModelKind::Vae && spec.arch == Arch::Mlp && spec.reconstruction == ReconstructionLoss::Bce &&
        fastPathAllowed(model.parameters().front()))
        return std::make_unique<MlpVaeTrainStep>(static_cast<MlpVaeImpl&>(model), options);
    return std::make_unique<AutogradTrainStep>(model, spec, options);
}

}  // namespace latent
