#!/bin/bash
# Your Digit as a new user meets it, under Xvfb at the default window size on a fresh profile:
# trains the default VAE (F5), opens a picture of a digit cropped to its ink (Ctrl+I, typing the
# path), screenshots, clicks "Train a denoiser" once, waits for it and screenshots again; then
# scores the kept denoiser on the MNIST test split with latent-cli eval.
# Usage: xvfb-run -s "-screen 0 1400x900x24" scripts/own_digit_demo.sh BUILD_DIR OUT_DIR
set -euo pipefail
BUILD=${1:-build}
OUT=${2:-own-digit-demo}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
export LATENT_DATA_DIR=${LATENT_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/latent-explorer/datasets}
export XDG_CONFIG_HOME="$OUT/config" XDG_DATA_HOME="$OUT/data"
unset LATENT_MODELS_DIR
rm -rf "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"

"$BUILD/app/gui/latent-explorer" > "$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
WID=$(xdotool search --sync --onlyvisible --name "Latent Explorer" | head -1)
xdotool windowmove "$WID" 0 0
sleep 2
xdotool windowfocus --sync "$WID" || true
xdotool key --window "$WID" F5   # the form's default: MLP VAE, 10 epochs
sleep 45
import -window root "$OUT/trained.png"

# A 7 cropped to its ink: dark ink on white, ink on all four edges.
convert -size 300x300 xc:white -fill '#151515' -font DejaVu-Sans -pointsize 260 -gravity center -annotate +0+0 7 \
  -trim +repage "$OUT/tight-seven.png"
xdotool key --window "$WID" ctrl+i
sleep 2
xdotool type --delay 15 "$OUT/tight-seven.png"
xdotool key Return
sleep 3
import -window root "$OUT/tight-opened.png"

# One click on "Train a denoiser" (the Your Digit dock, in this layout at about x 1082, y 438),
# then wait for it: a wide dae, 3 epochs on MNIST.
xdotool mousemove 1082 438 click 1
sleep 5
import -window root "$OUT/denoiser-training.png"
for i in $(seq 1 120); do
  [ -f "$XDG_DATA_HOME/latent-explorer/models/denoiser.pt" ] && break
  sleep 5
done
sleep 3
import -window root "$OUT/denoised.png"
ls -l "$XDG_DATA_HOME/latent-explorer/models/"
"$BUILD/app/cli/latent-cli" eval --model "$XDG_DATA_HOME/latent-explorer/models/denoiser.pt" --json | tee "$OUT/denoiser-eval.json"
