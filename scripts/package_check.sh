#!/usr/bin/env bash
# Builds the Debian package from a configured build folder and checks what a packager would:
# both programs, the desktop entry (desktop-file-validate), the hicolor icons, the AppStream
# metainfo (appstreamcli), and Depends from dpkg-shlibdeps naming libtorch and Qt.
#   scripts/package_check.sh [BUILD_DIR] [--install]
# --install also installs the package (dpkg -i, with sudo when not root) and starts the desktop
# entry's Exec line under Xvfb, keeping a screenshot in BUILD_DIR/package-check/window.png.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
install=0
for a in "$@"; do
  case "$a" in
    --install) install=1 ;;
    *) build=$(cd "$a" && pwd) ;;
  esac
done
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
id=org.latentexplorer.LatentExplorer
fail() { echo "package check: $*" >&2; exit 1; }

cd "$build"
rm -f latent-explorer_*.deb
cpack -G DEB >/dev/null
deb=$(ls latent-explorer_*.deb)
echo "== $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb -f "$deb" Package Version Architecture Installed-Size Depends Recommends Suggests
depends=$(dpkg-deb -f "$deb" Depends)
grep -q "libtorch" <<<"$depends" || fail "Depends names no libtorch: $depends"
grep -q "libqt6" <<<"$depends" || fail "Depends names no Qt 6 library: $depends"

out=$build/package-check
rm -rf "$out"
mkdir -p "$out/root"
dpkg-deb -x "$deb" "$out/root"
for f in usr/bin/latent-explorer usr/bin/latent-cli usr/share/applications/$id.desktop \
         usr/share/metainfo/$id.metainfo.xml usr/share/icons/hicolor/scalable/apps/$id.svg \
         usr/share/icons/hicolor/48x48/apps/$id.png usr/share/icons/hicolor/256x256/apps/$id.png; do
  [ -e "$out/root/$f" ] || fail "missing /$f"
done
desktop-file-validate "$out/root/usr/share/applications/$id.desktop"
appstreamcli validate --no-net --pedantic "$out/root/usr/share/metainfo/$id.metainfo.xml" >/dev/null 2>&1 ||
  appstreamcli validate --no-net "$out/root/usr/share/metainfo/$id.metainfo.xml"
echo "== contents, desktop entry and metainfo: ok"

if [ "$install" -eq 1 ]; then
  $SUDO dpkg -i "$deb" >/dev/null || { $SUDO apt-get install -f -y -qq >/dev/null; $SUDO dpkg -i "$deb" >/dev/null; }
  exec_line=$(sed -n 's/^Exec=//p' /usr/share/applications/$id.desktop | head -n1 | sed 's/ %[fFuU]//g')
  echo "== installed; starting Exec=$exec_line under Xvfb"
  log=$out/window.log
  xvfb-run -a -s "-screen 0 1400x900x24" bash -c "
    $exec_line >'$log' 2>&1 &
    app=\$!
    for i in \$(seq 1 60); do
      sleep 0.5
      xdotool search --name 'Latent Explorer' >/dev/null 2>&1 && break
    done
    sleep 2
    import -window root '$out/window.png'
    found=\$(xdotool search --name 'Latent Explorer' 2>/dev/null | head -n1)
    kill \$app 2>/dev/null; wait \$app 2>/dev/null
    [ -n \"\$found\" ]" || fail "the installed program opened no window (log: $log)"
  echo "== the installed desktop entry opened the window: $out/window.png"
fi
