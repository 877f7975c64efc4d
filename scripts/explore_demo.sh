#!/bin/bash
# The explorer's views driven as a person would, under Xvfb: trains a VAE from the form (F5), then
# hovers the map until a digit's card shows, clicks that digit (preview and its neighbours),
# draws a lasso with Shift+drag (the Selection dock) and screenshots each step; the README's
# pictures of these views come from here (docs/screenshots/).
# With two checkpoints it also opens them side by side (--open FIRST --compare SECOND) and hovers a
# digit in the first: the second map rings the same digit.
# Usage: xvfb-run -s "-screen 0 1400x900x24" scripts/explore_demo.sh BUILD_DIR OUT_DIR [EPOCHS [FIRST.pt SECOND.pt]]
set -euo pipefail
BUILD=${1:-build}
OUT=${2:-explore-demo}
EPOCHS=${3:-3}
FIRST=${4:-}
SECOND=${5:-}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
source "$(dirname "$0")/demo_window.sh"
fresh_profile "$OUT"
printf '[training]\nepochs=%s\nmodel=vae\narch=mlp\nlatentDim=2\nbatch=128\n' "$EPOCHS" > "$XDG_CONFIG_HOME/LatentExplorer/latent-explorer.conf"

start_window "$OUT/app.log"
press_train
sleep $((EPOCHS * 4 + 8))
import -window root "$OUT/trained.png"

# Moves the mouse from (X0, Y0) outwards until the picture around it changes (a card appeared):
# hover_until_card X0 Y0 SHOT
hover_until_card() {
  import -window root "$OUT/before-hover.png"
  for r in 0 5 10 15 20 25 30 35 40; do
    X=$(($1 + r)) Y=$(($2 + r / 2))
    xdotool mousemove $X $Y
    sleep 0.5
    import -window root "$3"
    convert "$OUT/before-hover.png" -crop 160x140+$X+$Y "$OUT/around-before.png"
    convert "$3" -crop 160x140+$X+$Y "$OUT/around-after.png"
    CHANGED=$(compare -metric AE -fuzz 2% "$OUT/around-before.png" "$OUT/around-after.png" null: 2>&1 || true)
    [ "${CHANGED%%.*}" -gt 2000 ] && break
  done
  echo "hover: ${CHANGED} pixels changed beside the mouse"
}

# Hover: the map is the central widget (x 590-1040, y 85-525 in this layout).
hover_until_card 790 300 "$OUT/hover.png"

# Click the hovered digit: the preview shows it, its reconstruction and its neighbours.
xdotool click 1
sleep 2
import -window root "$OUT/neighbours.png"

# A lasso over the map's left part, with Shift held.
xdotool keydown shift mousemove 610 150 mousedown 1
for p in "700 140" "790 200" "800 320" "760 460" "620 470" "600 300" "610 160"; do
  set -- $p
  xdotool mousemove "$1" "$2"
  sleep 0.1
done
xdotool mouseup 1 keyup shift
sleep 2
import -window root "$OUT/selection.png"
xdotool key Escape

# The replay: the timeline under the map (x 668-928, y 517 in this layout; its handle at the
# right end, "now"), dragged back to the start and forward through the training; the map at
# each stop, cropped, side by side as a strip.
xdotool mousemove 924 517 mousedown 1
FRAMES=()
for e in 0 0.25 0.5 1 2 3; do
  X=$(awk -v e="$e" -v n="$EPOCHS" 'BEGIN { printf "%d", 668 + 260 * e / n }')
  xdotool mousemove "$X" 517
  sleep 0.6
  import -window root -crop 440x420+596+84 "$OUT/replay-$e.png"
  FRAMES+=("$OUT/replay-$e.png")
done
xdotool mouseup 1
convert "${FRAMES[@]}" -resize 50% +append "$OUT/replay-strip.png"
kill $APP 2>/dev/null || true
wait $APP 2>/dev/null || true
SHOTS="$OUT/hover.png $OUT/neighbours.png $OUT/selection.png $OUT/replay-strip.png"

if [ -n "$FIRST" ] && [ -n "$SECOND" ]; then
  fresh_profile "$OUT/second"  # a profile of its own: no autosave to restore
  start_window "$OUT/compare.log" --open "$FIRST" --compare "$SECOND"
  sleep 8
  # Hover the first map (the left half of the centre now) until a card shows.
  hover_until_card 700 300 "$OUT/compare.png"
  SHOTS="$SHOTS $OUT/compare.png"
fi
echo "screenshots: $SHOTS"
