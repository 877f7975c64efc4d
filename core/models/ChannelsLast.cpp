#include "models/ChannelsLast.h"

namespace latent {

void useChannelsLast(torch::nn::Module& module)
{
    torch::NoGradGuard noGrad;
    for (auto& p : module.parameters())
        if (p.dim() == 4) p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
}

torch::Tensor toChannelsLast(const torch::Tensor& images)
{
    return images.dim() == 4 ? images.contiguous(at::MemoryFormat::ChannelsLast) : images;
}

}  // namespace latent
