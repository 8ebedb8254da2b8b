#!/usr/bin/env bash
# Starts a Temporal dev server (SQLite-backed) with Berth's search attributes registered.
# Installs the Temporal CLI v1.5.1 with `go install` when it is missing and Go is present.
#   TEMPORAL_PORT (7233), TEMPORAL_UI_PORT (8233), TEMPORAL_DB (~/.cache/berth/temporal.db)
# Runs in the foreground; stop it with Ctrl-C.
set -euo pipefail

TEMPORAL_VERSION=v1.5.1
port="${TEMPORAL_PORT:-7233}"
ui_port="${TEMPORAL_UI_PORT:-8233}"
db="${TEMPORAL_DB:-$HOME/.cache/berth/temporal.db}"

find_temporal() {
  if command -v temporal >/dev/null 2>&1; then command -v temporal; return; fi
  local gobin=""
  if command -v go >/dev/null 2>&1; then gobin="$(go env GOPATH)/bin"; fi
  for candidate in "$gobin/temporal" "$HOME/go/bin/temporal"; do
    if [ -x "$candidate" ]; then echo "$candidate"; return; fi
  done
}

temporal_bin="$(find_temporal || true)"
if [ -z "$temporal_bin" ]; then
  if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then PATH="$PATH:/usr/local/go/bin"; fi
  if ! command -v go >/dev/null 2>&1; then
    echo "temporal CLI not found and Go is not installed; see https://docs.temporal.io/cli" >&2
    exit 2
  fi
  echo "installing the Temporal CLI $TEMPORAL_VERSION with go install (a few minutes)..." >&2
  go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_VERSION"
  temporal_bin="$(go env GOPATH)/bin/temporal"
fi

mkdir -p "$(dirname "$db")"
echo "Temporal dev server: gRPC 127.0.0.1:$port, UI http://localhost:$ui_port (db $db)"
echo "use it with: berth run --temporal 127.0.0.1:$port"
exec "$temporal_bin" server start-dev \
  --ip 127.0.0.1 --port "$port" --ui-port "$ui_port" --db-filename "$db" \
  --search-attribute BerthStack=Keyword \
  --search-attribute BerthRevision=Keyword \
  --search-attribute BerthOperation=Keyword
