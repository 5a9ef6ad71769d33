# Start a devserver for tests: temporary database, fault switches on, a free
# port on 127.0.0.1. Sets DEVSERVER_URL and stops the server on exit.
# Sourced by scripts/test and scripts/bench.

start_devserver() {
  local dir log bin
  dir=$(mktemp -d)
  log="$dir/devserver.log"
  bin=${DEVSERVER_BIN:-target/debug/devserver}
  "$bin" --addr 127.0.0.1:0 --db "$dir/devserver.sqlite" --dist dist --dev-faults >"$log" 2>&1 &
  DEVSERVER_PID=$!
  trap 'kill "$DEVSERVER_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    DEVSERVER_URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n 1 || true)
    [ -n "$DEVSERVER_URL" ] && break
    kill -0 "$DEVSERVER_PID" 2>/dev/null || { cat "$log" >&2; return 1; }
    sleep 0.1
  done
  [ -n "$DEVSERVER_URL" ] || { echo "devserver did not start" >&2; cat "$log" >&2; return 1; }
  export DEVSERVER_URL DEVSERVER_LOG="$log"
  say "devserver at $DEVSERVER_URL (log: $log)"
}
