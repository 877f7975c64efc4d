#!/usr/bin/env bash
# On a machine with a CUDA build of PyTorch (its LibTorch C++ headers and CMake files): builds the
# core and latent-cli against it (no Qt needed), checks every core model on the GPU against the
# CPU, trains an MLP VAE on the GPU, and trains MNIST with latent-cli when a dataset is there.
# usage: [PYTHON=python3] bench/cuda_check/run.sh [BUILD_DIR]   (LATENT_DATA_DIR as for latent-cli)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-/tmp/latent-cuda-check}
py=${PYTHON:-python3}
prefix=$("$py" -c 'import torch;print(torch.utils.cmake_prefix_path)') || exit 1
"$py" -c 'import torch;print("torch", torch.__version__, "cuda", torch.version.cuda)'
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" || exit 1
ninja -C "$build" -j"$(nproc)" -k 0 || exit 1
"$build/cuda_check"; rc=$?
cli="$build/latent/app/cli/latent-cli"
"$cli" info
if "$cli" train --data mnist --model vae --epochs 20 --seed 0 --out "$build/vae.pt"; then
  "$cli" eval --model "$build/vae.pt" --data mnist --json
fi
exit $rc
