#!/usr/bin/env bash
# Temporal dev server (with the Web UI) for local runs and tests.
#   infra/temporal.sh install | start | stop | status | bin
# TEMPORAL_INSTANCE=test runs a second, in-memory server on other ports for the test suite.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CLI_VERSION="v1.5.1" # newest tag `go install` accepts; later tags carry a replace directive
INSTANCE="${TEMPORAL_INSTANCE:-dev}"
# The HTTP API and metrics ports are fixed (start-dev would pick random free ones), derived
# from the gRPC port so that test runs on different TEMPORAL_TEST_PORTs never share one.
if [[ "$INSTANCE" == "test" ]]; then
  PORT="${TEMPORAL_TEST_PORT:-7243}"; UI_PORT="${TEMPORAL_TEST_UI_PORT:-8243}"; DB_FILE=""
  HTTP_PORT="${TEMPORAL_TEST_HTTP_PORT:-$((PORT + 3000))}"
  METRICS_PORT="${TEMPORAL_TEST_METRICS_PORT:-$((PORT + 4000))}"
else
  PORT="${TEMPORAL_PORT:-7233}"; UI_PORT="${TEMPORAL_UI_PORT:-8233}"
  HTTP_PORT="${TEMPORAL_HTTP_PORT:-$((PORT + 3000))}"
  METRICS_PORT="${TEMPORAL_METRICS_PORT:-$((PORT + 4000))}"
  DB_FILE="$SALUR_DATA_DIR/temporal/temporal.db"
fi
for port in "$PORT" "$UI_PORT" "$HTTP_PORT" "$METRICS_PORT"; do
  [[ "$port" =~ ^[0-9]+$ ]] && (( port >= 1 && port <= 65535 )) \
    || die "Temporal ports must be whole numbers from 1 to 65535 (got $port; gRPC $PORT, UI $UI_PORT, HTTP $HTTP_PORT, metrics $METRICS_PORT)"
done
IP="${TEMPORAL_IP:-127.0.0.1}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
STATE_DIR="$SALUR_DATA_DIR/temporal-$INSTANCE"
PID_FILE="$STATE_DIR/server.pid"
LOG_FILE="$STATE_DIR/server.log"
START_TIMEOUT="${TEMPORAL_START_TIMEOUT:-180}"
# Keep in step with libs/temporal/search-attributes.ts.
SEARCH_ATTRIBUTES=(ProgramId=Keyword Kecamatan=Keyword SopStep=Keyword SopStepNo=Int Stuck=Bool KotaKode=Keyword)

find_bin() {
  if [[ -n "${TEMPORAL_BIN:-}" ]]; then
    [[ -x "$TEMPORAL_BIN" ]] || die "TEMPORAL_BIN=$TEMPORAL_BIN is not an executable file"
    echo "$TEMPORAL_BIN"; return
  fi
  if command -v temporal >/dev/null 2>&1; then command -v temporal; return; fi
  if [[ -x "$SALUR_CACHE_DIR/bin/temporal" ]]; then echo "$SALUR_CACHE_DIR/bin/temporal"; return; fi
  return 1
}

