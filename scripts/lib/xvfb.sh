# An X display for WebKitGTK (it has no headless mode): Xvfb on a display
# it picks itself (-displayfd: no guessing which :N is free), stopped on
# exit. Sets DISPLAY. Sourced by scripts/test after devserver.sh: the EXIT
# trap is chained onto the one already set (the devserver's), not replaced.

start_xvfb() {
  local dir fifo
  dir=$(mktemp -d)
  fifo="$dir/display"
  mkfifo "$fifo"
  Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$fifo" >"$dir/xvfb.log" 2>&1 &
  XVFB_PID=$!
  local number
  if ! read -r -t 10 number <"$fifo" || [ -z "$number" ]; then
    echo "Xvfb did not start" >&2
    cat "$dir/xvfb.log" >&2
    kill "$XVFB_PID" 2>/dev/null || true
    return 1
  fi
  # `trap -p` prints the handler quoted for the shell: let the shell unquote it.
  local previous=""
  eval "set -- $(trap -p EXIT)"
  [ $# -ge 3 ] && previous=$3
  # shellcheck disable=SC2064
  trap "${previous:+$previous; }kill $XVFB_PID 2>/dev/null || true" EXIT
  export DISPLAY=":$number"
  say "Xvfb on $DISPLAY"
}
