# Sourced by gui_demo.sh and explore_demo.sh: a fresh profile, the window started as both drive it.

# fresh_profile DIR: settings and autosaves (a killed window leaves one) in DIR/config and DIR/data,
# datasets where they are.
fresh_profile() {
  export LATENT_DATA_DIR=${LATENT_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/latent-explorer/datasets}
  export XDG_CONFIG_HOME="$1/config" XDG_DATA_HOME="$1/data"
  rm -rf "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
  mkdir -p "$XDG_CONFIG_HOME/LatentExplorer"
}

# start_window LOG [ARGS...]: $BUILD's latent-explorer with ARGS (output to LOG), 1400x900 in the
# screen's corner, killed when the script ends; sets APP (its pid) and WID (its window).
start_window() {
  local log=$1
  shift
  "$BUILD/app/gui/latent-explorer" "$@" > "$log" 2>&1 &
  APP=$!
  trap 'kill $APP 2>/dev/null || true' EXIT
  WID=$(xdotool search --sync --onlyvisible --name "Latent Explorer" | head -1)
  xdotool windowsize "$WID" 1400 900
  xdotool windowmove "$WID" 0 0
}

# press_train: F5 (Train) once the window has settled.
press_train() {
  sleep 2
  xdotool windowfocus --sync "$WID" || true
  xdotool key --window "$WID" F5
}
