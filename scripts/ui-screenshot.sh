#!/usr/bin/env bash
# Screenshots the Temporal UI listing Berth's workflows, with headless Chromium.
#   scripts/ui-screenshot.sh [OUT.png]        (default: target/temporal-ui.png)
# Uses the dev server at TEMPORAL_ADDRESS / TEMPORAL_UI_PORT if TEMPORAL_ADDRESS is set; otherwise
# starts one (scripts/temporal-dev.sh on free ports, a temporary database). Runs `berth demo`
# against it on a temporary directory, waits for the stacks, screenshots, and stops what it started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$ROOT/target/temporal-ui.png}"
mkdir -p "$(dirname "$out")"
work="$(mktemp -d)"
pids=()

stop() {
  for pid in "${pids[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

temporal_bin="$(command -v temporal || echo "$HOME/go/bin/temporal")"
if [ -z "${TEMPORAL_ADDRESS:-}" ]; then
  port="$(free_port)"; ui_port="$(free_port)"
  TEMPORAL_PORT="$port" TEMPORAL_UI_PORT="$ui_port" TEMPORAL_DB="$work/temporal.db" \
    "$ROOT/scripts/temporal-dev.sh" >"$work/temporal.log" 2>&1 &
  pids+=($!)
  address="127.0.0.1:$port"
else
  address="$TEMPORAL_ADDRESS"; ui_port="${TEMPORAL_UI_PORT:-8233}"
fi

for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://localhost:$ui_port/" && break
  sleep 0.5
done
curl -fs -o /dev/null "http://localhost:$ui_port/" || { echo "no Temporal UI on port $ui_port" >&2; cat "$work/temporal.log" >&2; exit 1; }

"$ROOT/berth" demo --temporal "$address" --dir "$work/demo" >"$work/demo.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 240); do
  "$temporal_bin" workflow list --address "$address" --query 'BerthOperation="Deploy"' 2>/dev/null | grep -q Completed && break
  sleep 0.5
done
sleep 3

chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --window-size=1600,1000 --virtual-time-budget=15000 --hide-scrollbars \
  --screenshot="$out" "http://localhost:$ui_port/namespaces/default/workflows" >/dev/null 2>&1
echo "Temporal UI screenshot: $out"
