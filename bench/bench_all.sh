#!/usr/bin/env bash
# Issue 13's figures in one run, side by side with PyTorch (Debian's python3-torch, the same
# LibTorch build), in alternating rounds; prints each round's lines and then one JSON object of
# medians, from which the "Speed" table of docs/PERFORMANCE.md is written.
#  - training loop, decode one point, 30x30 grid, GEMM ceiling: `latent-cli bench` against
#    bench/pytorch_reference.py --bench at 1 and 2 threads (its faster setting counts);
#  - the MLP VAE's whole process (20 epochs, start-up and the per-epoch test pass included) against
#    bench/pytorch_vae.py's training loop, and start-up = process start to the first training step;
#  - the window (latent-gui-bench under Xvfb, after one epoch): drag update p99 and grid refresh for
#    every model with a latent space, in every round (there is no PyTorch counterpart).
# usage: bench/bench_all.sh [ROUNDS] [BUILD_DIR]      (default 3 rounds, about 8 minutes each;
#        BENCH_IMAGES: training images per epoch, default 6400; BENCH_OUT: keep the raw JSON there)
set -euo pipefail
rounds=${1:-3}
build=${2:-$(dirname "$0")/../build}
here=$(cd "$(dirname "$0")" && pwd)
cli="$build/app/cli/latent-cli"
gui="$build/bench/latent-gui-bench"
data=${LATENT_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/latent-explorer/datasets}/mnist
images=${BENCH_IMAGES:-6400}
if [ -n "${BENCH_OUT:-}" ]; then out=$BENCH_OUT; mkdir -p "$out"; else out=$(mktemp -d); trap 'rm -rf "$out"' EXIT; fi
models=(vae vae-conv ae dae sr cvae aae)
"$cli" info | grep -E "BLAS  |products|threads"
for r in $(seq "$rounds"); do
  echo "== round $r"
  "$cli" bench --images "$images" --json > "$out/ours.$r.json"
  tail -n +1 "$out/ours.$r.json" | head -n -1
  for m in "${models[@]}"; do
    for t in 1 2; do
      /usr/bin/python3 "$here/pytorch_reference.py" "$data" --model "$m" --bench "$images" --threads "$t" > "$out/py.$r.$m.$t.json"
    done
    echo "pytorch $m: $(cat "$out/py.$r.$m.1.json") / $(cat "$out/py.$r.$m.2.json")"
  done
  start=$(date +%s.%N)
  "$cli" train --data mnist --model vae --arch mlp --epochs 20 --seed "$r" --out "$out/m.pt" --json 2>/dev/null > "$out/whole.$r.json"
  echo "{\"start\": $start}" > "$out/start.$r.json"
  /usr/bin/python3 "$here/pytorch_vae.py" "$data" --threads 2 --seed "$r" > "$out/pyvae.$r.2.json"
  /usr/bin/python3 "$here/pytorch_vae.py" "$data" --threads 1 --seed "$r" > "$out/pyvae.$r.1.json"
  echo "whole process: $(cat "$out/whole.$r.json")"
  echo "pytorch_vae: $(cat "$out/pyvae.$r.1.json") / $(cat "$out/pyvae.$r.2.json")"
  if [ -x "$gui" ]; then
    for spec in "vae mlp" "vae conv" "ae conv" "cvae mlp" "aae mlp"; do
      set -- $spec
      xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --model "$1" --arch "$2" --epochs 1 2>/dev/null |
        tail -n 1 > "$out/gui.$r.$1-$2.json" || echo "{}" > "$out/gui.$r.$1-$2.json"
      echo "window $1/$2: $(cat "$out/gui.$r.$1-$2.json")"
    done
  fi
done
/usr/bin/python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys, glob, os
out, rounds = sys.argv[1], int(sys.argv[2])
med = statistics.median
load = lambda p: json.load(open(p))
last_line = lambda p: json.loads(open(p).read().strip().splitlines()[-1])  # after latent-cli bench's own lines
ours = [last_line(f"{out}/ours.{r}.json") for r in range(1, rounds + 1)]
res = {"rounds": rounds, "gemm_fp32_gflops": med(o["gemm_fp32_gflops"] for o in ours),
       "gemm_bf16_gflops": med(o["gemm_bf16_gflops"] for o in ours), "models": {}}
for m in ["vae", "vae-conv", "ae", "dae", "sr", "cvae", "aae"]:
    row = {}
    for key in ("train_samples_per_second", "train_gflops", "decode_point_us_median", "decode_point_us_p99", "grid30_ms_median"):
        vals = [o[f"{m}.{key}"] for o in ours if f"{m}.{key}" in o]
        if vals: row[key] = med(vals)
    for t in (1, 2):
        py = [load(f"{out}/py.{r}.{m}.{t}.json") for r in range(1, rounds + 1)]
        for key in ("train_samples_per_second", "decode_point_us_median", "decode_point_us_p99", "grid30_ms_median"):
            if key in py[0]: row[f"pytorch{t}_{key}"] = med(p[key] for p in py)
    best = max(row["pytorch1_train_samples_per_second"], row["pytorch2_train_samples_per_second"])
    row["train_ratio"] = row["train_samples_per_second"] / best
    res["models"][m] = row
whole = [load(f"{out}/whole.{r}.json") for r in range(1, rounds + 1)]
starts = [load(f"{out}/start.{r}.json")["start"] for r in range(1, rounds + 1)]
py1 = [load(f"{out}/pyvae.{r}.1.json")["samples_per_second"] for r in range(1, rounds + 1)]
py2 = [load(f"{out}/pyvae.{r}.2.json")["samples_per_second"] for r in range(1, rounds + 1)]
res["vae_whole"] = {"samples_per_second_wall": med(w["samples_per_second_wall"] for w in whole),
                    "samples_per_second_loop": med(w["samples_per_second"] for w in whole),
                    "pytorch1_loop": med(py1), "pytorch2_loop": med(py2),
                    "startup_to_first_step_s": med(w["first_step_unix_ms"] / 1000.0 - s for w, s in zip(whole, starts))}
res["vae_whole"]["ratio_whole"] = res["vae_whole"]["samples_per_second_wall"] / max(med(py1), med(py2))
res["vae_whole"]["ratio_loop"] = res["vae_whole"]["samples_per_second_loop"] / max(med(py1), med(py2))
gui = {}  # per model, each figure's median over the rounds
for r in range(1, rounds + 1):
    for p in sorted(glob.glob(f"{out}/gui.{r}.*.json")):
        try: figures = load(p)
        except Exception: continue
        for key, value in figures.items():
            gui.setdefault(os.path.basename(p)[len(f"gui.{r}."):-5], {}).setdefault(key, []).append(value)
res["window"] = {model: {key: med(values) for key, values in figures.items()} for model, figures in gui.items()}
print(json.dumps(res, indent=1))
PY
