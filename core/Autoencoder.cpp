#include "Autoencoder.h"

namespace latent {

torch::Tensor reparameterize(const torch::Tensor& mean, const torch::Tensor& logvar)
{
    return mean + torch::exp(0.5 * logvar) * torch::randn_like(mean);
}

ModelOutput AutoencoderImpl::forward(const torch::Tensor& input)
{
    Encoding e = encode(input);
    torch::Tensor z = e.logvar.defined() ? reparameterize(e.mean, e.logvar) : e.mean;
    return {decode(z), e.mean, e.logvar};
}

torch::Tensor AutoencoderImpl::reconstructMean(const torch::Tensor& input)
{
    return torch::sigmoid(decode(encode(input).mean));
}

Encoding AutoencoderImpl::encode(const torch::Tensor& input, const torch::Tensor&) { return encode(input); }

torch::Tensor AutoencoderImpl::decode(const torch::Tensor& z, const torch::Tensor&) { return decode(z); }

ModelOutput AutoencoderImpl::forward(const torch::Tensor& input, const torch::Tensor& labels)
{
    if (!isConditional()) return forward(input);
    Encoding e = encode(input, labels);
    torch::Tensor z = e.logvar.defined() ? reparameterize(e.mean, e.logvar) : e.mean;
    return {decode(z, labels), e.mean, e.logvar};
}

torch::Tensor AutoencoderImpl::reconstructMean(const torch::Tensor& input, const torch::Tensor& labels)
{
    if (!isConditional()) return reconstructMean(input);
    return torch::sigmoid(decode(encode(input, labels).mean, labels));
}

}  // namespace latent
