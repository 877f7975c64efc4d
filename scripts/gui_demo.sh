#!/bin/bash
# Drives latent-explorer as a person would, under Xvfb: presses F5 (Train) on a fresh profile,
# waits for a few epochs of a VAE on MNIST, screenshots, drags across the latent view with
# xdotool and screenshots again; then checks that the preview changed; opens a picture of a
# digit in Your Digit (Ctrl+I) and shows the Generate dock, with a screenshot of each (the
# README's pictures: docs/screenshots/).
# Usage: xvfb-run -s "-screen 0 1400x900x24" scripts/gui_demo.sh BUILD_DIR OUT_DIR [EPOCHS] [MODEL]
# MODEL: vae (the MLP VAE, the default) or map (the separated 2-D map, batch 256, its graph first: the README's picture)
set -euo pipefail
BUILD=${1:-build}
OUT=${2:-gui-demo}
EPOCHS=${3:-5}
MODEL=${4:-vae}
case "$MODEL" in
  vae) BATCH=128 EPOCH_SECONDS=4 PREPARE_SECONDS=0 ;;
  map) BATCH=256 EPOCH_SECONDS=7 PREPARE_SECONDS=30 ;;
  *) echo "MODEL is vae or map" >&2; exit 2 ;;
esac
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
source "$(dirname "$0")/demo_window.sh"
fresh_profile "$OUT"
printf '[training]\nepochs=%s\nmodel=%s\narch=mlp\nlatentDim=2\nbatch=%s\n' "$EPOCHS" "$MODEL" "$BATCH" > "$XDG_CONFIG_HOME/LatentExplorer/latent-explorer.conf"
# DEMO_VIEW: the latent panel's settings to start with, one key=value a line (LatentPanel::saveSettings:
# pointLimit 0 all .. 4 none, pointSize, pointOpacity, clusterLabels, gridOpacity), for pictures of each.
[ -z "${DEMO_VIEW:-}" ] || printf '[latent]\n%b\n' "$DEMO_VIEW" >> "$XDG_CONFIG_HOME/LatentExplorer/latent-explorer.conf"

start_window "$OUT/app.log"
press_train
# The title gains the model's description ("... [*]" while unsaved) once the first weights arrive;
# wait for the run to end: the Train button is enabled again, so F5 would be accepted. We just
# wait long enough for EPOCHS epochs (the MLP VAE about 2.5 s each here, the map about 7) plus margin.
sleep $((EPOCHS * EPOCH_SECONDS + 6 + PREPARE_SECONDS))
import -window root "$OUT/trained.png"

# Drag across the latent view (the central widget: x 500-990, y 50-520 in this layout).
xdotool mousemove 620 260 mousedown 1
for i in $(seq 1 20); do xdotool mousemove $((620 + i * 15)) $((260 + i * 12)); sleep 0.05; done
xdotool mouseup 1
sleep 1
import -window root "$OUT/dragged.png"
# The preview dock is on the right (x 1010-1390, y 70-470 in this layout): did its pixels change?
convert "$OUT/trained.png" -crop 380x400+1010+70 "$OUT/preview-before.png"
convert "$OUT/dragged.png" -crop 380x400+1010+70 "$OUT/preview-after.png"
CHANGED=$(compare -metric AE "$OUT/preview-before.png" "$OUT/preview-after.png" null: 2>&1 || true)
echo "preview pixels changed by the drag: $CHANGED"
[ "${CHANGED%%.*}" -gt 100 ] || { echo "the drag did not change the preview"; exit 1; }

# Your Digit: a photo-like picture of a digit (ink on warm paper, blurred, noisy), opened with
# Ctrl+I by typing its path into the file dialog, as a person would.
convert -size 240x240 xc:'#efe9dc' -fill '#202040' -font DejaVu-Sans-Bold -pointsize 190 -gravity center \
  -annotate +0+10 4 -blur 0x1.2 -attenuate 0.4 +noise Gaussian "$OUT/digit-photo.png"
xdotool key --window "$WID" ctrl+i
sleep 2
xdotool type --delay 15 "$OUT/digit-photo.png"
xdotool key Return
sleep 4
import -window root "$OUT/your-digit.png"

# Generate: its tab beside Your Digit's at the foot of the right dock area (x ~1258, y ~863 in this layout).
xdotool mousemove 1258 863 click 1
sleep 4
import -window root "$OUT/generate.png"

echo "screenshots: $OUT/trained.png $OUT/dragged.png $OUT/your-digit.png $OUT/generate.png"
