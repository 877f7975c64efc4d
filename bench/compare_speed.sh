#!/usr/bin/env bash
# Training speed of `latent-cli train` (the whole process: start-up, data loading, the per-epoch
# test pass and saving included; samples = 20 epochs x the training images) against bench/pytorch_vae.py (training loop only, tensors already
# in memory), same model, same data, 20 epochs. The machine is shared and drifts, so the runs
# alternate and the medians are compared.
# usage: bench/compare_speed.sh [ROUNDS] [BUILD_DIR]
set -euo pipefail
rounds=${1:-3}
build=${2:-$(dirname "$0")/../build}
cli="$build/app/cli/latent-cli"
data=${LATENT_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/latent-explorer/datasets}/mnist
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$cli" info | grep -E "BLAS  |threads"
ours=() py1=() py2=()
for r in $(seq "$rounds"); do
  t0=$(date +%s.%N)
  images=$("$cli" train --data mnist --model vae --arch mlp --latent-dim 2 --epochs 20 --seed "$r" --out "$out/m.pt" --json 2>/dev/null |
           python3 -c 'import json,sys;print(json.load(sys.stdin)["train_images"])')
  t1=$(date +%s.%N)
  n=$(python3 -c "print(20*$images/($t1-$t0))")
  ours+=("$n")
  py1+=("$(/usr/bin/python3 "$(dirname "$0")/pytorch_vae.py" "$data" --threads 1 --seed "$r" | python3 -c 'import json,sys;print(json.load(sys.stdin)["samples_per_second"])')")
  py2+=("$(/usr/bin/python3 "$(dirname "$0")/pytorch_vae.py" "$data" --threads 2 --seed "$r" | python3 -c 'import json,sys;print(json.load(sys.stdin)["samples_per_second"])')")
  echo "round $r: latent-cli ${ours[-1]}  pytorch(1 thread) ${py1[-1]}  pytorch(2 threads) ${py2[-1]} samples/s"
done
python3 - "${ours[*]}" "${py1[*]}" "${py2[*]}" <<'PY'
import statistics, sys
ours, p1, p2 = ([float(x) for x in a.split()] for a in sys.argv[1:4])
m, m1, m2 = statistics.median(ours), statistics.median(p1), statistics.median(p2)
best = max(m1, m2)
print(f"median samples/s: latent-cli {m:.0f} (whole process), pytorch {m1:.0f} (1 thread) / {m2:.0f} (2 threads)")
print(f"ratio against pytorch's faster setting: {m / best:.2f}x")
PY
