#!/usr/bin/env bash
# On a machine with a CUDA build of PyTorch (its LibTorch C++ headers and CMake files): builds the
# core and latent-cli against it (no Qt needed), checks every core model on the GPU against the
# CPU, then, when MNIST is there, the figures of issue 38 beside PyTorch's same recipes on the same
# GPU, in the same run (one JSON line each, then a summary):
#   - the MLP VAE, 20 epochs: `latent-cli train --device cuda` at batch 128 and 1024 (samples/s) and
#     its test -ELBO against a CPU run of the same recipe (goal: within 1 nat); PyTorch's
#     bench/pytorch_reference.py --device cuda at both batches (goal: at least its samples/s);
#   - the separated map's default training with --device cuda (goal: <= 30 s) and its 5-NN, beside
#     bench/umap_map_reference.py --device cuda --epochs 40.
# usage: [PYTHON=python3] [EPOCHS=20] bench/cuda_check/run.sh [BUILD_DIR]   (LATENT_DATA_DIR as for latent-cli)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bench=$(cd "$here/.." && pwd)
build=${1:-/tmp/latent-cuda-check}
py=${PYTHON:-python3}
epochs=${EPOCHS:-20}
prefix=$("$py" -c 'import torch;print(torch.utils.cmake_prefix_path)') || exit 1
"$py" -c 'import torch;print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no GPU")'
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" || exit 1
ninja -C "$build" -j"$(nproc)" -k 0 || exit 1
"$build/cuda_check"; rc=$?
cli="$build/latent/app/cli/latent-cli"
"$cli" info
data=${LATENT_DATA_DIR:-$HOME/.local/share/latent-explorer/datasets}/mnist
[ -d "$data" ] || { echo "no MNIST in $data: model checks only"; exit $rc; }

# latent-cli: train then eval; prints {"what", "train": ..., "eval": ...}
ours() {
  local what=$1; shift
  local out="$build/$what.pt"
  local t
  t=$("$cli" train --data mnist --seed 0 --out "$out" --json "$@" 2>"$build/$what.log") || { echo "{\"what\": \"$what\", \"failed\": true}"; return; }
  echo "{\"what\": \"$what\", \"train\": $t, \"eval\": $("$cli" eval --model "$out" --device cuda --json)}"
}
{
  ours vae-cuda-128 --model vae --arch mlp --epochs "$epochs" --batch 128 --device cuda
  ours vae-cuda-1024 --model vae --arch mlp --epochs "$epochs" --batch 1024 --device cuda
  ours vae-cpu-128 --model vae --arch mlp --epochs "$epochs" --batch 128 --device cpu
  ours map-cuda --model map --device cuda
  for b in 128 1024; do
    echo "{\"what\": \"pytorch-vae-cuda-$b\", \"result\": $("$py" "$bench/pytorch_reference.py" "$data" --model vae --epochs "$epochs" --batch "$b" --device cuda)}"
  done
  echo "{\"what\": \"pytorch-map-cuda\", \"result\": $("$py" "$bench/umap_map_reference.py" "$data" --epochs 40 --device cuda)}"
} | tee "$build/figures.jsonl"

"$py" - "$build/figures.jsonl" <<'EOF'
import json, sys
rows = {r["what"]: r for r in map(json.loads, open(sys.argv[1]))}
def get(what, *keys):
    v = rows.get(what, {})
    for k in keys:
        v = v.get(k, {}) if isinstance(v, dict) else {}
    return v if v != {} else None
for b in (128, 1024):
    ours, theirs = get(f"vae-cuda-{b}", "train", "samples_per_second"), get(f"pytorch-vae-cuda-{b}", "result", "samples_per_second")
    print(f"MLP VAE batch {b}: latent-cli {ours} samples/s, PyTorch {theirs} samples/s")
gpu, cpu = get("vae-cuda-128", "eval", "neg_elbo"), get("vae-cpu-128", "eval", "neg_elbo")
print(f"MLP VAE test -ELBO: GPU {gpu}, CPU {cpu}" + (f" (difference {abs(gpu - cpu):.2f} nats; goal <= 1)" if gpu and cpu else ""))
print(f"separated map: {get('map-cuda', 'train', 'wall_seconds')} s whole process (goal <= 30 s), 5-NN {get('map-cuda', 'eval', 'knn_latent')}; "
      f"PyTorch {get('pytorch-map-cuda', 'result', 'seconds')} s, 5-NN {get('pytorch-map-cuda', 'result', 'knn_latent')}")
EOF
exit $rc
