#!/usr/bin/env bash
# Fuzzes one of the readers that take users' files, with libFuzzer under ASan + UBSan:
#   idx         IdxReader (plain and gzip IDX files)
#   checkpoint  Checkpoint::load (then decodes a code with the loaded model)
#   image       picture reading (any format Qt reads) and the core's digit preprocessing
# Builds what it needs: the fuzz targets in build-fuzz/ (clang), and the seed corpus from the files
# the tests make (the test that makes them runs from build/ with LATENT_SEED_DIR set). Memory is
# capped at 2 GB per input (a header claiming billions of items must be refused, not allocated).
# Exits 0 when nothing was found; a crash input lands in fuzz-work/TARGET/crashes/.
# usage: scripts/fuzz.sh idx|checkpoint|image [SECONDS]
set -euo pipefail
target=${1:-}
seconds=${2:-60}
case "$target" in
  idx) seed_test=tst_idxreader ;;
  checkpoint) seed_test=tst_checkpoint ;;
  image) seed_test=tst_owndigitpanel ;;
  *) echo "usage: $0 idx|checkpoint|image [SECONDS]" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
missing=()
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

jobs=${LATENT_JOBS:-2}
fuzzbuild=${LATENT_FUZZ_BUILD_DIR:-$root/build-fuzz}
if [ ! -f "$fuzzbuild/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$fuzzbuild" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DLATENT_FUZZ=ON -DLATENT_BUILD_GUI=OFF -DLATENT_BUILD_TESTS=OFF
fi
cmake --build "$fuzzbuild" -j "$jobs" --target "fuzz_$target"

work=${LATENT_FUZZ_DIR:-$root/fuzz-work}/$target
mkdir -p "$work/corpus" "$work/crashes"
if [ ! -d "$work/seeds/$target" ]; then
  build=${LATENT_BUILD_DIR:-$root/build}
  [ -f "$build/CMakeCache.txt" ] || cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
  cmake --build "$build" -j "$jobs" --target "$seed_test"
  rm -rf "$work/seeds.tmp"
  seed_dir=$(dirname "$(find "$build/tests" -name "$seed_test" -type f -perm -u+x | head -n1)")
  (cd "$seed_dir" && LATENT_SEED_DIR="$work/seeds.tmp" QT_QPA_PLATFORM=offscreen OMP_NUM_THREADS=1 \
     "./$seed_test" >/dev/null)
  mv "$work/seeds.tmp" "$work/seeds"
fi
echo "seeds: $(ls "$work/seeds/$target" | wc -l) files from $seed_test; corpus: $(ls "$work/corpus" | wc -l) files"

log="$work/last-run.log"
set +e
ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0:abort_on_error=0" \
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" OMP_NUM_THREADS=1 \
  "$fuzzbuild/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=2048 \
  -timeout=30 -print_final_stats=1 -artifact_prefix="$work/crashes/" \
  "$work/corpus" "$work/seeds/$target" > "$log" 2>&1
status=$?
set -e
tail -n 25 "$log"
execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
echo "== fuzz $target: ${seconds}s, $execs executions, corpus $(ls "$work/corpus" | wc -l) files, exit $status"
if [ "$status" -ne 0 ]; then
  echo "== found something: $(ls "$work/crashes" | tr '\n' ' ')" >&2
  exit 1
fi
