#pragma once
// The parts of LibTorch this project uses, included instead of <torch/torch.h>. The precompiled
// header holds this list, and GCC instantiates a header's pending templates again in every file
// that loads it: with the whole of <torch/torch.h> (data loaders, every module and functional, JIT)
// that is ~6 s a file, with this list ~4.7 s (docs/DEVELOPING.md). A file that needs more
// (TorchScript, the tracer, CUDA) includes that header itself.
#include <torch/autograd.h>
#include <torch/nn/functional/loss.h>
#include <torch/nn/functional/pooling.h>
#include <torch/nn/functional/upsampling.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/optim/adam.h>
#include <torch/optim/rmsprop.h>
#include <torch/serialize.h>
#include <torch/types.h>
#include <torch/utils.h>
#include <torch/version.h>
