#!/usr/bin/env bash
# The layering, checked against what the compiler really read (ninja's record of each object's
# headers): the widgets and the window's main never see a LibTorch header (the torch side is
# ui/session), and the core never sees a Qt header.
# usage: layers_check.sh NINJA BUILD_DIR
set -euo pipefail
ninja=$1 build=$2
"$ninja" -C "$build" -t deps | awk '
  /^[^ ].*: #deps/ { obj = $1; sub(/:$/, "", obj)
                     widgets = obj ~ /^ui\/widgets\// || obj ~ /^app\/gui\//; core = obj ~ /^core\//
                     if (widgets) nw++; if (core) nc++; next }
  widgets && $1 ~ /\/(torch|ATen|c10)\// { if (!(obj in seen)) print "torch header in a widget: " obj " <- " $1; seen[obj]; bad++ }
  core && $1 ~ /\/qt6\// { if (!(obj in seen)) print "Qt header in the core: " obj " <- " $1; seen[obj]; bad++ }
  END {
    if (nw == 0 || nc == 0) { print "no widget or core objects recorded: build first (" nw " widget, " nc " core)"; exit 1 }
    printf "%d widget and %d core objects checked\n", nw, nc
    exit bad > 0
  }'
