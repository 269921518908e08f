#!/usr/bin/env bash
# The main job on a fresh clone: installs what is missing, starts PostgreSQL, Temporal
# (with its Web UI), migrates, starts the worker and the API, runs the programme for
# Kota Semarang through the API, and leaves everything running until Ctrl-C.
#   infra/up.sh [--exit] [--persons N]   --exit: stop once the programme has run;
#                                        --persons: proposed residents per kecamatan (5,600)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/local-secrets.sh"
cd "$REPO_ROOT"

EXIT_WHEN_DONE=false
CLI_ARGS=()
for arg in "$@"; do
  if [[ "$arg" == "--exit" ]]; then EXIT_WHEN_DONE=true; else CLI_ARGS+=("$arg"); fi
done
RUN_DIR="$SALUR_DATA_DIR/run"
mkdir -p "$RUN_DIR"
API_PORT="${API_PORT:-3000}"

cleanup() {
  trap - EXIT INT TERM
  log "stopping the API and the worker"
  stop_pid "$RUN_DIR/api.pid"
  stop_pid "$RUN_DIR/worker.pid"
  bash infra/temporal.sh stop
  bash infra/postgres.sh stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "installing npm dependencies"; npm ci --no-audit --no-fund
fi
log "building"; npm run --silent build
# Workflow payloads are encrypted (the worker, the API and the tools share the keys): the
# caller's PAYLOAD_KEYS, or a key generated once into the data folder.
PAYLOAD_KEYS="${PAYLOAD_KEYS:-$(ensure_payload_keys "$SALUR_DATA_DIR")}"
export PAYLOAD_KEYS
bash infra/postgres.sh start
bash infra/temporal.sh start
npm run --silent db:migrate
# The main job logs in as each role; demo users are created once (idempotent).
node dist/apps/cli/src/seed-demo-users.js

start_app() {
  local name="$1" entry="$2"
  stop_pid "$RUN_DIR/$name.pid"
  setsid node "$entry" >"$RUN_DIR/$name.log" 2>&1 < /dev/null &
  echo $! >"$RUN_DIR/$name.pid"
}
start_app worker dist/apps/worker/src/main.js
# The API signs tokens with JWT_SECRET: the caller's, or one generated once into the data folder.
JWT_SECRET="${JWT_SECRET:-$(ensure_jwt_secret "$SALUR_DATA_DIR")}" start_app api dist/apps/api/src/main.js

for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$API_PORT/kecamatan/33.74.01/kelurahan" && break
  pid_alive "$RUN_DIR/api.pid" || { tail -n 20 "$RUN_DIR/api.log" >&2; die "the API exited (log: $RUN_DIR/api.log)"; }
  sleep 0.5
done

PROGRAM_ID="${PROGRAM_ID:-jps-2021-$(date +%s)}"
node dist/apps/cli/src/run-programme.js "$PROGRAM_ID" --work-dir "$RUN_DIR/$PROGRAM_ID" "${CLI_ARGS[@]}"

cat <<INFO

  API              http://127.0.0.1:$API_PORT
  Temporal Web UI  http://127.0.0.1:${TEMPORAL_UI_PORT:-8233}  (filter: ProgramId = "$PROGRAM_ID")
  Logs             $RUN_DIR/{api,worker}.log

INFO
if $EXIT_WHEN_DONE; then exit 0; fi
log "running; press Ctrl-C to stop everything"
while pid_alive "$RUN_DIR/api.pid" && pid_alive "$RUN_DIR/worker.pid"; do sleep 1; done
die "the API or the worker stopped (logs in $RUN_DIR)"
