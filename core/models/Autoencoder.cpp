#include "models/Autoencoder.h"

namespace latent {

torch::Tensor reparameterize(const torch::Tensor& mean, const torch::Tensor& logvar)
{
    return mean + torch::exp(0.5 * logvar) * torch::randn_like(mean);
}

torch::Tensor digitLabels(int64_t n, int digit)
{
    if (digit < 0) return noLabels();
    return torch::full({n}, int64_t(digit), torch::kLong);
}

ModelOutput AutoencoderImpl::forward(const torch::Tensor& input, const torch::Tensor& labels)
{
    Encoding e = encode(input, labels);
    torch::Tensor z = e.logvar.defined() ? reparameterize(e.mean, e.logvar) : e.mean;
    return {decode(z, labels), e.mean, e.logvar};
}

torch::Tensor AutoencoderImpl::reconstructMean(const torch::Tensor& input, const torch::Tensor& labels)
{
    return torch::sigmoid(decode(encode(input, labels).mean, labels));
}

}  // namespace latent
