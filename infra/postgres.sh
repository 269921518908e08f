#!/usr/bin/env bash
# PostgreSQL for local runs and tests.
#   infra/postgres.sh install | start | stop | status
# Uses the server at DATABASE_URL when one answers there; otherwise runs a private
# cluster under .data/postgres with Debian's binaries (installing them when missing).
# Either way it creates the application database and the test database.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/salur}"
TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/salur_test}"
CLUSTER_DIR="$SALUR_DATA_DIR/postgres"
STARTED_MARK="$CLUSTER_DIR/.started-by-salur"

# Parse postgres://user[:pass]@host[:port]/db into parts.
parse_url() {
  local url="$1" rest
  rest="${url#*://}"
  local auth="" hostpart="$rest"
  [[ "$rest" == *@* ]] && { auth="${rest%%@*}"; hostpart="${rest#*@}"; }
  PG_USER="${auth%%:*}"; PG_USER="${PG_USER:-postgres}"
  local hostport="${hostpart%%/*}"
  PG_DB="${hostpart#*/}"; PG_DB="${PG_DB%%\?*}"
  PG_HOST="${hostport%%:*}"
  PG_PORT="5432"; [[ "$hostport" == *:* ]] && PG_PORT="${hostport##*:}"
}

# The same server's maintenance database, for CREATE DATABASE.
admin_url() { local url="$1"; echo "${url%/*}/postgres"; }

need_client() {
  command -v psql >/dev/null 2>&1 && return
  log "psql missing; installing Debian's postgresql-client"
  apt_install postgresql-client
}

answers() { psql "$(admin_url "$1")" -tAc 'select 1' >/dev/null 2>&1; }

pg_bin_dir() {
  local dir
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"; return
  fi
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$dir" ]] && { echo "$dir"; return; }
  return 1
}

# initdb refuses to run as root; run the private cluster as the postgres system user then.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_private_cluster() {
  parse_url "$DATABASE_URL"
  [[ "$PG_HOST" == 127.0.0.1 || "$PG_HOST" == localhost ]] \
    || die "no PostgreSQL answers at $PG_HOST:$PG_PORT (DATABASE_URL) and it is not local, so no cluster can be started for it"
  local bin
  if ! bin="$(pg_bin_dir)"; then
    log "PostgreSQL server binaries missing; installing Debian's postgresql package"
    apt_install postgresql
    bin="$(pg_bin_dir)" || die "postgresql installed but initdb/pg_ctl not found"
  fi
  mkdir -p "$CLUSTER_DIR"
  [[ "$(id -u)" == 0 ]] && chown -R postgres:postgres "$CLUSTER_DIR"
  if [[ ! -f "$CLUSTER_DIR/PG_VERSION" ]]; then
    log "creating a private cluster in $CLUSTER_DIR"
    as_owner "$bin/initdb" -D "$CLUSTER_DIR" -U "$PG_USER" --auth=trust -E UTF8 >/dev/null
  fi
  log "starting the private cluster on $PG_HOST:$PG_PORT"
  as_owner "$bin/pg_ctl" -D "$CLUSTER_DIR" -l "$CLUSTER_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=$PG_HOST -k $CLUSTER_DIR" start >/dev/null \
    || { tail -n 20 "$CLUSTER_DIR/server.log" >&2; die "the private PostgreSQL cluster did not start (log: $CLUSTER_DIR/server.log)"; }
  touch "$STARTED_MARK"
}

create_database() {
  parse_url "$1"
  local exists
  exists="$(psql "$(admin_url "$1")" -tAc "select 1 from pg_database where datname = '$PG_DB'")"
  if [[ "$exists" != 1 ]]; then
    log "creating database $PG_DB"
    psql "$(admin_url "$1")" -qc "CREATE DATABASE \"$PG_DB\"" >/dev/null
  fi
}

start() {
  need_client
  if ! answers "$DATABASE_URL"; then start_private_cluster; fi
  create_database "$DATABASE_URL"
  create_database "$TEST_DATABASE_URL"
  parse_url "$DATABASE_URL"
  log "PostgreSQL is up at $PG_HOST:$PG_PORT (databases: $PG_DB, $(parse_url "$TEST_DATABASE_URL"; echo "$PG_DB"))"
}

stop() {
  if [[ -f "$STARTED_MARK" ]]; then
    local bin; bin="$(pg_bin_dir)"
    log "stopping the private cluster in $CLUSTER_DIR"
    as_owner "$bin/pg_ctl" -D "$CLUSTER_DIR" -m fast -w stop >/dev/null || true
    rm -f "$STARTED_MARK"
  else
    log "PostgreSQL was not started by this script; leaving it running"
  fi
}

status() {
  need_client
  if answers "$DATABASE_URL"; then
    parse_url "$DATABASE_URL"
    echo "answering at $PG_HOST:$PG_PORT$([[ -f "$STARTED_MARK" ]] && echo ' (private cluster started by this script)')"
  else
    echo "not running"; return 3
  fi
}

case "${1:-}" in
  install) need_client; pg_bin_dir >/dev/null || apt_install postgresql ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
