# Shared helpers for the infra scripts. Sourced, not run.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Runtime state (databases, logs, pid files) lives here, outside what git tracks.
SALUR_DATA_DIR="${SALUR_DATA_DIR:-$REPO_ROOT/.data}"
# Tools built once per machine live here, outside the work tree, so a fresh clone reuses them.
SALUR_CACHE_DIR="${SALUR_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/salur}"

log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# apt_install PACKAGE...: Debian's packages, for what a script needs and the machine lacks.
apt_install() {
  [[ "$(id -u)" == 0 ]] || die "need root to apt-get install $*; install it and run again"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || die "apt-get install $* failed"
}

# pid_alive FILE: true when FILE names a live process.
pid_alive() {
  [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

# stop_pid FILE: TERM the process in FILE, wait, then KILL; remove FILE.
stop_pid() {
  local file="$1" pid
  pid_alive "$file" || { rm -f "$file"; return 0; }
  pid="$(cat "$file")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$file"; return 0; }
    sleep 0.2
  done
  log "process $pid did not stop after 20 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$file"
}