install_cli() {
  local bin
  if bin="$(find_bin)"; then log "Temporal CLI: $bin"; echo "$bin"; return; fi
  command -v go >/dev/null 2>&1 || die "no Temporal CLI found and Go is not installed, so it cannot be built.
  Install Go (https://go.dev/doc/install) or build the CLI elsewhere with
    go install github.com/temporalio/cli/cmd/temporal@$CLI_VERSION
  and point TEMPORAL_BIN at the binary."
  log "building the Temporal CLI $CLI_VERSION with go install (first time only; a few minutes)"
  mkdir -p "$SALUR_CACHE_DIR/bin"
  # Go's module and build caches (GOMODCACHE, GOCACHE) are left at their defaults so a rebuild is instant.
  if ! GOBIN="$SALUR_CACHE_DIR/bin" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@$CLI_VERSION" >"$SALUR_CACHE_DIR/build.log" 2>&1; then
    tail -n 20 "$SALUR_CACHE_DIR/build.log" >&2
    die "go install github.com/temporalio/cli/cmd/temporal@$CLI_VERSION failed (full log: $SALUR_CACHE_DIR/build.log).
  If the Go module proxy refused a module, build the CLI where it is reachable and set
  TEMPORAL_BIN=/path/to/temporal before running this again."
  fi
  echo "$SALUR_CACHE_DIR/bin/temporal"
}

# True when a Temporal frontend answers gRPC health checks on the port.
answers() {
  local bin; bin="$(find_bin)" || return 1
  "$bin" operator cluster health --address "$IP:$PORT" 2>/dev/null | grep -q SERVING
}

# A server started before an attribute was added to SEARCH_ATTRIBUTES (a dev server keeps its
# namespace in its database) gets it now; one that has it already refuses, which is fine.
add_search_attributes() {
  local bin="$1" attribute
  for attribute in "${SEARCH_ATTRIBUTES[@]}"; do
    "$bin" operator search-attribute create --address "$IP:$PORT" --namespace "$NAMESPACE" \
      --name "${attribute%%=*}" --type "${attribute#*=}" >/dev/null 2>&1 || true
  done
}

start() {
  local bin; bin="$(install_cli)"
  mkdir -p "$STATE_DIR"
  if pid_alive "$PID_FILE"; then
    log "already running (pid $(cat "$PID_FILE")) on $IP:$PORT"
    add_search_attributes "$bin"; return 0
  fi
  if answers; then
    log "a Temporal server not started by this script already answers on $IP:$PORT; using it"
    add_search_attributes "$bin"; return 0
  fi
  local args=(server start-dev --ip "$IP" --port "$PORT" --http-port "$HTTP_PORT"
    --metrics-port "$METRICS_PORT" --log-level warn)
  if [[ "$INSTANCE" == "test" ]]; then
    args+=(--headless)
  else
    mkdir -p "$(dirname "$DB_FILE")"
    # The Web UI asks the API to decode payloads; the API answers those allowed (docs: README).
    args+=(--ui-port "$UI_PORT" --db-filename "$DB_FILE"
      --ui-codec-endpoint "${TEMPORAL_UI_CODEC_ENDPOINT:-http://127.0.0.1:${API_PORT:-3000}/codec}")
  fi
  [[ "$NAMESPACE" != "default" ]] && args+=(--namespace "$NAMESPACE")
  for attribute in "${SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$attribute"); done

  log "starting Temporal ($INSTANCE) on $IP:$PORT; log: $LOG_FILE"
  # setsid: the server gets its own process group, so `stop` ends it and nothing else.
  setsid "$bin" "${args[@]}" >"$LOG_FILE" 2>&1 < /dev/null &
  echo $! >"$PID_FILE"

  local waited=0
  until answers; do
    if ! pid_alive "$PID_FILE"; then
      tail -n 30 "$LOG_FILE" >&2
      rm -f "$PID_FILE"
      die "the Temporal server exited during start-up (log above, full log: $LOG_FILE)"
    fi
    if (( waited >= START_TIMEOUT * 2 )); then
      tail -n 30 "$LOG_FILE" >&2
      stop_pid "$PID_FILE"
      die "the Temporal server did not answer on $IP:$PORT within ${START_TIMEOUT}s (TEMPORAL_START_TIMEOUT); log: $LOG_FILE"
    fi
    sleep 0.5; waited=$((waited + 1))
  done
  log "Temporal is up: gRPC $IP:$PORT, HTTP $HTTP_PORT, metrics $METRICS_PORT$([[ "$INSTANCE" == test ]] || echo ", Web UI http://$IP:$UI_PORT")"
}

stop() {
  if pid_alive "$PID_FILE"; then
    log "stopping Temporal ($INSTANCE, pid $(cat "$PID_FILE"))"
    stop_pid "$PID_FILE"
  else
    rm -f "$PID_FILE"
    log "Temporal ($INSTANCE) was not started by this script; nothing to stop"
  fi
}

status() {
  if pid_alive "$PID_FILE"; then
    echo "running (pid $(cat "$PID_FILE")): gRPC $IP:$PORT$([[ "$INSTANCE" == test ]] || echo ", Web UI http://$IP:$UI_PORT")"
  elif answers; then
    echo "a server not started by this script answers on $IP:$PORT"
  else
    echo "not running"; return 3
  fi
}

case "${1:-}" in
  install) install_cli >/dev/null ;;
  bin) install_cli ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 install|start|stop|status|bin" >&2; exit 2 ;;
esac
