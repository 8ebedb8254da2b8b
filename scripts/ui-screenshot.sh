#!/usr/bin/env bash
# Screenshots the Temporal UI listing Berth's workflows, with headless Chromium.
#   scripts/ui-screenshot.sh [OUT.png]        (default: target/temporal-ui.png)
#   UI_PAGE=deploy scripts/ui-screenshot.sh [OUT.png]
#     commits a new web image to the demo's shop stack and screenshots that Deploy's page
#     (its summary, details and event history with each activity's and timer's summary).
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

shoot() { # URL-PATH OUT WINDOW
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --window-size="$3" --virtual-time-budget=8000 --hide-scrollbars \
    --screenshot="$2" "http://localhost:$ui_port/$1" >/dev/null 2>&1
}

if [ "${UI_PAGE:-list}" != deploy ]; then
  shoot "namespaces/default/workflows" "$out" "${UI_WINDOW:-1600,1000}"
  echo "Temporal UI screenshot: $out"
  exit 0
fi

# A Deploy of a new web image: its User Metadata page while it rolls, its history once done.
shop_deploys() { # STATUS
  "$temporal_bin" workflow list --address "$address" -o json \
    --query "BerthStack=\"shop\" AND BerthOperation=\"Deploy\" AND ExecutionStatus=\"$1\"" 2>/dev/null \
    | python3 -c 'import json,sys; runs=[r["execution"] for r in json.load(sys.stdin) or []]; print(runs[0]["workflowId"], runs[0]["runId"]) if runs else None' 2>/dev/null || true
}
for _ in $(seq 1 240); do
  [ -n "$(shop_deploys Completed)" ] && [ -z "$(shop_deploys Running)" ] && break
  sleep 0.5
done
repo="$work/demo"
sed -i 's#ghcr.io/acme/web:1.4.2#ghcr.io/acme/web:1.5.0#' "$repo/stacks/shop.yaml"
git -C "$repo" -c user.name=demo -c user.email=demo@example.com commit -qam 'web 1.5.0'
id=""
for _ in $(seq 1 240); do
  id="$(shop_deploys Running)"; [ -n "$id" ] && break; sleep 0.5
done
[ -n "$id" ] || { echo "no Deploy of shop started" >&2; cat "$work/demo.log" >&2; exit 1; }
set -- $id
for _ in $(seq 1 120); do
  "$temporal_bin" workflow metadata -w "$1" --address "$address" 2>/dev/null | grep -q 'rolling web: [1-9]' && break
  sleep 0.5
done
path="namespaces/default/workflows/$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1")/$2"
shoot "$path/user-metadata" "$out" "${UI_WINDOW:-1600,1300}"
echo "Temporal UI screenshot: $out ($1, User Metadata, while it rolls)"
for _ in $(seq 1 240); do
  "$temporal_bin" workflow describe -w "$1" --address "$address" 2>/dev/null | grep -q 'Status *COMPLETED' && break
  sleep 0.5
done
shoot "$path/history" "${out%.png}-history.png" "${UI_WINDOW:-1600,2200}"
echo "Temporal UI screenshot: ${out%.png}-history.png ($1, its history once done)"
