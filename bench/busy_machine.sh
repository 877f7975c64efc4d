#!/usr/bin/env bash
# MLP VAE training speed (samples/s of the training loop, `latent-cli train --json`) on a machine
# that other processes keep busy: alone, beside one and beside two busy loops
# (`while :; do :; done`), at the default threads ("auto": one per core, fewer while other
# processes hold cores), and alone at a fixed --threads equal to the core count (the old default).
# The settings alternate within each round; the medians over the rounds are compared.
# usage: bench/busy_machine.sh [ROUNDS] [BUILD_DIR] [EPOCHS]
set -euo pipefail
rounds=${1:-3}
build=${2:-$(dirname "$0")/../build}
epochs=${3:-1}
cli="$build/app/cli/latent-cli"
cores=$(nproc)
out=$(mktemp -d)
pids=()
stop_busy() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pids=(); }
trap 'stop_busy; rm -rf "$out"' EXIT
"$cli" info | grep -E "BLAS  |threads"
echo "cores: $cores, epochs per run: $epochs (60,000 images)"

run() {  # run BUSY THREADS -> samples/s
  local busy=$1 threads=$2
  for _ in $(seq "$busy"); do sh -c 'while :; do :; done' & pids+=($!); done
  "$cli" train --data mnist --model vae --arch mlp --latent-dim 2 --epochs "$epochs" --threads "$threads" \
      --out "$out/m.pt" --json 2>/dev/null | python3 -c 'import json,sys;print(round(json.load(sys.stdin)["samples_per_second"]))'
  stop_busy
}

declare -A all
for r in $(seq "$rounds"); do
  line="round $r:"
  for setting in "0 0" "1 0" "2 0" "0 $cores"; do
    set -- $setting
    v=$(run "$1" "$2")
    all["$1 $2"]+="$v "
    line+="  busy $1 threads $([ "$2" = 0 ] && echo auto || echo "$2"): $v"
  done
  echo "$line"
done
python3 - "${all["0 0"]}" "${all["1 0"]}" "${all["2 0"]}" "${all["0 $cores"]}" "$cores" <<'PY'
import statistics, sys
alone, one, two, fixed = (statistics.median(float(x) for x in a.split()) for a in sys.argv[1:5])
cores = sys.argv[5]
print(f"median samples/s: alone {alone:.0f}, one busy process {one:.0f} ({one / alone:.2f}x), "
      f"two {two:.0f} ({two / alone:.2f}x); alone at --threads {cores}: {fixed:.0f} (auto/fixed {alone / fixed:.2f})")
print("targets: one busy >= 0.50x, two busy >= 0.25x, auto/fixed alone within 0.95-1.05")
PY
