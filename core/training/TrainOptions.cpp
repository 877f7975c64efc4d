#include "training/TrainOptions.h"

#include <stdexcept>

namespace latent {

OptimizerKind parseOptimizerKind(const std::string& text)
{
    if (text == "adam") return OptimizerKind::Adam;
    if (text == "rmsprop") return OptimizerKind::RmsProp;
    throw std::invalid_argument("unknown optimiser '" + text + "' (expected adam or rmsprop)");
}

}  // namespace latent
