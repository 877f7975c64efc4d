// bench/cuda_check: every core model on CUDA: the same reconstruction as on the CPU, and a VAE whose loss falls
// when trained there with autograd and torch's Adam.
#include "training/Loss.h"
#include "training/NeighbourEmbedding.h"
#include "models/ModelFactory.h"
#include "models/ModelSpec.h"
#include "models/ModelInput.h"
#include "runtime/TorchHeaders.h"

#include <torch/cuda.h>
#include <cmath>
#include <cstdio>
using namespace latent;
int main()
{
    std::printf("torch %s, cuda available %d, devices %d\n", TORCH_VERSION, int(torch::cuda::is_available()),
                int(torch::cuda::device_count()));
    if (!torch::cuda::is_available()) return 1;
    torch::NoGradGuard* ng = new torch::NoGradGuard;
    struct K {
        ModelKind kind;
        Arch arch;
        int latent;
    };
    const K kinds[] = {{ModelKind::Vae, Arch::Mlp, 2},  {ModelKind::Vae, Arch::Conv, 2}, {ModelKind::Ae, Arch::Conv, 2},
                       {ModelKind::Dae, Arch::Wide, 0}, {ModelKind::Sr, Arch::Conv, 2},  {ModelKind::Cvae, Arch::Mlp, 2},
                       {ModelKind::Aae, Arch::Mlp, 2},  {ModelKind::Map, Arch::Mlp, 2}};
    int bad = 0;
    for (const K& k : kinds) {
        ModelSpec s;
        s.kind = k.kind;
        s.arch = k.arch;
        s.latentDim = k.latent;
        torch::manual_seed(0);
        Autoencoder m = makeModel(s);
        m->eval();
        const torch::Tensor clean = torch::rand({16, 1, 28, 28});
        const torch::Tensor in = modelInput(s, clean);
        const torch::Tensor labels = torch::arange(16, torch::kLong).remainder(10);
        const torch::Tensor cpu = m->reconstructMean(in, labels);
        m->to(torch::kCUDA);
        const torch::Tensor gpu = m->reconstructMean(in.cuda(), labels.cuda()).cpu();
        const double diff = (cpu - gpu).abs().max().item<double>();
        std::printf("%-5s %-5s cpu vs cuda max |diff| %.2e %s\n", toString(s.kind).c_str(), toString(s.arch).c_str(), diff,
                    diff < 1e-3 ? "ok" : "DIFFERENT");
        bad += diff >= 1e-3;
    }
    {
        // The map's neighbour loss on CUDA: the same affinities and divergence as on the CPU.
        torch::manual_seed(1);
        const torch::Tensor x = torch::rand({300, 784}), z = torch::randn({300, 2}) * 3;
        const torch::Tensor pCpu = neighbourAffinities(x, 3), pGpu = neighbourAffinities(x.cuda(), 3).cpu();
        const double pDiff = (pCpu - pGpu).abs().max().item<double>() / pCpu.abs().max().item<double>();
        const double kCpu = embeddingDivergence(pCpu, z).item<double>(), kGpu = embeddingDivergence(pGpu.cuda(), z.cuda()).item<double>();
        const bool same = pDiff < 1e-3 && std::abs(kCpu - kGpu) < 1e-3 * std::abs(kCpu);
        std::printf("map neighbour loss cpu vs cuda: P rel |diff| %.2e, KL %.5f vs %.5f %s\n", pDiff, kCpu, kGpu,
                    same ? "ok" : "DIFFERENT");
        bad += !same;
    }
    delete ng;
    // Train an MLP VAE on CUDA on a fixed batch of blobs: the loss must fall.
    ModelSpec s;
    torch::manual_seed(0);
    Autoencoder m = makeModel(s);
    m->to(torch::kCUDA);
    torch::optim::Adam opt(m->parameters(), torch::optim::AdamOptions(1e-3));
    const torch::Tensor x = (torch::rand({128, 1, 28, 28}) > 0.8).to(torch::kFloat32).cuda();
    double first = 0, last = 0;
    for (int i = 0; i < 200; ++i) {
        opt.zero_grad();
        const LossParts l = computeLoss(m->forward(x, noLabels()), x, ReconstructionLoss::Bce, 1.0);
        l.total.backward();
        opt.step();
        if (i == 0) first = l.total.item<double>();
        last = l.total.item<double>();
    }
    std::printf("vae on cuda, 200 steps: loss %.1f -> %.1f %s\n", first, last, last < 0.9 * first ? "falls" : "DOES NOT FALL");
    bad += !(last < 0.9 * first);
    return bad ? 1 : 0;
}
