#!/usr/bin/env bash
# A phone photo of a digit through the preprocessing (issue 26, item 4): the time `latent-cli
# preprocess` spends reading and preprocessing 4000x3000 and 6000x4000 JPEGs, its peak memory
# (whole process, and above the same process on a 300x400 picture: LibTorch alone is ~150 MB), and
# whether the digit is the one the same photo gives when reduced first by ImageMagick to 1024 px
# (the working side) and to 800 px (normalised cross-correlation, ImageMagick's NCC: 1 = the same
# picture). Targets: <= 0.5 s, <= 200 MB, NCC >= 0.95. Three photos of each size (other sensor
# noise): the 28x28 digit is sensitive to whether the ink box's width rounds to 13 or 14 px.
#   bench/photo_bench.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
cli=$build/app/cli/latent-cli
convert=/usr/bin/convert; [ -x "$convert" ] || convert=convert  # Debian's ImageMagick, not a stand-in earlier on PATH
compare=/usr/bin/compare; [ -x "$compare" ] || compare=compare
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
field() { sed -E "s/.*\"$1\": *([-0-9.e]+).*/\1/" "$2"; }
# A dark 7 with a thick pen on grey paper, a lighting gradient and sensor noise, as a JPEG.
photo() {
  local w=$1 h=$2 out=$3 seed=${4:-1}
  "$convert" -seed "$seed" -size "${w}x${h}" gradient:'#dcd8d0-#b8b4ac' -fill none -stroke '#26262e' -strokewidth $((h / 22)) \
    -draw "polyline $((w * 36 / 100)),$((h * 22 / 100)) $((w * 64 / 100)),$((h * 22 / 100)) $((w * 46 / 100)),$((h * 80 / 100))" \
    -attenuate 0.4 +noise Gaussian -quality 85 "$out"
}
photo 400 300 "$tmp/small.jpg"
/usr/bin/time -f '%M' -o "$tmp/base" "$cli" preprocess --in "$tmp/small.jpg" --out "$tmp/small.png" >/dev/null 2>&1
base_kb=$(cat "$tmp/base")
for size in 4000x3000 6000x4000; do
 for seed in 1 2 3; do
  photo "${size%x*}" "${size#*x}" "$tmp/photo.jpg" "$seed"
  /usr/bin/time -f '%M' -o "$tmp/time" "$cli" preprocess --in "$tmp/photo.jpg" --out "$tmp/digit.png" --json >"$tmp/json" 2>/dev/null
  kb=$(cat "$tmp/time")
  ncc=()
  for side in 1024 800; do
    "$convert" "$tmp/photo.jpg" -resize "${side}x${side}" "$tmp/reduced.jpg"
    "$cli" preprocess --in "$tmp/reduced.jpg" --out "$tmp/reduced.png" >/dev/null 2>&1
    ncc+=("$("$compare" -metric NCC "$tmp/digit.png" "$tmp/reduced.png" null: 2>&1 || true)")
  done
  printf '%s JPEG #%s (%s KB): read %s s + preprocess %s s; peak %s MB whole process, %s MB above a 400x300 picture; NCC with the photo reduced first to 1024 px %s, to 800 px %s\n' \
    "$size" "$seed" "$(($(stat -c %s "$tmp/photo.jpg") / 1024))" "$(field read_seconds "$tmp/json")" "$(field preprocess_seconds "$tmp/json")" \
    "$((kb / 1024))" "$(((kb - base_kb) / 1024))" "${ncc[0]}" "${ncc[1]}"
 done
done
