#include "training/UmapLoss.h"

#include <cmath>
#include <stdexcept>
#include <vector>

namespace latent {

UmapCurve UmapCurve::fit(double minDist, double spread)
{
    if (!(spread > 0) || !(minDist >= 0) || !(minDist < 3 * spread))
        throw std::invalid_argument("min-dist must be from 0 to below 3 (the curve is fitted on [0, 3])");
    // Target: 1 up to minDist, then exp(-(x - minDist) / spread); least squares over x in (0, 3 spread].
    std::vector<double> xs, ys;
    for (int i = 1; i < 300; ++i) {
        const double x = 3.0 * spread * i / 299.0;
        xs.push_back(x);
        ys.push_back(x < minDist ? 1.0 : std::exp(-(x - minDist) / spread));
    }
    // Levenberg-Marquardt on (log a, b): two parameters, a few dozen iterations.
    auto residuals = [&](double la, double b, std::vector<double>& r, std::vector<double>* ja, std::vector<double>* jb) {
        double sum = 0;
        r.resize(xs.size());
        if (ja) ja->resize(xs.size()), jb->resize(xs.size());
        for (size_t i = 0; i < xs.size(); ++i) {
            const double p = std::exp(la) * std::pow(xs[i], 2 * b);  // a x^(2b)
            const double f = 1.0 / (1.0 + p);
            r[i] = f - ys[i];
            sum += r[i] * r[i];
            if (ja) {
                const double df = -f * f * p;  // d f / d log(a x^2b)
                (*ja)[i] = df;
                (*jb)[i] = df * 2.0 * std::log(xs[i]);
            }
        }
        return sum;
    };
    double la = 0, b = 1, lambda = 1e-3;
    std::vector<double> r, ja, jb, trial;
    double cost = residuals(la, b, r, &ja, &jb);
    for (int iteration = 0; iteration < 200; ++iteration) {
        double aa = 0, ab = 0, bb = 0, ga = 0, gb = 0;
        for (size_t i = 0; i < r.size(); ++i) {
            aa += ja[i] * ja[i], ab += ja[i] * jb[i], bb += jb[i] * jb[i];
            ga += ja[i] * r[i], gb += jb[i] * r[i];
        }
        const double daa = aa * (1 + lambda), dbb = bb * (1 + lambda), det = daa * dbb - ab * ab;
        if (!(std::abs(det) > 0)) break;
        const double stepA = -(dbb * ga - ab * gb) / det, stepB = -(daa * gb - ab * ga) / det;
        const double next = residuals(la + stepA, b + stepB, trial, nullptr, nullptr);
        if (next < cost) {
            la += stepA, b += stepB, lambda = std::max(lambda / 10, 1e-12);
            const bool converged = cost - next < 1e-15 * (1 + cost);
            cost = residuals(la, b, r, &ja, &jb);
            if (converged) break;
        } else {
            lambda *= 10;
            if (lambda > 1e12) break;
        }
    }
    return {std::exp(la), b};
}

torch::Tensor UmapCurve::similarity(const torch::Tensor& squaredDistance) const
{
    return 1.0 / (1.0 + a * squaredDistance.clamp_min(0).pow(b));
}

UmapLossParts umapLoss(const UmapCurve& curve, const torch::Tensor& heads, const torch::Tensor& tails, const torch::Tensor& negatives,
                       double repulsion, double minSquared)
{
    // -log phi(d) = log(1 + a d^b); the tiny floor keeps pow's gradient finite at d = 0 (b < 1).
    const torch::Tensor near = (heads - tails).square().sum(1).clamp_min(1e-12);
    const torch::Tensor attraction = torch::log1p(curve.a * near.pow(curve.b)).mean();
    // -log(1 - phi(d)) = log(1 + a d^b) - log(a d^b).
    const torch::Tensor far = (heads.unsqueeze(1) - negatives).square().sum(2).clamp_min(minSquared);
    const torch::Tensor ad = curve.a * far.pow(curve.b);
    const torch::Tensor push = (repulsion * (torch::log1p(ad) - torch::log(ad))).sum(1).mean();
    return {attraction + push, attraction, push};
}

}  // namespace latent
