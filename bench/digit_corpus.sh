#!/usr/bin/env bash
# The Your Digit preprocessing on pictures as people bring them: writes the digit-picture corpus
# (9 kinds x 40 = 360 pictures from typefaces, pen strokes and MNIST *test* digits; see
# bench/corpus/DigitCorpus.h) and scores it with `latent-cli preprocess-eval`: refusals and the
# 5-NN accuracy (MNIST training pixels) of the preprocessed digits against a naive resize. Then
# 500 MNIST test digits cropped so that ink touches all four edges, scored against the digits
# they were made from.
# usage: bench/digit_corpus.sh [BUILD_DIR] [OUT_DIR]   (OUT_DIR kept; default a temporary folder)
set -euo pipefail
build=${1:-$(dirname "$0")/../build}
out=${2:-}
if [ -z "$out" ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
"$build/bench/corpus/latent-digit-corpus" --out "$out/corpus" --per-kind 40
"$build/app/cli/latent-cli" preprocess-eval --corpus "$out/corpus" --report "$out/corpus-report.tsv"
echo
"$build/bench/corpus/latent-digit-corpus" --out "$out/tight" --kinds mnist-tight --per-kind 500 --seed 2
"$build/app/cli/latent-cli" preprocess-eval --corpus "$out/tight" --report "$out/tight-report.tsv"
