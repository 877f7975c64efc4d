#pragma once
#include <string>

namespace at {
class Tensor;
}

namespace latent {

// The one decision "hand-written fast path or plain LibTorch". The fast paths: LibTorch's BLAS
// calls rerouted to oneDNN's GEMM (BlasRoute.cpp) and the products of Gemm; bf16 products chosen
// by --matmul auto; the MLP VAE's hand-written training step and its sparse first layer; FusedAdam's
// loop; the operations of ops/ and their kernels (one-channel convolutions, fused ReLU + pooling / upsampling,
// transposed convolutions as GEMM or adjoint, channels-last restriding, the small-batch dense
// loops and their bf16 weight copies). With the reference on, each of them is skipped for plain
// LibTorch operations, and LibTorch's products reach the system BLAS (libblas.so.3).
// LATENT_REFERENCE=1 in the environment starts a process with the reference on.
bool referencePaths();
// For tests and comparisons: the switch at run time. Affects what runs next (a train step or an
// optimiser made earlier keeps the kind of step it was made as).
void setReferencePaths(bool on);
// Whether a hand-written path may take x: the reference is off, x is on the CPU and no TorchScript
// trace is being recorded (the tracer sees torch operations only, so a traced graph keeps the plain
// layers). Every fast path asks this first and adds only what its own loop needs (shapes, dtypes,
// layouts): the decision is made here, not in the models.
bool fastPathAllowed(const at::Tensor& x);
// "fast paths on: ..." or "reference: ...", for `latent-cli info` and the About box.
std::string describeFastPaths();

}  // namespace latent
